package kis.engine.dashboard.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import kis.engine.dashboard.PnlPoint;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.FillSource;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import org.junit.jupiter.api.Test;

class AgentJournalViewTest {
  static final Symbol SAMSUNG = Symbol.of("005930");
  /** 2026-11-23 10:00 KST and 2026-11-24 10:00 KST. */
  static final Instant YESTERDAY = Instant.parse("2026-11-23T01:00:00Z");
  static final Instant TODAY = Instant.parse("2026-11-24T01:00:00Z");

  private final AgentJournalView view = new AgentJournalView("a1");
  private int seq;

  /** One order, requested, accepted and filled at {@code price} (no costs, so P&L is plain). */
  private void trade(Side side, long qty, long price, Instant at) {
    ClientOrderId id = new ClientOrderId("a1-" + (++seq));
    List<AgentEvent> events = List.of(
        new OrderRequested(id, OrderSpec.limit(SAMSUNG, side, qty, price), "test", at),
        new OrderAccepted(id, OrderNo.of(String.valueOf(1000 + seq)), "06010", "100000", false, at),
        new OrderFilled(id, OrderNo.of(String.valueOf(1000 + seq)), SAMSUNG, side, qty, price, 0, 0, "x" + seq,
            "100000", FillSource.NOTICE, at.plusMillis(5)));
    events.forEach(e -> view.apply(e, Map.of()));
  }

  @Test
  void fillsAndEventsAreListedNewestFirstWithAPnlPointPerFill() {
    trade(Side.BUY, 10, 70_000, TODAY);
    trade(Side.SELL, 10, 70_500, TODAY.plusSeconds(60));

    assertEquals(List.of(Side.SELL, Side.BUY), view.fills().stream().map(f -> f.side()).toList());
    assertEquals(6, view.events().size());
    assertTrue(view.events().get(0).contains(" OrderFilled "), view.events().get(0));
    assertTrue(view.events().get(5).contains(" OrderRequested "), view.events().get(5));
    assertEquals(List.of(0L, 5_000L), view.pnl().stream().map(PnlPoint::pnl).toList());
    assertEquals("a1-2", view.lastFill().orElseThrow().clientOrderId());
  }

  @Test
  void aNewSeoulDayStartsAFreshSeriesAndFillListFromTheDaysRealizedPnl() {
    trade(Side.BUY, 10, 70_000, YESTERDAY);
    trade(Side.SELL, 10, 71_000, YESTERDAY.plusSeconds(60));
    trade(Side.BUY, 1, 70_000, TODAY);
    trade(Side.SELL, 1, 69_000, TODAY.plusSeconds(60));

    assertEquals(2, view.fills().size());
    assertEquals(List.of(0L, -1_000L), view.pnl().stream().map(PnlPoint::pnl).toList(),
        "yesterday's +10,000 is not today's P&L");
  }

  @Test
  void samplesAddUnrealizedPnlAtTheMarksAndSkipUnchangedValuesForAWhile() {
    trade(Side.BUY, 10, 70_000, TODAY);
    view.sample(TODAY.plusSeconds(1), Map.of(SAMSUNG, 70_100L));
    view.sample(TODAY.plusSeconds(2), Map.of(SAMSUNG, 70_100L));
    view.sample(TODAY.plusSeconds(3), Map.of(SAMSUNG, 69_900L));
    view.sample(TODAY.plusSeconds(3 + 61), Map.of(SAMSUNG, 69_900L));

    assertEquals(List.of(0L, 1_000L, -1_000L, -1_000L), view.pnl().stream().map(PnlPoint::pnl).toList());
  }

  @Test
  void aDailyLossDenialTodaySetsTheRiskStateUntilTheNextDay() {
    assertFalse(view.dailyLossLimitHit());
    view.apply(new OrderDenied(new ClientOrderId("a1-1"), OrderSpec.market(SAMSUNG, Side.BUY, 1),
        RejectReason.RISK_DAILY_LOSS, "today's P&L is -2 won", YESTERDAY), Map.of());
    assertTrue(view.dailyLossLimitHit());

    view.sample(TODAY, Map.of());
    assertFalse(view.dailyLossLimitHit());
  }
}
