package kis.engine.backtest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import kis.journal.Venue;
import kis.journal.event.AgentEvent;
import kis.journal.event.ProtectiveCancelled;
import kis.journal.protect.Arming;
import kis.journal.protect.TriggerEmulator;
import kis.journal.risk.DayCounters;
import kis.journal.risk.RiskDecision;
import kis.journal.state.AgentState;
import kis.strategies.Intent;
import kis.strategies.event.Trade;

/**
 * The backtest's side of protective orders: the same pure {@link Arming} and
 * {@link TriggerEmulator} as the live agent, with the simulated broker's placement checks for a
 * bracket's entry and for a fired order's child. Each method answers the events of one journal
 * write, in order.
 */
final class ProtectiveOrders {
  private ProtectiveOrders() {}

  /** Arming (with a bracket's entry checked as any placement), or its refusal on the record. */
  static List<AgentEvent> arm(Intent.Protect p, AgentState books, SimulatedBroker broker, boolean sessionOpen,
      DayCounters today, LocalDate day, Instant close, ZoneId zone, Instant now) {
    Optional<RiskDecision> entry = p.entry() == null ? Optional.empty()
        : Optional.of(broker.check(p.entry(), books, sessionOpen, today, now));
    return Arming.decide(books, p.entry(), p.legs(), p.reason(), entry,
        leg -> leg.tif().expiresAt(day, close, zone), now);
  }

  /** The cancel of an armed order, or nothing when it is not armed (as the live agent refuses it). */
  static List<AgentEvent> disarm(Intent.Disarm d, AgentState books, Instant now) {
    return books.protections().get(d.id()).isEmpty() ? List.of()
        : List.of(new ProtectiveCancelled(d.id(), d.reason().isEmpty() ? "disarmed" : d.reason(), now));
  }

  /** What a trade print (on KRX: the history holds KRX prints) does to the armed orders, before the strategy sees it. */
  static List<AgentEvent> onPrint(Trade t, AgentState books, SimulatedBroker broker, boolean sessionOpen,
      DayCounters today, Instant now) {
    List<TriggerEmulator.Step> steps = TriggerEmulator.onPrint(books, t.symbol(), Venue.KRX, t.price(), now,
        (child, b) -> broker.check(child, b, sessionOpen, today, now));
    return steps.isEmpty() ? List.of() : TriggerEmulator.journal(steps, books, t.time(), now);
  }

  /** Orders past their time in force and bracket exits of entries that ended unfilled, cancelled. */
  static List<AgentEvent> housekeeping(AgentState books, Instant now) {
    List<TriggerEmulator.Step> steps = TriggerEmulator.housekeeping(books, now);
    return steps.isEmpty() ? List.of() : TriggerEmulator.journal(steps, books, now, now);
  }
}
