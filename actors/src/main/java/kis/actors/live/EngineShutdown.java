package kis.actors.live;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import kis.actors.gateway.OrderGateway;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.Persistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live engine's part in Pekko's coordinated shutdown (Ctrl-C, SIGTERM,
 * {@code ActorSystem.terminate}), so nothing is cut off mid-way and the LevelDB journal is never
 * closed under a writer:
 * <ol>
 *   <li>{@code before-service-unbind}: order flow stops. The strategy hosts are paused (no new
 *       placements), the gateway closes ({@link OrderGateway.Close}) and refuses whatever
 *       the agents send from now on, and the task waits until the REST calls the gateway already made have answered or timed out;</li>
 *   <li>{@code service-requests-done}: the agents stop (agent manager, agents, strategy hosts); an
 *       agent stops only after the events it is persisting are written;</li>
 *   <li>{@code service-stop}: the KIS supervisor closes its websocket; gateway, reconciler and
 *       kill switch stop;</li>
 *   <li>{@code before-actor-system-terminate}: a barrier through the journal, so every write
 *       queued before it is done before the persistence plugins stop with the system.</li>
 * </ol>
 * Each step is bounded ({@link Settings}) and logs one line (and tells {@code steps}).
 */
final class EngineShutdown {
  private static final Logger LOG = LoggerFactory.getLogger(EngineShutdown.class);
  static final int STEPS = 4;

  /**
   * How long each step may take ({@code kis-trader.shutdown}); a step that takes longer is given
   * up and the shutdown goes on.
   *
   * @param orderFlow in-flight order calls to answer (their own timeout is the connector's)
   * @param agents agents to stop
   * @param connection websocket, gateway and reconciler to stop, then the journal barrier
   */
  record Settings(Duration orderFlow, Duration agents, Duration connection) {
    static Settings fromConfig(Config c) {
      return new Settings(duration(c, "order-flow-timeout", Duration.ofSeconds(15)),
          duration(c, "agents-timeout", Duration.ofSeconds(10)),
          duration(c, "connection-timeout", Duration.ofSeconds(5)));
    }

    private static Duration duration(Config c, String key, Duration dflt) {
      String path = "kis-trader.shutdown." + key;
      return c.hasPath(path) ? c.getDuration(path) : dflt;
    }

    /** Pekko's phase timeouts a little above each step's bound, so the step, not the phase, gives up. */
    Config phaseTimeouts() {
      Duration margin = Duration.ofSeconds(2);
      return ConfigFactory.parseString(String.join("\n",
          phase(CoordinatedShutdown.PhaseBeforeServiceUnbind(), orderFlow.plus(margin)),
          phase(CoordinatedShutdown.PhaseServiceRequestsDone(), agents.plus(margin)),
          phase(CoordinatedShutdown.PhaseServiceStop(), connection.plus(margin)),
          phase(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), connection.plus(margin))));
    }

