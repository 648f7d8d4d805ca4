package kis.engine.live;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import kis.actors.agent.Agent;
import kis.actors.agent.StrategyHost;
import kis.actors.manager.AgentManager;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Logs one compact line per agent every few seconds: journal, positions, cash flow, orders, park
 * state, and, while it has not traded, why ({@code idle: warming up (3 of 20 bars)}).
 */
public final class StatusLog {

  public interface Command {}

  private record Tick() implements Command {}

  private record Agents(List<AgentManager.ManagedAgent> agents) implements Command {}

  private record State(AgentManager.ManagedAgent agent, AgentState state) implements Command {}

  private record Idle(AgentManager.ManagedAgent agent, AgentState state, String reason) implements Command {}

  private StatusLog() {}

  public static Behavior<Command> create(ActorRef<AgentManager.Command> manager, Duration every) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      ctx.setLoggerName(StatusLog.class); // a lambda behavior would log as ActorCell
      timers.startTimerWithFixedDelay(new Tick(), every);
      return Behaviors.receive(Command.class)
          .onMessage(Tick.class, t -> {
            ctx.ask(List.class, manager, Duration.ofSeconds(5), r -> new AgentManager.GetAgents(r.unsafeUpcast()),
                (list, err) -> new Agents(list == null ? List.of() : cast(list)));
            return Behaviors.same();
          })
          .onMessage(Agents.class, m -> {
            for (AgentManager.ManagedAgent a : m.agents()) {
              if (a.damaged()) {
                ctx.getLog().error("{} DAMAGED journal, not started: {}", a.configuredId(), a.damage().get());
                continue;
              }
              if (a.agent().isEmpty()) {
                ctx.getLog().info("{} stopped", a.configuredId());
                continue;
              }
              ctx.ask(AgentState.class, a.agent().get(), Duration.ofSeconds(5), Agent.GetState::new,
                  (s, err) -> s == null ? null : new State(a, s));
            }
            return Behaviors.same();
          })
          .onMessage(State.class, m -> {
            if (m.agent().host().isEmpty()) {
              log(ctx, m.agent(), m.state(), "");
            } else {
              ctx.ask(StrategyHost.HostStatus.class, m.agent().host().get(), Duration.ofSeconds(5),
                  StrategyHost.GetStatus::new, (h, err) -> new Idle(m.agent(), m.state(), h == null ? "" : h.idleReason()));
            }
            return Behaviors.same();
          })
          .onMessage(Idle.class, m -> {
            log(ctx, m.agent(), m.state(), m.reason());
            return Behaviors.same();
          })
          .build();
    }));
  }

  @SuppressWarnings("unchecked")
  private static List<AgentManager.ManagedAgent> cast(List<?> l) {
    return (List<AgentManager.ManagedAgent>) l;
  }

  private static void log(ActorContext<Command> ctx, AgentManager.ManagedAgent a, AgentState s, String idle) {
    String positions = s.positions().entrySet().stream().filter(e -> e.getValue().quantity() != 0)
        .map(e -> e.getKey() + "x" + e.getValue().quantity()).collect(Collectors.joining(","));
    ctx.getLog().info("{} [{} {}] pos {} cash {} fees+tax {} open {} orders {} events {}{}{}", a.journalId(),
        a.strategy(), a.symbol().code(), positions.isEmpty() ? "-" : positions, s.cashFlow(), s.fees() + s.taxes(),
        s.openOrders().size(), s.nextOrderSeq() - 1, s.eventCount(),
        s.parked() ? " PARKED: " + s.parkReason() : "", idle.isEmpty() ? "" : " idle: " + idle);
  }
}
