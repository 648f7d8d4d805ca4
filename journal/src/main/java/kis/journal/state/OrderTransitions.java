package kis.journal.state;

import static kis.journal.state.OrderStatus.CANCELLED;
import static kis.journal.state.OrderStatus.EXPIRED;
import static kis.journal.state.OrderStatus.FAILED;
import static kis.journal.state.OrderStatus.FILLED;
import static kis.journal.state.OrderStatus.IN_DOUBT;
import static kis.journal.state.OrderStatus.PARTIALLY_FILLED;
import static kis.journal.state.OrderStatus.PENDING_CANCEL;
import static kis.journal.state.OrderStatus.PENDING_REVISE;
import static kis.journal.state.OrderStatus.REJECTED;
import static kis.journal.state.OrderStatus.REQUESTED;
import static kis.journal.state.OrderStatus.WORKING;

import kis.journal.event.CancelRequested;
import kis.journal.event.FillSource;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderCancelled;
import kis.journal.event.OrderEvent;
import kis.journal.event.OrderExpired;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderInDoubt;
import kis.journal.event.OrderRejected;
import kis.journal.event.OrderRevised;
import kis.journal.event.ReviseRequested;

/**
 * The order state machine: the one place that says which event may follow which status. Pure and
 * total: an illegal pair yields the order unchanged plus an anomaly, never an exception, so replay
 * always succeeds. Command handlers use {@link #allows} to refuse illegal requests before anything
 * is journaled.
 */
public final class OrderTransitions {
  private OrderTransitions() {}

  /**
   * The result of applying one event to one order.
   *
   * @param filledQuantity shares this event newly filled (what moves the position)
   * @param fillPrice their price
   * @param anomaly why the event was not (fully) applied, or null
   */
  public record Step(Order order, long filledQuantity, long fillPrice, String anomaly) {
    static Step to(Order o) {
      return new Step(o, 0, 0, null);
    }

    static Step illegal(Order o, OrderEvent e) {
      return new Step(o, 0, 0, e.getClass().getSimpleName() + " not allowed in " + o.status());
    }
  }

  /** Whether {@code event} is a legal next event for an order in {@code status}. */
  public static boolean allows(OrderStatus status, Class<? extends OrderEvent> event) {
    if (event == OrderFilled.class) {
      return true; // a fill is the broker's truth whatever we thought; see fill()
    }
    return switch (status) {
      case REQUESTED -> event == OrderAccepted.class || event == OrderRejected.class
          || event == OrderInDoubt.class || event == OrderExpired.class;
      case IN_DOUBT -> event == InDoubtResolved.class || event == OrderAccepted.class
          || event == OrderRejected.class || event == OrderExpired.class;
      case WORKING, PARTIALLY_FILLED -> event == ReviseRequested.class || event == CancelRequested.class
          || event == OrderCancelled.class || event == OrderExpired.class || event == OrderRevised.class
          || event == OrderAccepted.class;
      case PENDING_REVISE -> event == OrderRevised.class || event == ModifyRejected.class
          || event == OrderCancelled.class || event == OrderExpired.class;
      case PENDING_CANCEL -> event == OrderCancelled.class || event == ModifyRejected.class
          || event == OrderExpired.class;
      // Harmless echoes after the fact: a cancel confirmation or refusal racing the last fill.
      case FILLED -> event == OrderCancelled.class || event == ModifyRejected.class
          || event == OrderExpired.class;
      case CANCELLED, EXPIRED, REJECTED, FAILED, DENIED -> false;
    };
  }

  /**
   * Whether {@code m} only counts a run of refused revises whose order ({@code o}, null if the books
   * no longer hold it) stopped being revisable before the run's pair could be journaled (it filled,
   * was cancelled, a cancel is pending): the count is kept in the journal and the order is not
   * touched. A run's {@code ModifyRejected} that answers its {@code ReviseRequested} (the pair, one
   * write) finds the order {@code PENDING_REVISE}.
   */
  public static boolean countOnly(Order o, ModifyRejected m) {
    return m.repeats() > 0 && (o == null || o.status() != PENDING_REVISE);
  }

