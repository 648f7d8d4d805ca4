package kis.actors.risk;

import java.time.Instant;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.FillSource;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.state.AgentState;

/** Builds agent books for tests through the real fold, never by hand. */
final class Books {
  private AgentState state;
  private final Instant at;
  private long seq = 1;

  Books(String agent, Instant at) {
    this.state = AgentState.empty(agent);
    this.at = at;
  }

  AgentState state() {
    return state;
  }

  /** A working (accepted, unfilled) limit order. */
  ClientOrderId working(Symbol sym, Side side, long qty, long price) {
    ClientOrderId id = ClientOrderId.of(new kis.journal.AgentId(state.agentId()), seq);
    state = state.apply(new OrderRequested(id, OrderSpec.limit(sym, side, qty, price), "test", at));
    state = state.apply(new OrderAccepted(id, OrderNo.of(String.valueOf(seq)), "00950", "090000", false, at));
    seq++;
    return id;
  }

  /** An order filled completely at {@code price} with the given costs. */
  Books filled(Symbol sym, Side side, long qty, long price, long fee, long tax) {
    ClientOrderId id = working(sym, side, qty, price);
    OrderNo no = OrderNo.of(String.valueOf(seq - 1));
    state = state.apply(new OrderFilled(id, no, sym, side, qty, price, fee, tax, "x" + no, "090001",
        FillSource.NOTICE, at));
    return this;
  }

  Books filled(Symbol sym, Side side, long qty, long price) {
    return filled(sym, side, qty, price, 0, 0);
  }
}
