package kis.actors.live;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kis.actors.agent.AgentConfig;
import kis.journal.AgentId;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The single node's stand-in for Cluster Sharding with remember-entities: one {@link AgentRunner}
 * child per configured agent, started at once, and started again (after a backoff) whenever one
 * stops: a runner stops itself when its agent stopped unexpectedly, when its account went away or
 * when its generation could not be read, and counts on its parent to bring it back, exactly as in
 * the cluster. A runner whose journal is damaged does not stop (it stays up refusing), so it is not
 * restarted into the same failures. Stopping this actor stops every runner for good (the engine's
 * shutdown).
 */
public final class LocalAgents {

  /** What the directory accepts. */
  public sealed interface Command permits GetAgents, RunnerStopped, Restart, Stop, Start {}

  /**
   * Stop agent {@code id}'s runner (as a crash would: a write in flight is resolved by recovery)
   * and keep it stopped until {@link Start}: a single-node tool's control (the fixture writer), not
   * an operator's (working orders stay at KIS until cancelled or expired). Answered once it is gone.
   */
  public record Stop(AgentId id, ActorRef<org.apache.pekko.Done> replyTo) implements Command {}

  /** Start agent {@code id}'s runner again after a {@link Stop}. */
  public record Start(AgentId id) implements Command {}

  /** Every configured agent with its runner, if one runs now. */
  public record GetAgents(ActorRef<List<Member>> replyTo) implements Command {}

  /** One configured agent and its runner (empty while it is being restarted). */
  public record Member(AgentConfig config, Optional<ActorRef<AgentRunner.Command>> runner) {}

  record RunnerStopped(AgentId id, ActorRef<AgentRunner.Command> runner) implements Command {}

  record Restart(AgentId id) implements Command {}

  static final Duration MIN_BACKOFF = Duration.ofMillis(500);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  /** A runner that ran this long before it stopped starts again after the shortest backoff. */
  static final Duration STABLE_AFTER = Duration.ofMinutes(1);

  private final AgentRunner.Setup setup;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final Map<AgentId, AgentConfig> configs = new LinkedHashMap<>();
  private final Map<AgentId, ActorRef<AgentRunner.Command>> runners = new LinkedHashMap<>();
  private final Map<AgentId, java.time.Instant> startedAt = new java.util.HashMap<>();
  private final Map<AgentId, Integer> restarts = new java.util.HashMap<>();
  private int spawned;
  /** Runners stopped by {@link Stop}, with who waits for it. */
  private final Map<AgentId, ActorRef<org.apache.pekko.Done>> stopped = new java.util.HashMap<>();

  private LocalAgents(AgentRunner.Setup setup, ActorContext<Command> ctx, TimerScheduler<Command> timers) {
    this.setup = setup;
    this.ctx = ctx;
    this.timers = timers;
  }

  /** Starts a runner for every agent of {@code setup}. */
  public static Behavior<Command> create(AgentRunner.Setup setup) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      LocalAgents d = new LocalAgents(setup, ctx, timers);
      setup.agents().forEach(a -> {
        d.configs.put(a.id(), a);
        d.start(a.id());
      });
      return d.running();
    }));
  }

  private Behavior<Command> running() {
    return Behaviors.receive(Command.class)
        .onMessage(GetAgents.class, m -> {
          m.replyTo().tell(configs.values().stream()
              .map(a -> new Member(a, Optional.ofNullable(runners.get(a.id())))).toList());
          return Behaviors.same();
        })
        .onMessage(RunnerStopped.class, this::onStopped)
        .onMessage(Stop.class, m -> {
          ActorRef<AgentRunner.Command> r = runners.get(m.id());
          stopped.put(m.id(), m.replyTo());
          if (r == null) {
            m.replyTo().tell(org.apache.pekko.Done.getInstance());
          } else {
            ctx.stop(r);
          }
          return Behaviors.same();
        })
        .onMessage(Start.class, m -> {
          if (stopped.remove(m.id()) != null && configs.containsKey(m.id()) && !runners.containsKey(m.id())) {
            start(m.id());
          }
          return Behaviors.same();
        })
        .onMessage(Restart.class, m -> {
          if (!runners.containsKey(m.id()) && !stopped.containsKey(m.id())) {
            start(m.id());
          }
          return Behaviors.same();
        })
        .build();
  }

  private void start(AgentId id) {
    ActorRef<AgentRunner.Command> r = ctx.spawn(AgentRunner.create(id.value(), setup),
        "agent-" + id.value() + "-" + (++spawned));
    ctx.watchWith(r, new RunnerStopped(id, r));
    runners.put(id, r);
    startedAt.put(id, setup.clock().instant());
  }

  private Behavior<Command> onStopped(RunnerStopped m) {
    if (!m.runner().equals(runners.get(m.id()))) {
      return Behaviors.same();
    }
    runners.remove(m.id());
    if (stopped.containsKey(m.id())) {
      stopped.get(m.id()).tell(org.apache.pekko.Done.getInstance());
      return Behaviors.same();
    }
    boolean stable = Duration.between(startedAt.get(m.id()), setup.clock().instant()).compareTo(STABLE_AFTER) > 0;
    int n = stable ? 0 : restarts.getOrDefault(m.id(), 0);
    restarts.put(m.id(), n + 1);
    Duration wait = backoff(n);
    ctx.getLog().warn("agent {}'s runner stopped; starting it again in {}", m.id(), wait);
    timers.startSingleTimer("restart-" + m.id().value(), new Restart(m.id()), wait);
    return Behaviors.same();
  }

  /**
   * The agent and host of configured agent {@code id} now (tools and tests): empty while its runner
   * is being restarted; a damaged one has neither.
   */
  public static java.util.concurrent.CompletionStage<Optional<AgentRunner.Refs>> refs(
      org.apache.pekko.actor.typed.ActorSystem<?> system, ActorRef<Command> agents, AgentId id, Duration timeout) {
    return org.apache.pekko.actor.typed.javadsl.AskPattern.<Command, List<Member>>ask(agents, GetAgents::new, timeout,
        system.scheduler()).thenCompose(list -> {
          Optional<ActorRef<AgentRunner.Command>> r = list.stream().filter(m -> m.config().id().equals(id)).findFirst()
              .flatMap(Member::runner);
          return r.isEmpty() ? java.util.concurrent.CompletableFuture.completedFuture(Optional.<AgentRunner.Refs>empty())
              : org.apache.pekko.actor.typed.javadsl.AskPattern.<AgentRunner.Command, AgentRunner.Refs>ask(r.get(),
                  AgentRunner.GetRefs::new, timeout, system.scheduler()).thenApply(Optional::of);
        });
  }

  /** The wait before the {@code n}th restart in a row: doubling from the shortest to the longest. */
  static Duration backoff(int n) {
    Duration d = MIN_BACKOFF.multipliedBy(1L << Math.min(n, 16));
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }
}
