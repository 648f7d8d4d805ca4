package kis.actors.manager;

import java.time.LocalDate;
import org.apache.pekko.actor.typed.ActorRef;

/** Test access to the agent manager's day roll, as its session-end timer sends it. */
public final class ManagerDayRoll {
  private ManagerDayRoll() {}

  public static void roll(ActorRef<AgentManager.Command> manager, LocalDate tradingDay) {
    manager.tell(new AgentManager.DayRoll(tradingDay));
  }
}
