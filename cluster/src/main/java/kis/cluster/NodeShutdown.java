package kis.cluster;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import kis.actors.agent.AgentConfig;
import kis.actors.live.AccountDesk;
import kis.actors.live.AgentRunner;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster node's part in Pekko's coordinated shutdown (SIGTERM, Ctrl-C), the cluster's
 * counterpart of the single node's {@code EngineShutdown}. The account is a singleton shared by
 * every node, so a node stopping closes what is its own, and hands over the rest:
 * <ol>
 *   <li>{@code before-service-unbind}, order flow: the strategy hosts of the agents running on this
 *       node are paused (no new placements). If the account singleton runs here too, its order flow
 *       is closed for good (what any agent sends from now on is refused, journaled as never sent,
 *       until the account has restarted on the next node, open), and the step waits until no
 *       registered agent has an order sent but unanswered; otherwise it waits for this node's own
 *       agents only. What is still unanswered when the step's bound is up is left in doubt, for the
 *       reconciler of the account's next instance (nothing is ever re-sent).</li>
 *   <li>The agents stop: Cluster Sharding hands this node's entities over in
 *       {@code cluster-sharding-shutdown-region} and restarts them on the other nodes from the
 *       PostgreSQL journal (remember-entities), unpaused; the account singleton moves with
 *       {@code cluster-exiting}. Then the node leaves the cluster.</li>
 * </ol>
 * The bound is {@code kis-trader.shutdown.order-flow-timeout} (15 s), as for the single node.
 */
public final class NodeShutdown {
  private static final Logger LOG = LoggerFactory.getLogger(NodeShutdown.class);

  private NodeShutdown() {}

  /** {@code kis-trader.shutdown.order-flow-timeout}, 15 s when absent. */
  public static Duration orderFlowTimeout(Config c) {
    String path = "kis-trader.shutdown.order-flow-timeout";
    return c.hasPath(path) ? c.getDuration(path) : Duration.ofSeconds(15);
  }

  /** Pekko's phase timeout a little above the step's bound, so the step, not the phase, gives up. */
  public static Config phaseTimeouts(Config c) {
    return com.typesafe.config.ConfigFactory.parseString("pekko.coordinated-shutdown.phases."
        + CoordinatedShutdown.PhaseBeforeServiceUnbind() + ".timeout = "
        + orderFlowTimeout(c).plus(Duration.ofSeconds(2)).toMillis() + "ms");
  }

  /** Adds the order-flow step to {@code system}'s coordinated shutdown; {@code steps} hears its one line. */
  public static Cancellable register(ActorSystem<?> system, ClusterEngine.Handles h, Duration bound,
      Consumer<String> steps) {
    return CoordinatedShutdown.get(system).addCancellableTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(),
        "node-order-flow", () -> orderFlow(system, h, bound).toCompletableFuture()
            .orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS)
            .handle((line, failure) -> {
              String out = "shutdown (node): " + (failure == null ? line
                  : "order flow not settled within " + bound + " (" + cause(failure)
                      + "); what is unanswered stays in doubt for the reconciler");
              if (failure == null) {
                LOG.info(out);
              } else {
                LOG.warn(out);
              }
              steps.accept(out);
              return Done.getInstance();
            }));
  }

  private static CompletionStage<String> orderFlow(ActorSystem<?> system, ClusterEngine.Handles h, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    // Each ask may take the step's whole bound (the step as a whole is bounded by it): an answer
    // slower than a few seconds on a loaded node must not end the step early as "not settled".
    Duration ask = bound;
    String self = system.address().toString();
    return AskPattern.<AccountDesk.Command, AccountDesk.DeskStatus>ask(h.account(), AccountDesk.GetStatus::new, ask,
        system.scheduler()).thenCompose(status -> {
          boolean deskHere = self.equals(status.node());
          List<AgentConfig> local = h.agents().stream()
              .filter(a -> self.equals(status.agentNodes().get(a.id().value()))).toList();
          List<AgentConfig> watched = deskHere ? h.agents() : local;
          CompletableFuture<?>[] pauses = local.stream().map(a -> h.agent(a.id())
              .<Done>ask(r -> new AgentRunner.Pause(true, r), ask).toCompletableFuture())
              .toArray(CompletableFuture[]::new);
          CompletionStage<Done> closed = CompletableFuture.allOf(pauses).thenCompose(x -> deskHere
              ? AskPattern.<AccountDesk.Command, Done>ask(h.account(), AccountDesk.CloseOrderFlow::new, ask,
                  system.scheduler())
              : CompletableFuture.completedFuture(Done.getInstance()));
          return closed.thenCompose(d -> untilAnswered(system, h, watched, deadline))
              .thenApply(n -> local.size() + " agent(s) of this node paused"
                  + (deskHere ? "; the account's order flow closed (it moves to the next node)" : "")
                  + "; no order of " + watched.size() + " agent(s) unanswered");
        });
  }

  /** Polls the watched agents' books until none has an order sent but unanswered ({@link OrderStatus#REQUESTED}). */
  private static CompletionStage<Integer> untilAnswered(ActorSystem<?> system, ClusterEngine.Handles h,
      List<AgentConfig> agents, long deadline) {
    List<CompletableFuture<AgentState>> books = agents.stream().map(a -> h.agent(a.id())
        .<AgentState>ask(AgentRunner.GetState::new, Duration.ofNanos(Math.max(1_000_000_000L, deadline - System.nanoTime()))).toCompletableFuture()).toList();
    return CompletableFuture.allOf(books.toArray(CompletableFuture[]::new)).thenCompose(x -> {
      int unanswered = books.stream().mapToInt(b -> b.join().ordersIn(OrderStatus.REQUESTED).size()).sum();
      if (unanswered == 0) {
        return CompletableFuture.completedFuture(0);
      }
      if (System.nanoTime() > deadline) {
        return CompletableFuture.failedFuture(new IllegalStateException(unanswered + " order(s) unanswered"));
      }
      CompletableFuture<Done> later = new CompletableFuture<>();
      system.scheduler().scheduleOnce(Duration.ofMillis(50), () -> later.complete(Done.getInstance()),
          system.executionContext());
      return later.thenCompose(d -> untilAnswered(system, h, agents, deadline));
    });
  }

  private static String cause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c != c.getCause()) {
      c = c.getCause();
    }
    return c instanceof java.util.concurrent.TimeoutException ? "timed out" : c.toString();
  }
}
