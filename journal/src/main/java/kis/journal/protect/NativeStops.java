package kis.journal.protect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.ProtectiveId;
import kis.journal.ProtectiveKind;
import kis.journal.ProtectiveSpec;
import kis.journal.TimeInForce;
import kis.journal.event.AgentEvent;
import kis.journal.event.CancelRequested;
import kis.journal.event.OrderEvent;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.event.ProtectiveArmed;
import kis.journal.event.ProtectiveCancelled;
import kis.journal.event.ProtectiveTriggered;
import kis.journal.state.AgentState;
import kis.journal.state.ArmedOrder;
import kis.journal.state.Order;

/**
 * Stop-limits that rest at KIS as native orders ({@code ORD_DVSN 22} with the trigger as
 * {@code CNDT_PRIC}) instead of being emulated by the engine, pure and shared by the agent and the
 * strategy host. They are journaled with the emulated path's protective events, as far as the
 * engine can know them:
 *
 * <ul>
 *   <li><b>armed</b>: {@code ProtectiveArmed} naming its {@code venueOrder}, and that order's
 *       {@code OrderRequested} (a {@link OrderType#STOP_LIMIT} spec), in one write; the order then
 *       goes out on the normal write-ahead path (a crash after the write leaves it in doubt for the
 *       reconciler, which finds it in today's orders by its limit price; never sent twice);
 *   <li><b>triggered</b>: KIS sends no notice when a stop triggers, so the engine learns it from the
 *       order's first fill: that fill's write carries {@code ProtectiveTriggered} (the fill's price
 *       as the print price, the order itself as the child). A stop that triggered at KIS but whose
 *       limit never filled stays "armed" in the engine's books until its order ends;
 *   <li><b>cancelled</b>: the order ended without a fill (cancelled, rejected, expired at the day's
 *       end, or found never to have reached KIS): {@code ProtectiveCancelled} with the order's end.
 *       Disarming one cancels its order ({@link #disarm}).
 * </ul>
 *
 * <p>Only what KIS can hold is made native ({@link #whyEmulated}): a single stop-limit armed on
 * its own (no bracket entry, no OCO partner, no trail), for the day, on a venue that takes
 * stop-limits in the current phase, with a trigger the last print has not reached. Everything else
 * is emulated.
 */
public final class NativeStops {
  private NativeStops() {}

  /**
   * Why the arming of {@code legs} (with the bracket {@code entry}, or null) cannot rest at KIS as
   * a native stop-limit, or empty when it can: {@code venueTakesNow} are the order types the leg's
   * venue takes in the current phase, {@code lastPrice} the venue's last print (0: none seen).
   */
  public static Optional<String> whyEmulated(OrderSpec entry, List<ProtectiveSpec> legs, Set<OrderType> venueTakesNow,
      long lastPrice) {
    if (entry != null) {
      return Optional.of("a bracket's exit protects its entry's fills as they come (KIS's stop takes a fixed quantity)");
    }
    if (legs.size() != 1) {
      return Optional.of("an OCO group (KIS cannot cancel one stop when another order fills)");
    }
    ProtectiveSpec leg = legs.get(0);
    if (leg.kind() != ProtectiveKind.STOP || leg.limitPrice() <= 0) {
      return Optional.of("KIS's native order is a stop-limit; this is a " + leg.kind()
          + (leg.limitPrice() <= 0 ? " with a market child" : ""));
    }
    if (leg.tif().kind() == TimeInForce.Kind.GOOD_TILL_DATE) {
      return Optional.of("KIS's stop lives for the day only, this one until " + leg.tif().until());
    }
    if (leg.venue().isRouter()) {
      return Optional.of(leg.venue() + " takes no stop-limit");
    }
    if (!venueTakesNow.contains(OrderType.STOP_LIMIT)) {
      return Optional.of(leg.venue() + " takes no stop-limit in the current session phase");
    }
    if (lastPrice <= 0) {
      return Optional.of("no print of " + leg.symbol().code() + " seen yet to place the trigger against");
    }
    if (ProtectiveKind.STOP.firesAt(leg.side(), leg.triggerPrice(), lastPrice)) {
      return Optional.of("the last print " + lastPrice + " has already reached the trigger " + leg.triggerPrice()
          + " (KIS refuses such a stop; the emulator fires it on the next print)");
    }
    return Optional.empty();
  }

