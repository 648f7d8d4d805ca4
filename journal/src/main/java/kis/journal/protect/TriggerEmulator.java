package kis.journal.protect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveId;
import kis.journal.ProtectiveKind;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderRequested;
import kis.journal.event.ProtectiveCancelled;
import kis.journal.event.ProtectiveTrailed;
import kis.journal.event.ProtectiveTriggered;
import kis.journal.risk.RiskDecision;
import kis.journal.state.AgentState;
import kis.journal.state.ArmedOrder;
import kis.journal.state.Order;

/**
 * The engine's protective-order emulator, pure and shared by the live strategy host and the
 * backtest: given the books (their armed orders) and a trade print, it decides which orders fire,
 * which trailing stops move and which are cancelled. The shell journals the outcome
 * ({@link #journal}) before the strategy sees the print.
 *
 * <p>A native stop-limit ({@link ArmedOrder#atVenue}) is KIS's to judge and is left alone here
 * ({@link NativeStops}).
 *
 * <p>Rules, applied to the armed orders in id order:
 * <ol>
 *   <li>an order past its time in force, or a bracket exit whose entry ended without a fill, is
 *       cancelled (also without a print: {@link #housekeeping});
 *   <li>an order is judged only on prints of its symbol on its venue (any venue for SOR), and only
 *       once it protects shares (a bracket exit: once its entry has filled);
 *   <li>it fires when the print reaches its trigger ({@link ProtectiveKind#firesAt}); its child order
 *       (the shares it protects) is checked at that moment by {@link ChildCheck}, the same pre-trade
 *       rules as any order, on the books with every earlier child of the same print counted; a
 *       denied child is reported with its denial, never dropped; its OCO partners are cancelled;
 *   <li>a trailing stop that did not fire moves its trigger toward the print when the print is
 *       better than any it has seen, never back.
 * </ol>
 */
public final class TriggerEmulator {
  private TriggerEmulator() {}

  /** The pre-trade check of a child order at trigger time, on {@code books}. */
  @FunctionalInterface
  public interface ChildCheck {
    RiskDecision check(OrderSpec child, AgentState books);
  }

  /** What the emulator decided for one armed order. */
  public sealed interface Step permits Trailed, Fired, Cancelled {
    ProtectiveId id();
  }

  /** A trailing stop's trigger moves to {@code trigger}, after a print at {@code best}. */
  public record Trailed(ProtectiveId id, long trigger, long best) implements Step {}

  /** The order fired at {@code price}; {@code child} goes out if {@code decision} allows it. */
  public record Fired(ProtectiveId id, long price, OrderSpec child, RiskDecision decision) implements Step {}

  /** The order is disarmed without firing. */
  public record Cancelled(ProtectiveId id, String reason) implements Step {}

  /** Expired orders and bracket exits whose entry ended unfilled, cancelled. */
  public static List<Step> housekeeping(AgentState books, Instant now) {
    List<Step> out = new ArrayList<>();
    for (ArmedOrder o : books.protections().all()) {
      if (o.atVenue()) {
        continue; // KIS holds it: its order's own end decides (NativeStops)
      }
      String why = deadReason(books, o, now);
      if (why != null) {
        out.add(new Cancelled(o.id(), why));
      }
    }
    return out;
  }

  /** Everything a print at {@code price} on {@code venue} (null: KRX) at {@code at} does to the armed orders. */
  public static List<Step> onPrint(AgentState books, Symbol symbol, Venue venue, long price, Instant at,
      ChildCheck check) {
    if (books.protections().armed().isEmpty()) {
      return List.of(); // the hot path of every agent without protective orders
    }
    List<Step> out = new ArrayList<>(housekeeping(books, at));
    Set<ProtectiveId> gone = new HashSet<>();
    out.forEach(s -> gone.add(s.id()));
    AgentState provisional = books;
    for (ArmedOrder o : books.protections().all()) {
      if (gone.contains(o.id()) || o.atVenue() || !o.spec().symbol().equals(symbol) || !o.spec().judgedOn(venue)
          || o.activeQuantity() <= 0) {
        continue;
      }
      Side side = o.spec().side();
      if (o.trigger() > 0 && o.spec().kind().firesAt(side, o.trigger(), price)) {
        OrderSpec child = o.spec().child(o.activeQuantity(), o.trigger());
        RiskDecision d = check.check(child, provisional);
        out.add(new Fired(o.id(), price, child, d));
        gone.add(o.id());
        if (d.allowed()) {
          provisional = provisional.apply(new OrderRequested(
              ClientOrderId.of(new AgentId(books.agentId()), provisional.nextOrderSeq()), child, "provisional", at));
        }
        for (ArmedOrder sibling : books.protections().all()) {
          if (o.ocoGroup() != null && o.ocoGroup().equals(sibling.ocoGroup()) && !gone.contains(sibling.id())) {
            out.add(new Cancelled(sibling.id(), "OCO: " + o.id() + " fired at " + price));
            gone.add(sibling.id());
          }
        }
        continue;
      }
      if (o.spec().kind() == ProtectiveKind.TRAILING_STOP) {
        boolean better = o.best() == 0 || (side == Side.SELL ? price > o.best() : price < o.best());
        if (better) {
          long candidate = o.spec().trail().triggerFrom(price, side);
          long trigger = o.trigger() == 0 ? candidate
              : side == Side.SELL ? Math.max(o.trigger(), candidate) : Math.min(o.trigger(), candidate);
          out.add(new Trailed(o.id(), trigger, price));
        }
      }
    }
    return out;
  }

