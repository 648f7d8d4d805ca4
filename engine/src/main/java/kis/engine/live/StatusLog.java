package kis.engine.live;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import kis.actors.handle.AgentView;
import kis.actors.handle.EngineHandle;

/**
 * Logs one compact line per agent every few seconds: journal, positions, cash flow, orders, park
 * state, and, while it has not traded, why ({@code idle: warming up (3 of 20 bars)}). Reads the
 * agents through the {@link EngineHandle}, so it reads either profile.
 */
public final class StatusLog {

  public interface Command {}

  private record Tick() implements Command {}

  private record Agents(List<AgentView> agents) implements Command {}

  private StatusLog() {}

  public static Behavior<Command> create(EngineHandle engine, Duration every) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      ctx.setLoggerName(StatusLog.class); // a lambda behavior would log as ActorCell
      timers.startTimerWithFixedDelay(new Tick(), every);
      return Behaviors.receive(Command.class)
          .onMessage(Tick.class, t -> {
            ctx.pipeToSelf(engine.agents(), (list, err) -> new Agents(list == null ? List.of() : list));
            return Behaviors.same();
          })
          .onMessage(Agents.class, m -> {
            for (AgentView a : m.agents()) {
              if (a.damage().isPresent()) {
                ctx.getLog().error("{} DAMAGED journal, not started: {}", a.configuredId(), a.damage().get());
              } else if (a.recovering()) {
                ctx.getLog().info("{} {}", a.configuredId(), a.idleReason());
              } else if (!a.running()) {
                ctx.getLog().info("{} stopped", a.configuredId());
              } else {
                log(ctx, a);
              }
            }
            return Behaviors.same();
          })
          .build();
    }));
  }

  private static void log(ActorContext<Command> ctx, AgentView a) {
    AgentState s = a.books();
    String idle = a.idleReason();
    String positions = s.positions().entrySet().stream().filter(e -> e.getValue().quantity() != 0)
        .map(e -> e.getKey() + "x" + e.getValue().quantity()).collect(Collectors.joining(","));
    ctx.getLog().info("{} [{} {}] pos {} cash {} fees+tax {} open {} orders {} events {}{}{}", a.journalId(),
        a.strategy(), a.symbol().code(), positions.isEmpty() ? "-" : positions, s.cashFlow(), s.fees() + s.taxes(),
        s.openOrders().size(), s.nextOrderSeq() - 1, s.eventCount(),
        s.parked() ? " PARKED: " + s.parkReason() : "", idle.isEmpty() ? "" : " idle: " + idle);
  }
}
