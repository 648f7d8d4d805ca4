package kis.journal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderRequested;
import org.junit.jupiter.api.Test;

/**
 * The state hash of books that today's journals can produce must never change: a replayed data
 * dir is proved identical by it. The value below was computed on the code before {@code OrderSpec}
 * had a venue (commit e1b913f); a change to how an order or position is rendered fails here.
 */
class StateHashPinTest {

  /** Limit and market orders, open and closed (filled, cancelled, expired, revised), a correction, a denial. */
  static List<AgentEvent> history() {
    Instant t = Ev.T;
    return List.of(
        Ev.buy(1, 10, 70_000), Ev.accepted(1), Ev.fill(1, Side.BUY, 4, 70_000, "e1"),
        Ev.fill(1, Side.BUY, 6, 70_000, "e2"),
        Ev.sell(2, 5, 71_000), Ev.accepted(2), Ev.reviseRequested(2, 71_500), Ev.revised(2, 2002, 71_500),
        Ev.fill(2, Side.SELL, 2, 71_500, "e3"), Ev.cancelRequested(2), Ev.cancelled(2),
        new OrderRequested(new ClientOrderId("a1-3"), OrderSpec.market(Ev.SAMSUNG, Side.BUY, 3), "test", t),
        Ev.accepted(3), Ev.fill(3, Side.BUY, 3, 70_100, "e4"),
        Ev.buy(4, 1, 69_000), Ev.accepted(4), Ev.expired(4),
        Ev.buy(5, 2, 69_500), Ev.accepted(5),
        Ev.denied(6),
        Ev.corrected(12, 70_000, "c1"));
  }

  @Test
  void theHashOfBooksTodaysJournalsProduceIsTheOneComputedBeforeOrdersHadAVenue() {
    AgentState s = AgentState.fold("a1", history());
    assertEquals(1, s.openOrders().size(), "order 5 is still working");
    assertEquals("040b54fc981ad64b49c3b0d716006a81db29a46366f180c48c2e360be528c70c", s.stateHash());
  }

  /** The same books with protective orders armed, trailed, fired and cancelled on top. */
  static List<AgentEvent> withProtections() {
    Instant t = Ev.T;
    kis.journal.ProtectiveId p1 = new kis.journal.ProtectiveId("a1-p1");
    kis.journal.ProtectiveId p2 = new kis.journal.ProtectiveId("a1-p2");
    kis.journal.ProtectiveId p3 = new kis.journal.ProtectiveId("a1-p3");
    List<AgentEvent> events = new java.util.ArrayList<>(history());
    events.addAll(List.of(
        new kis.journal.event.ProtectiveArmed(p1, kis.journal.ProtectiveSpec.trailingStop(Ev.SAMSUNG, Side.SELL, 5,
            kis.journal.Trail.ticks(5)), null, null, t.plusSeconds(3600), "trail", t),
        new kis.journal.event.ProtectiveTrailed(p1, 69_500, 70_000, t, t),
        new kis.journal.event.ProtectiveArmed(p2, kis.journal.ProtectiveSpec.stopMarket(Ev.SAMSUNG, Side.SELL, 5,
            69_000), null, "a1-p2", t.plusSeconds(3600), "oco", t),
        new kis.journal.event.ProtectiveArmed(p3, kis.journal.ProtectiveSpec.takeProfitLimit(Ev.SAMSUNG, Side.SELL, 5,
            72_000, 72_000), null, "a1-p2", t.plusSeconds(3600), "oco", t),
        new kis.journal.event.ProtectiveTriggered(p3, 72_000, t, new ClientOrderId("a1-7"),
            OrderSpec.limit(Ev.SAMSUNG, Side.SELL, 5, 72_000), t),
        new kis.journal.event.ProtectiveCancelled(p2, "OCO", t),
        new OrderRequested(new ClientOrderId("a1-7"), OrderSpec.limit(Ev.SAMSUNG, Side.SELL, 5, 72_000), "tp", t)));
    return events;
  }

  @Test
  void theHashOfBooksWithProtectiveOrdersIsPinned() {
    AgentState s = AgentState.fold("a1", withProtections());
    assertEquals(1, s.protections().armed().size(), "the trailing stop is still armed");
    assertEquals(0, s.anomalyCount());
    assertEquals("9c3c0f71f1f9187d6dffc8a4b61d003ef02e7661eb66561b74b1d800cb3ecdde", s.stateHash());
  }
}
