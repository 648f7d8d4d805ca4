package kis.actors.agent;

import kis.journal.AgentId;
import org.apache.pekko.actor.typed.ActorSystem;

/** Test access to {@link RecoveryGiveUps}: what an agent records when its recovery gives up. */
public final class GiveUps {
  private GiveUps() {}

  public static void record(ActorSystem<?> system, AgentId journalId, String why) {
    RecoveryGiveUps.get(system).record(journalId, why);
  }
}
