package kis.actors.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import kis.journal.AgentId;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveId;
import kis.journal.ProtectiveSpec;
import kis.journal.Side;
import kis.journal.Trail;
import kis.journal.state.AgentState;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;

/**
 * The child JVM of {@link ProtectiveCrashTest}: one agent on LevelDB holding 20 shares arms two
 * trailing stops, trails both, has the first fire (journaled: trigger and child request in one write,
 * then handed to a port that drops it, as if the process died before KIS got it), prints its event
 * count and state hash, fires the second without waiting and halts the JVM.
 */
public final class ProtectiveCrashMain {
  static final AgentId ID = new AgentId("stops");
  static final ProtectiveId P1 = new ProtectiveId("stops-p1");
  static final ProtectiveId P2 = new ProtectiveId("stops-p2");

  private ProtectiveCrashMain() {}

  static ProtectiveStep trail(ProtectiveId id, long trigger, long best) {
    return new ProtectiveStep(id, ProtectiveStep.Kind.TRAILED, trigger, best, 0, null, null, null);
  }

  static ProtectiveStep fire(ProtectiveId id, long price) {
    return new ProtectiveStep(id, ProtectiveStep.Kind.FIRED, 0, 0, price,
        OrderSpec.market(CrashingAgentsMain.SAMSUNG, Side.SELL, 10), null, null);
  }

  public static void main(String[] args) {
    ActorTestKit kit = ActorTestKit.create("doomed-stops", LevelDbTestSystem.config(Path.of(args[0])));
    ActorRef<OrderPort> lost = kit.spawn(Behaviors.<OrderPort>ignore());
    ActorRef<Agent.Command> agent = kit.spawn(
        Agent.create(AgentSettings.of(ID).withSnapshotEvery(4), lost, CrashingAgentsMain.CLOCK), ID.value());
    TestProbe<StatusReply<Done>> ack = kit.createTestProbe();
    agent.tell(new Agent.CorrectPosition(CrashingAgentsMain.SAMSUNG, 20, 70_000, "c1", "start", ack.getRef()));
    ack.receiveMessage(Duration.ofSeconds(10));
    ProtectiveSpec trailing = ProtectiveSpec.trailingStop(CrashingAgentsMain.SAMSUNG, Side.SELL, 10, Trail.ticks(5))
        .until(kis.journal.TimeInForce.goodTill(LocalDate.of(2026, 12, 31)));
    for (int i = 0; i < 2; i++) {
      agent.tell(new Agent.ArmProtective(List.of(trailing), "crash test", LocalDate.of(2026, 11, 24),
          CrashingAgentsMain.CLOCK.instant().plusSeconds(3600), ack.getRef()));
      ack.receiveMessage(Duration.ofSeconds(10));
    }
    for (long best : new long[] {70_000, 71_000}) {
      long trigger = best - 500;
      agent.tell(new Agent.ApplyProtectiveSteps(List.of(trail(P1, trigger, best), trail(P2, trigger, best)),
          CrashingAgentsMain.CLOCK.instant(), ack.getRef()));
      ack.receiveMessage(Duration.ofSeconds(10));
    }
    agent.tell(new Agent.ApplyProtectiveSteps(List.of(fire(P1, 70_400)), CrashingAgentsMain.CLOCK.instant(),
        ack.getRef()));
    ack.receiveMessage(Duration.ofSeconds(10));
    TestProbe<AgentState> state = kit.createTestProbe();
    agent.tell(new Agent.GetState(state.getRef()));
    AgentState s = state.receiveMessage(Duration.ofSeconds(10));
    System.out.println("STATE " + s.eventCount() + " " + s.stateHash());
    System.out.flush();
    agent.tell(new Agent.ApplyProtectiveSteps(List.of(fire(P2, 70_300)), CrashingAgentsMain.CLOCK.instant(),
        ack.getRef()));
    System.out.println("HALT");
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}
