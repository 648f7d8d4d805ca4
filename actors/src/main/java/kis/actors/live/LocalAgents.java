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
  public sealed interface Command permits GetAgents, RunnerStopped, Restart {}

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
        .onMessage(Restart.class, m -> {
          if (!runners.containsKey(m.id())) {
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
    boolean stable = Duration.between(startedAt.get(m.id()), setup.clock().instant()).compareTo(STABLE_AFTER) > 0;
    int n = stable ? 0 : restarts.getOrDefault(m.id(), 0);
    restarts.put(m.id(), n + 1);
    Duration wait = backoff(n);
    ctx.getLog().warn("agent {}'s runner stopped; starting it again in {}", m.id(), wait);
    timers.startSingleTimer("restart-" + m.id().value(), new Restart(m.id()), wait);
    return Behaviors.same();
  }

  /** The wait before the {@code n}th restart in a row: doubling from the shortest to the longest. */
  static Duration backoff(int n) {
    Duration d = MIN_BACKOFF.multipliedBy(1L << Math.min(n, 16));
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }
}
