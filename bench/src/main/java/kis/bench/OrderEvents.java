package kis.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.CostModel;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.FillSource;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.event.PositionCorrected;

/**
 * Realistic order life cycles as an agent journals them: {@code OrderRequested},
 * {@code OrderAccepted}, {@code OrderFilled}, three events per order, with the KIS 2026 costs.
 */
final class OrderEvents {
  static final Symbol SAMSUNG = Symbol.of("005930");
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  private OrderEvents() {}

  /** The events of order {@code seq} of {@code agent} (a buy of 10 at a grid price). */
  static List<AgentEvent> lifeCycle(AgentId agent, long seq) {
    ClientOrderId id = ClientOrderId.of(agent, seq);
    long price = 70_000 + (seq % 50) * 100;
    Instant at = T0.plusMillis(seq * 10);
    OrderNo no = OrderNo.of(String.format("%010d", seq + 1));
    long value = 10 * price;
    return List.of(
        new OrderRequested(id, OrderSpec.limit(SAMSUNG, Side.BUY, 10, price), "bench", at),
        new OrderAccepted(id, no, "06010", "090000", false, at.plusMillis(1)),
        new OrderFilled(id, no, SAMSUNG, Side.BUY, 10, price, CostModel.KIS_2026.fee(value),
            CostModel.KIS_2026.tax(Side.BUY, value), "x" + seq, "090001", FillSource.NOTICE, at.plusMillis(2)));
  }

  /**
   * Exactly {@code n} events: whole life cycles, padded with position corrections (which the
   * fold applies once each) so every agent ends with the same count.
   */
  static List<AgentEvent> journalOf(AgentId agent, int n) {
    List<AgentEvent> out = new ArrayList<>(n);
    long seq = 1;
    while (out.size() + 3 <= n) {
      out.addAll(lifeCycle(agent, seq++));
    }
    int pad = 0;
    while (out.size() < n) {
      out.add(new PositionCorrected(SAMSUNG, 10 * (seq - 1), 70_000, "bench-" + pad++, "bench padding",
          T0.plusMillis(seq * 10)));
    }
    return out;
  }
}
