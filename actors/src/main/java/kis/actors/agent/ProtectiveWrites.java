package kis.actors.agent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveSpec;
import kis.journal.RejectReason;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderRequested;
import kis.journal.protect.Arming;
import kis.journal.protect.NativeStops;
import kis.journal.risk.PreTrade;
import kis.journal.protect.TriggerEmulator;
import kis.journal.risk.RiskDecision;
import kis.journal.state.AgentState;

/**
 * What the agent journals for protective orders, pure: an arming (a bracket's entry with it) and
 * the emulator's steps on a print, each as one write, with the agent's own last checks of a child
 * against its freshest books ({@link OrderChecks}, every earlier child of the same write counted).
 */
final class ProtectiveWrites {
  private ProtectiveWrites() {}

  /**
   * The events of an arming: {@code refused} (the risk guard's refusal of the entry) or the agent's
   * own checks of the entry refuse it, or the legs cannot be armed: on the record as
   * {@link Arming#decide} says.
   */
  static List<AgentEvent> arm(AgentState books, OrderSpec entry, List<ProtectiveSpec> legs, String reason,
      RejectReason refused, String detail, LocalDate tradingDay, Instant sessionEnd, ZoneId zone, Instant now) {
    return arm(books, entry, legs, reason, refused, detail, tradingDay, sessionEnd, zone, now, false);
  }

  /**
   * As {@link #arm(AgentState, OrderSpec, List, String, RejectReason, String, LocalDate, Instant, ZoneId, Instant)};
   * with {@code atVenue} (the host found that KIS can hold it, {@code NativeStops.whyEmulated}) a
   * lone stop-limit leg is armed as a native stop-limit ({@link NativeStops#arm}) when it passes
   * the arming checks and its order the agent's own (shares free to sell); if its order does not,
   * it is emulated instead, the reason saying why.
   */
  static List<AgentEvent> arm(AgentState books, OrderSpec entry, List<ProtectiveSpec> legs, String reason,
      RejectReason refused, String detail, LocalDate tradingDay, Instant sessionEnd, ZoneId zone, Instant now,
      boolean atVenue) {
    if (atVenue && entry == null && refused == null && legs.size() == 1 && Arming.check(null, legs).isEmpty()) {
      ProtectiveSpec leg = legs.get(0);
      Optional<RiskDecision> free = PreTrade.freeToSell(leg.asVenueStopLimit(leg.quantity()), books);
      if (free.isEmpty()) {
        return NativeStops.arm(books, leg, reason, leg.tif().expiresAt(tradingDay, sessionEnd, zone), now);
      }
      reason = reason + " (emulated: " + ((RiskDecision.Deny) free.get()).detail() + ")";
    }
    Optional<RiskDecision> no = refused != null ? Optional.of(RiskDecision.deny(refused, detail))
        : entry == null ? Optional.empty()
        : OrderChecks.newOrder(books, entry).map(r -> RiskDecision.deny(r.reason(), r.detail()));
    return Arming.decide(books, entry, legs, reason, no, leg -> leg.tif().expiresAt(tradingDay, sessionEnd, zone), now);
  }

  /**
   * The events of the emulator's steps on {@code books}: a child the host allowed is checked once
   * more by the agent ({@code blocked}, when set, refuses every child: a parked agent), steps for
   * orders no longer armed are left out ({@link TriggerEmulator#journal}).
   */
  static List<AgentEvent> steps(AgentState books, List<ProtectiveStep> rows, RejectReason blocked, String blockedWhy,
      Instant printTime, Instant now) {
    List<TriggerEmulator.Step> steps = new ArrayList<>(rows.size());
    AgentState provisional = books;
    AgentId agent = new AgentId(books.agentId());
    for (ProtectiveStep row : rows) {
      TriggerEmulator.Step s = row.toStep();
      if (s instanceof TriggerEmulator.Fired f && f.decision().allowed()
          && books.protections().get(f.id()).isPresent()) {
        Optional<OrderChecks.Refusal> no = blocked != null ? Optional.of(new OrderChecks.Refusal(blocked, blockedWhy))
            : OrderChecks.newOrder(provisional, f.child());
        if (no.isPresent()) {
          s = new TriggerEmulator.Fired(f.id(), f.price(), f.child(), RiskDecision.deny(no.get().reason(),
              no.get().detail()));
        } else {
          provisional = provisional.apply(new OrderRequested(ClientOrderId.of(agent, provisional.nextOrderSeq()),
              f.child(), "provisional", now));
        }
      }
      steps.add(s);
    }
    return TriggerEmulator.journal(steps, books, printTime, now);
  }
}