  /**
   * The events that record {@code steps} on {@code books}, in order, for one journal write: a fired
   * order's {@code ProtectiveTriggered} is followed by its child's {@code OrderRequested} (or
   * {@code OrderDenied}) under the next order id of the books. Steps for an order that is no longer
   * armed in {@code books} (decided on older books) are left out, so nothing fires twice.
   */
  public static List<AgentEvent> journal(List<Step> steps, AgentState books, Instant printTime, Instant now) {
    List<AgentEvent> out = new ArrayList<>();
    AgentId agent = new AgentId(books.agentId());
    long seq = books.nextOrderSeq();
    Set<ProtectiveId> done = new HashSet<>();
    for (Step s : steps) {
      ArmedOrder o = books.protections().get(s.id()).orElse(null);
      if (o == null || done.contains(s.id())) {
        continue;
      }
      if (s instanceof Cancelled c) {
        done.add(c.id());
        out.add(new ProtectiveCancelled(c.id(), c.reason(), now));
      } else if (s instanceof Trailed t) {
        if (improves(o, t)) { // decided on older books, a trail could otherwise move back
          out.add(new ProtectiveTrailed(t.id(), t.trigger(), t.best(), printTime, now));
        }
      } else if (s instanceof Fired f) {
        done.add(f.id());
        ClientOrderId child = ClientOrderId.of(agent, seq++);
        RiskDecision.Deny no = f.decision() instanceof RiskDecision.Deny x ? x : null;
        out.add(new ProtectiveTriggered(f.id(), f.price(), printTime, child, f.child(),
            no == null ? null : no.reason() + " " + no.detail(), now));
        if (f.decision() instanceof RiskDecision.Deny d) {
          out.add(new OrderDenied(child, f.child(), d.reason(), d.detail(), now));
        } else {
          out.add(new OrderRequested(child, f.child(), childReason(o, f.price()), now));
        }
      }
    }
    return out;
  }

  /** The reason journaled with a child order: which protective order fired, and where. */
  public static String childReason(ArmedOrder o, long price) {
    return o.spec().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " " + o.id() + " fired at "
        + price + " (trigger " + o.trigger() + ")";
  }

  /** Whether a trail moves the trigger (or the best price) of {@code o} in the trade's favour. */
  private static boolean improves(ArmedOrder o, Trailed t) {
    if (o.trigger() == 0 || o.best() == 0) {
      return true;
    }
    boolean sell = o.spec().side() == Side.SELL;
    int trigger = Long.compare(t.trigger(), o.trigger()) * (sell ? 1 : -1);
    int best = Long.compare(t.best(), o.best()) * (sell ? 1 : -1);
    return trigger >= 0 && best >= 0 && (trigger > 0 || best > 0);
  }

  private static String deadReason(AgentState books, ArmedOrder o, Instant now) {
    if (o.expiresAt() != null && !now.isBefore(o.expiresAt())) {
      return "expired (" + o.spec().tif().kind() + ")";
    }
    if (o.parent() != null && o.activeQuantity() == 0) {
      Order entry = books.order(o.parent()).orElse(null);
      if (entry == null || (entry.status().isTerminal() && entry.filledQuantity() == 0)) {
        return "entry " + o.parent() + (entry == null ? " is unknown" : " ended " + entry.status() + " unfilled");
      }
    }
    return null;
  }
}