    private static String phase(String name, Duration d) {
      return "pekko.coordinated-shutdown.phases." + name + ".timeout = " + d.toMillis() + "ms";
    }
  }

  /** The guardian's side: stop the agent manager, then the connection, completing when they are gone. */
  interface Stopper {
    /** Every running strategy host stops placing orders; completes with how many were paused. */
    CompletionStage<Integer> pauseStrategies();

    CompletionStage<Done> stopAgents();

    CompletionStage<Done> stopConnection();
  }

  private EngineShutdown() {}

  /**
   * Adds the four steps to the system's coordinated shutdown; cancel the returned tasks when the
   * engine stops on its own (a test stopping only the engine's actors).
   *
   * @param journalBarrierPid a persistence id the journal already knows (read, never written)
   */
  static List<Cancellable> register(ActorSystem<?> system, String name, Settings settings,
      ActorRef<OrderGateway.Command> gateway, Stopper stopper, String journalBarrierPid, Consumer<String> steps) {
    CoordinatedShutdown cs = CoordinatedShutdown.get(system);
    return List.of(
        cs.addCancellableTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), name + "-order-flow",
            () -> step(1, "order flow", settings.orderFlow(), steps, () -> stopper.pauseStrategies()
                .thenCompose(hosts -> stopOrderFlow(system, gateway, settings.orderFlow())
                    .thenApply(line -> line + "; " + hosts + " strategy host(s) paused")))),
        cs.addCancellableTask(CoordinatedShutdown.PhaseServiceRequestsDone(), name + "-agents",
            () -> step(2, "agents", settings.agents(), steps,
                () -> stopper.stopAgents().thenApply(d -> "agents stopped, their journal writes flushed"))),
        cs.addCancellableTask(CoordinatedShutdown.PhaseServiceStop(), name + "-kis-connection",
            () -> step(3, "KIS connection", settings.connection(), steps, () -> stopper.stopConnection()
                .thenApply(d -> "KIS websocket closed; supervisor, gateway and reconciler stopped"))),
        cs.addCancellableTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), name + "-journal-barrier",
            () -> step(4, "journal", settings.connection(), steps,
                () -> journalBarrier(system, journalBarrierPid, settings.connection()))));
  }

  /** Runs one step within its bound, logging its outcome; never fails, so the shutdown goes on. */
  private static CompletionStage<Done> step(int n, String what, Duration bound, Consumer<String> steps,
      java.util.function.Supplier<CompletionStage<String>> action) {
    String prefix = "shutdown " + n + "/" + STEPS + ": ";
    CompletableFuture<String> done;
    try {
      done = action.get().toCompletableFuture();
    } catch (RuntimeException e) {
      done = CompletableFuture.failedFuture(e);
    }
    return done.orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS).handle((line, failure) -> {
      String out = failure == null ? prefix + line
          : prefix + what + " not done within " + bound + " (" + rootCause(failure) + "); going on";
      if (failure == null) {
        LOG.info(out);
      } else {
        LOG.warn(out);
      }
      try {
        steps.accept(out);
      } catch (RuntimeException e) {
        LOG.debug("shutdown step listener failed", e);
      }
      return Done.getInstance();
    });
  }

  private static String rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c != c.getCause()) {
      c = c.getCause();
    }
    return c instanceof java.util.concurrent.TimeoutException ? "timed out" : c.toString();
  }

  private static CompletionStage<String> stopOrderFlow(ActorSystem<?> system,
      ActorRef<OrderGateway.Command> gateway, Duration bound) {
    // Each ask may take the step's whole bound (the step itself is bounded by it): a gateway slower
    // than a few seconds to answer on a loaded machine must not end the step early.
    Duration ask = bound;
    return AskPattern.<OrderGateway.Command, Done>ask(gateway, OrderGateway.Close::new, ask, system.scheduler())
        .thenCompose(d -> untilSettled(system, gateway, System.nanoTime() + bound.toNanos()))
        .thenApply(stats -> "order flow stopped: nothing new goes to KIS; " + stats.sent() + " order call(s) made, "
            + "none still in flight");
  }

  /**
   * Polls the gateway until every call it made has an outcome and nothing waits in its queue.
   * Each call ends in exactly one of accepted, rejected, throttled or in doubt (a throttled call
   * given up counts twice, so this may end a little early after one: harmless, the bound applies
   * anyway).
   */
  private static CompletionStage<OrderGateway.Stats> untilSettled(ActorSystem<?> system,
      ActorRef<OrderGateway.Command> gateway, long deadline) {
    return AskPattern.<OrderGateway.Command, OrderGateway.Stats>ask(gateway, OrderGateway.GetStats::new,
        Duration.ofNanos(Math.max(1_000_000_000L, deadline - System.nanoTime())), system.scheduler()).thenCompose(s -> {
          boolean settled = s.queued() == 0 && s.accepted() + s.rejected() + s.throttled() + s.inDoubt() >= s.sent();
          if (settled) {
            return CompletableFuture.completedFuture(s);
          }
          if (System.nanoTime() > deadline) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                (s.sent() - s.accepted() - s.rejected() - s.throttled() - s.inDoubt()) + " order call(s) in flight, "
                    + s.queued() + " queued"));
          }
          return after(system, Duration.ofMillis(20)).thenCompose(x -> untilSettled(system, gateway, deadline));
        });
  }

  private static CompletionStage<Done> after(ActorSystem<?> system, Duration d) {
    CompletableFuture<Done> f = new CompletableFuture<>();
    system.scheduler().scheduleOnce(d, () -> f.complete(Done.getInstance()), system.executionContext());
    return f;
  }

  /**
   * The journal answers a replay request only after the writes ahead of it in its mailbox; one
   * that reads no events (highest sequence number only) is the cheapest such barrier.
   */
  private static CompletionStage<String> journalBarrier(ActorSystem<?> system, String pid, Duration bound) {
    org.apache.pekko.actor.ActorRef journal = Persistence.get(Adapter.toClassic(system)).journalFor("", ConfigFactory.empty());
    org.apache.pekko.japi.function.Function<org.apache.pekko.actor.ActorRef, Object> replay =
        replyTo -> new JournalProtocol.ReplayMessages(0L, 0L, 0L, pid, replyTo);
    return Patterns.askWithReplyTo(journal, replay, bound)
        .thenApply(reply -> "journal writes done; the persistence plugins may close");
  }
}