  /**
   * The events arming {@code leg} as a native stop-limit on {@code books}: {@code ProtectiveArmed}
   * under the next protective id naming the order, then the order's {@code OrderRequested} under the
   * next order id. The caller has checked the leg ({@link Arming#check}) and its order.
   */
  public static List<AgentEvent> arm(AgentState books, ProtectiveSpec leg, String reason, Instant expiresAt,
      Instant now) {
    AgentId agent = new AgentId(books.agentId());
    ProtectiveId id = ProtectiveId.of(agent, books.protections().nextSeq());
    ClientOrderId order = ClientOrderId.of(agent, books.nextOrderSeq());
    return List.of(new ProtectiveArmed(id, leg, null, null, expiresAt, reason, now, order),
        new OrderRequested(order, leg.asVenueStopLimit(leg.quantity()), "native stop-limit " + id
            + (reason.isEmpty() ? "" : ": " + reason), now));
  }

  /**
   * The events disarming {@code o}, a native stop-limit: {@code ProtectiveCancelled} and a cancel of
   * its order ({@code CancelRequested}; the caller sends it) in one write. Empty when its order
   * cannot be cancelled yet (KIS has not answered it: no order number); when its order is already
   * being cancelled, only the {@code ProtectiveCancelled}.
   */
  public static Optional<List<AgentEvent>> disarm(AgentState books, ArmedOrder o, String reason, Instant now) {
    Order order = books.order(o.venueOrder()).orElse(null);
    ProtectiveCancelled cancelled = new ProtectiveCancelled(o.id(), (reason.isEmpty() ? "disarmed" : reason)
        + "; its order " + o.venueOrder() + " at KIS is cancelled", now);
    if (order == null || order.status().isTerminal() || order.status() == kis.journal.state.OrderStatus.PENDING_CANCEL) {
      return Optional.of(List.of(cancelled));
    }
    if (order.orderNo() == null || !kis.journal.state.OrderTransitions.allows(order.status(), CancelRequested.class)) {
      return Optional.empty();
    }
    return Optional.of(List.of(cancelled, new CancelRequested(order.id(), "disarm " + o.id(), now)));
  }

  /** Whether any armed order rests at KIS; a loop, not a stream: it runs for every report and fill. */
  private static boolean anyAtVenue(AgentState s) {
    if (s.protections().armed().isEmpty()) {
      return false;
    }
    for (ArmedOrder a : s.protections().armed().values()) {
      if (a.atVenue()) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code events} about to be journaled on {@code before}, each order event followed by what it
   * means for a native stop-limit whose order it concerns: its first fill triggers it, its order's
   * end without a fill cancels it. Returns {@code events} itself when no native stop is armed (the
   * hot path).
   */
  public static List<AgentEvent> withFollowUps(AgentState before, List<AgentEvent> events, Instant now) {
    if (!anyAtVenue(before)) {
      return events;
    }
    List<AgentEvent> out = new ArrayList<>(events.size() + 1);
    AgentState s = before;
    for (AgentEvent e : events) {
      out.add(e);
      s = s.apply(e);
      if (!(e instanceof OrderEvent oe)) {
        continue;
      }
      ArmedOrder armed = carrying(s, oe.orderId());
      if (armed == null) {
        continue;
      }
      Order order = s.order(oe.orderId()).orElse(null);
      AgentEvent follow = null;
      if (e instanceof OrderFilled f) {
        follow = new ProtectiveTriggered(armed.id(), f.price(), f.recordedAt(), order.id(), order.spec(), now);
      } else if (order != null && order.status().isTerminal() && order.filledQuantity() == 0) {
        follow = new ProtectiveCancelled(armed.id(), "its native stop-limit order " + order.id() + " ended "
            + order.status() + (order.lastMessage() == null || order.lastMessage().isBlank() ? ""
            : ": " + order.lastMessage()), now);
      }
      if (follow != null) {
        out.add(follow);
        s = s.apply(follow);
      }
    }
    return out;
  }

  /** The armed native stop whose order is {@code orderId}, or null. */
  private static ArmedOrder carrying(AgentState s, ClientOrderId orderId) {
    for (ArmedOrder o : s.protections().armed().values()) {
      if (orderId.equals(o.venueOrder())) {
        return o;
      }
    }
    return null;
  }
}
