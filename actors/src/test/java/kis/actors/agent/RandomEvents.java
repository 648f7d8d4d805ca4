package kis.actors.agent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import kis.journal.ClientOrderId;
import kis.journal.CostModel;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.AgentParked;
import kis.journal.event.AgentResumed;
import kis.journal.event.CancelRequested;
import kis.journal.event.FillSource;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderCancelled;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderExpired;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderInDoubt;
import kis.journal.event.OrderRejected;
import kis.journal.event.OrderRequested;
import kis.journal.event.OrderRevised;
import kis.journal.event.PositionCorrected;
import kis.journal.event.ReviseRequested;

/**
 * Random but well-formed agent histories: every event type, legal and illegal orderings, repeated
 * and over-sized fills, two symbols, unknown orders. Reproducible from the seed.
 */
final class RandomEvents {
  private static final Symbol[] SYMBOLS = {Symbol.of("005930"), Symbol.of("000660")};

  private RandomEvents() {}

  static List<AgentEvent> generate(long seed, int count) {
    Random r = new Random(seed);
    List<AgentEvent> out = new ArrayList<>(count);
    Instant t = Instant.parse("2026-11-24T00:00:00Z");
    int orders = 0;
    for (int i = 0; i < count; i++) {
      t = t.plusMillis(1 + r.nextInt(5_000));
      int n = orders == 0 ? 1 : 1 + r.nextInt(orders + 1);
      ClientOrderId id = new ClientOrderId("p-" + n);
      Symbol sym = SYMBOLS[n % 2];
      Side side = n % 3 == 0 ? Side.SELL : Side.BUY;
      long qty = 1 + r.nextInt(12);
      long price = 69_000 + 100L * r.nextInt(20);
      OrderNo no = OrderNo.of(String.valueOf(1000 + n + (r.nextInt(4) == 0 ? 5000 : 0)));
      long value = qty * price;
      AgentEvent e = switch (r.nextInt(17)) {
        case 0, 1, 2 -> {
          orders++;
          yield new OrderRequested(new ClientOrderId("p-" + orders), OrderSpec.limit(sym, side, 10, price), "rnd", t);
        }
        case 3 -> new OrderAccepted(id, no, "06010", "090000", r.nextBoolean(), t);
        case 4 -> new OrderRejected(id, "40570000", "rejected", t);
        case 5 -> new OrderInDoubt(id, "timeout", t);
        case 6 -> new InDoubtResolved(id, r.nextBoolean() ? Optional.of(no) : Optional.empty(), "06010", t);
        case 7, 8, 9 -> new OrderFilled(id, no, sym, side, qty, price, CostModel.KIS_2026.fee(value),
            CostModel.KIS_2026.tax(side, value), "x" + r.nextInt(40), "0930",
            r.nextInt(3) == 0 ? FillSource.INQUIRY : FillSource.NOTICE, t);
        case 10 -> new ReviseRequested(id, price, t);
        case 11 -> new OrderRevised(id, OrderNo.of(String.valueOf(9000 + i)), price, r.nextBoolean(), t);
        case 12 -> new CancelRequested(id, "rnd", t);
        case 13 -> new OrderCancelled(id, r.nextBoolean(), t);
        case 14 -> r.nextBoolean() ? new ModifyRejected(id, "40330000", "nothing to modify", t)
            : new OrderExpired(id, LocalDate.of(2026, 11, 24), t);
        case 15 -> {
          orders++;
          yield new OrderDenied(new ClientOrderId("p-" + orders), OrderSpec.limit(sym, side, qty, price),
              RejectReason.KRX_TICK_SIZE, "rnd", t);
        }
        default -> switch (r.nextInt(3)) {
          case 0 -> new PositionCorrected(sym, r.nextInt(30), price, "rc-" + r.nextInt(5), "rnd", t);
          case 1 -> new AgentParked("rnd", t);
          default -> new AgentResumed("rnd", t);
        };
      };
      out.add(e);
    }
    return out;
  }
}
