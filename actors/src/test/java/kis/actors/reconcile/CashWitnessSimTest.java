package kis.actors.reconcile;

import static kis.actors.live.LiveHarness.WAIT;
import static kis.actors.live.LiveHarness.awaitTrue;
import static kis.actors.reconcile.WitnessOnSim.buyFilled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kis.actors.agent.Agent;
import kis.actors.live.LiveHarness;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.event.OrderRequested;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cash witness end to end on kis-sim: an agent's journal whose tail is cut off (the events of
 * its last order, as a truncated {@code .log} loses them) no longer explains the account's cash; the
 * reconciler reports the cash drift, parks the agent, and a book-back makes the cash agree again.
 */
@ExtendWith(LogCapturingExtension.class)
class CashWitnessSimTest {
  static final Symbol KAKAO = Symbol.of("035720");
  @AutoClose LiveHarness h;

  @BeforeEach
  void start() throws Exception {
    h = WitnessOnSim.harness();
  }

  ReconcileReport run() {
    return h.reconcile();
  }

  @Test
  void aJournalWhoseTailIsCutOffNoLongerExplainsTheCashAndTheReconcilerSaysSo() throws Exception {
    ActorRef<Agent.Command> agent = h.agent("c1");
    buyFilled(h, agent, KAKAO, 5);
    ReconcileReport first = run();
    assertTrue(first.notes().stream().anyMatch(n -> n.startsWith("cash: baseline taken")), first.notes()::toString);
    buyFilled(h, agent, KAKAO, 2);
    ReconcileReport healthy = run();
    assertTrue(healthy.alarms().isEmpty() && healthy.pendingCash().isEmpty(), healthy::toString);

    // The tail a damaged journal loses: every event from the second order's request on.
    h.kit.stop(agent);
    PersistenceTestKit journal = PersistenceTestKit.create(h.kit.system());
    String pid = Agent.persistenceId(new AgentId("c1")).id();
    List<Object> events = journal.persistedInStorage(pid);
    List<Object> kept = new ArrayList<>();
    int requests = 0;
    for (Object e : events) {
      if (e instanceof OrderRequested && ++requests == 2) {
        break;
      }
      kept.add(e);
    }
    assertTrue(kept.size() < events.size(), "a tail to cut: " + events);
    journal.clearByPersistenceId(pid);
    journal.persistForRecovery(pid, kept);
    h.agents.remove(new AgentId("c1"));
    ActorRef<Agent.Command> damaged = h.agent("c1");
    assertEquals(5, h.state(damaged).position(KAKAO).quantity(), "the books lost the second buy");

    ReconcileReport seen = run();
    ReconcileReport confirmed = run();
    long lostCash = seen.pendingCash().orElseThrow(() -> new AssertionError(seen.toString())).difference();
    assertTrue(lostCash < 0, "the account paid for a buy the books no longer hold: " + seen.pendingCash());
    Optional<String> cashAlarm = confirmed.alarms().stream().filter(a -> a.startsWith(CashDrift.PREFIX)).findFirst();
    assertTrue(cashAlarm.isPresent(), confirmed.alarms()::toString);
    assertEquals(lostCash, confirmed.cashDrift().orElseThrow().difference());
    awaitTrue("parked", () -> h.state(damaged).parked());

    TestProbe<StatusReply<String>> booked = h.kit.createTestProbe();
    h.reconciler.tell(new ReconcilerActor.BookBackOrders(new AgentId("c1"), "kim", Optional.empty(), booked.getRef()));
    assertTrue(booked.receiveMessage(WAIT).isSuccess());
    awaitTrue("booked back", () -> h.state(damaged).position(KAKAO).quantity() == 7);
    ReconcileReport after = run();
    assertTrue(after.alarms().isEmpty(), "the booked-back fill explains the cash: " + after.alarms());
    assertTrue(after.pendingCash().isEmpty(), after::toString);
    assertFalse(after.cashDrift().isPresent());
  }
}
