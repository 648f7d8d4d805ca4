package kis.engine.parity;

import kis.journal.ProtectiveSpec;
import kis.journal.event.ProtectiveArmed;
import kis.journal.event.ProtectiveCancelled;
import kis.journal.event.ProtectiveEvent;
import kis.journal.event.ProtectiveTrailed;
import kis.journal.event.ProtectiveTriggered;

import kis.journal.event.AgentEvent;
import kis.journal.event.CancelRequested;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderCancelled;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderEvent;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.event.OrderRevised;
import kis.journal.event.ReviseRequested;

/**
 * One journaled event as the parity test compares it: the order, what happened, prices,
 * quantities, fee and tax; never KIS's order numbers, execution ids or clocks, which the
 * backtest makes up.
 */
final class ParityLine {
  private ParityLine() {}

  /** The line for {@code e}, or null for events that are not about orders. */
  static String of(AgentEvent e) {
    if (e instanceof ProtectiveEvent p) {
      return protective(p);
    }
    if (!(e instanceof OrderEvent o)) {
      return null;
    }
    String id = o.orderId().value();
    if (e instanceof OrderRequested r) {
      return "place " + id + " " + r.spec().side() + " " + r.spec().quantity() + " " + r.spec().symbol().code() + " "
          + r.spec().type() + " @" + r.spec().price();
    } else if (e instanceof OrderAccepted) {
      return "accepted " + id;
    } else if (e instanceof OrderFilled f) {
      return "fill " + id + " " + f.side() + " " + f.quantity() + " " + f.symbol().code() + " @" + f.price() + " fee "
          + f.fee() + " tax " + f.tax();
    } else if (e instanceof ReviseRequested r) {
      return "revise " + id + " @" + r.newPrice();
    } else if (e instanceof OrderRevised r) {
      return "revised " + id + " @" + r.newPrice();
    } else if (e instanceof CancelRequested) {
      return "cancel " + id;
    } else if (e instanceof OrderCancelled) {
      return "cancelled " + id;
    } else if (e instanceof OrderDenied d) {
      return "denied " + id + " " + d.reason();
    }
    return e.getClass().getSimpleName() + " " + id;
  }

  private static String protective(ProtectiveEvent e) {
    String id = e.protectiveId().value();
    if (e instanceof ProtectiveArmed a) {
      ProtectiveSpec s = a.spec();
      return "arm " + id + " " + s.kind() + " " + s.side() + " " + s.quantity() + " " + s.symbol().code() + " trigger "
          + s.triggerPrice() + " limit " + s.limitPrice() + " trail " + s.trail() + " parent " + a.parent() + " oco "
          + a.ocoGroup();
    } else if (e instanceof ProtectiveTrailed t) {
      return "trail " + id + " trigger " + t.trigger() + " best " + t.best();
    } else if (e instanceof ProtectiveTriggered t) {
      return "fire " + id + " @" + t.printPrice() + " child " + t.childOrderId();
    }
    return "disarm " + id + " " + ((ProtectiveCancelled) e).reason();
  }
}