  public static Step next(Order o, OrderEvent e) {
    if (e instanceof OrderFilled f) {
      return fill(o, f);
    }
    if (e instanceof ModifyRejected m && countOnly(o, m)) {
      return Step.to(o);
    }
    if (!allows(o.status(), e.getClass())) {
      return Step.illegal(o, e);
    }
    if (o.status() == FILLED) {
      return Step.to(o); // nothing left to cancel, revise or expire
    }
    if (e instanceof OrderAccepted a) {
      if (o.status() == WORKING || o.status() == PARTIALLY_FILLED) {
        if (o.orderNo() != null && o.branchNo() != null) {
          return Step.to(o); // the same acceptance reported twice (reply and notice)
        }
        // A fill overtook the acceptance reply: keep the status the fill gave, adopt the numbers.
        return Step.to(o.withOrderNo(o.orderNo() == null ? a.orderNo() : o.orderNo(), a.branchNo()));
      }
      return Step.to(o.withOrderNo(a.orderNo(), a.branchNo()).withStatus(afterFills(o), a.recordedAt()));
    }
    if (e instanceof OrderRejected r) {
      return Step.to(o.withMessage(r.msgCd() + " " + r.message()).withStatus(REJECTED, r.recordedAt()));
    }
    if (e instanceof OrderInDoubt d) {
      return Step.to(o.withMessage(d.cause()).withStatus(IN_DOUBT, d.recordedAt()));
    }
    if (e instanceof InDoubtResolved r) {
      return r.orderNo()
          .map(no -> Step.to(o.withOrderNo(no, r.branchNo()).withStatus(afterFills(o), r.recordedAt())))
          .orElseGet(() -> Step.to(o.withMessage("not found at KIS").withStatus(
              o.filledQuantity() > 0 ? afterFills(o) : FAILED, r.recordedAt())));
    }
    if (e instanceof ReviseRequested r) {
      return Step.to(o.withPendingPrice(r.newPrice()).withStatus(PENDING_REVISE, r.recordedAt()));
    }
    if (e instanceof OrderRevised r) {
      if (o.status() != PENDING_REVISE && r.newOrderNo().equals(o.orderNo()) && r.newPrice() == o.price()) {
        return Step.to(o); // the same revise confirmed twice (KIS's reply and its notice)
      }
      Order revised = o.revisedTo(r.newOrderNo(), r.newPrice());
      return Step.to(revised.withStatus(afterFills(revised), r.recordedAt()));
    }
    if (e instanceof CancelRequested c) {
      return Step.to(o.withStatus(PENDING_CANCEL, c.recordedAt()));
    }
    if (e instanceof OrderCancelled c) {
      return Step.to(o.cancelRemainder().withStatus(CANCELLED, c.recordedAt()));
    }
    if (e instanceof ModifyRejected m) {
      Order back = o.withPendingPrice(0).withMessage(m.msgCd() + " " + m.message());
      return Step.to(back.withStatus(afterFills(back), m.recordedAt()));
    }
    if (e instanceof OrderExpired x) {
      return Step.to(o.cancelRemainder().withStatus(EXPIRED, x.recordedAt()));
    }
    return Step.illegal(o, e);
  }

  /** WORKING or PARTIALLY_FILLED or FILLED, from the fills alone. */
  private static OrderStatus afterFills(Order o) {
    if (o.filledQuantity() >= o.quantity()) {
      return FILLED;
    }
    return o.filledQuantity() > 0 ? PARTIALLY_FILLED : WORKING;
  }

  private static Step fill(Order o, OrderFilled f) {
    if (o.seenExecKeys().contains(f.execKey())) {
      return Step.to(o); // the same report again (websocket resend, or the same inquiry repeated)
    }
    if (o.orderNo() == null && f.orderNo() != null) {
      // The fill overtook the acceptance: it names the KIS order number, so adopt it.
      o = o.withOrderNo(f.orderNo(), null);
    }
    long qty = f.quantity();
    long inferred = o.inferredUnmatched();
    if (f.source() == FillSource.NOTICE && inferred > 0) {
      // A notice arriving after an inquiry already counted these shares: match, don't add.
      long matched = Math.min(qty, inferred);
      inferred -= matched;
      qty -= matched;
    }
    String anomaly = null;
    long capacity = o.quantity() - o.filledQuantity();
    if (qty > capacity) {
      anomaly = "fill of " + f.quantity() + " exceeds the " + capacity + " unfilled shares; capped";
      qty = capacity;
    }
    if (qty <= 0) {
      return new Step(o.withSeenKey(f.execKey(), inferred), 0, 0, anomaly);
    }
    if (f.source() == FillSource.INQUIRY) {
      inferred += qty;
    }
    Order filled = o.withFill(qty, f.price(), inferred, f.execKey());
    OrderStatus next = switch (o.status()) {
      // Still waiting for KIS to confirm a revise or cancel: stay pending unless nothing is left.
      case PENDING_REVISE, PENDING_CANCEL -> filled.filledQuantity() >= o.quantity() ? FILLED : o.status();
      // A late fill after a cancel/expiry confirmation: the order stays closed, its fill counts.
      case CANCELLED, EXPIRED -> filled.filledQuantity() >= o.quantity() ? FILLED : o.status();
      case REJECTED, FAILED, DENIED -> {
        anomaly = "fill on a " + o.status() + " order: it did reach the market";
        yield afterFills(filled);
      }
      default -> afterFills(filled);
    };
    return new Step(filled.withStatus(next, f.recordedAt()), qty, f.price(), anomaly);
  }
}
