package kis.journal.protect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveId;
import kis.journal.ProtectiveSpec;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderRequested;
import kis.journal.event.ProtectiveArmed;
import kis.journal.risk.PreTrade;
import kis.journal.risk.RiskDecision;
import kis.journal.state.AgentState;

/**
 * Arming protective orders, pure and shared by the live agent and the backtest: the checks an
 * arming must pass, and the events of one arming (one journal write): a bracket's entry
 * {@code OrderRequested} first, then one {@code ProtectiveArmed} per leg. Two or more legs form an
 * OCO group (one firing cancels the others); with an entry, the legs protect the entry's fills.
 */
public final class Arming {
  private Arming() {}

  /**
   * Whether {@code legs} (with the bracket {@code entry}, or null) can be armed: on one symbol, a
   * bracket's exits on the other side of its entry for no more shares, and every trigger and limit
   * price on the tick grid. The entry itself is checked like any order, by the caller.
   */
  public static Optional<RiskDecision> check(OrderSpec entry, List<ProtectiveSpec> legs) {
    if (legs.isEmpty()) {
      return deny("nothing to arm");
    }
    for (ProtectiveSpec leg : legs) {
      if (!leg.symbol().equals(legs.get(0).symbol())) {
        return deny("the legs of one arming trade one symbol");
      }
      if (entry != null && (!leg.symbol().equals(entry.symbol()) || leg.side() == entry.side()
          || leg.quantity() > entry.quantity())) {
        return deny("a bracket's exits close its entry: same symbol, other side, at most its " + entry.quantity()
            + " shares");
      }
      Optional<RiskDecision> grid = leg.triggerPrice() == 0 ? Optional.empty()
          : PreTrade.limitPrice(leg.triggerPrice(), Optional.empty());
      if (grid.isEmpty() && leg.limitPrice() > 0) {
        grid = PreTrade.limitPrice(leg.limitPrice(), Optional.empty());
      }
      if (grid.isPresent()) {
        return grid;
      }
    }
    return Optional.empty();
  }

  /**
   * The events arming {@code legs} on {@code books}: the entry's {@code OrderRequested} (when
   * {@code entry} is not null) under the next order id, then the legs under the next protective
   * ids, each expiring at {@code expiry.apply(leg)}.
   */
  public static List<AgentEvent> events(AgentState books, OrderSpec entry, List<ProtectiveSpec> legs, String reason,
      Function<ProtectiveSpec, Instant> expiry, Instant now) {
    AgentId agent = new AgentId(books.agentId());
    List<AgentEvent> out = new ArrayList<>();
    ClientOrderId parent = null;
    if (entry != null) {
      parent = ClientOrderId.of(agent, books.nextOrderSeq());
      out.add(new OrderRequested(parent, entry, reason, now));
    }
    long seq = books.protections().nextSeq();
    String group = legs.size() > 1 ? ProtectiveId.of(agent, seq).value() : null;
    for (ProtectiveSpec leg : legs) {
      out.add(new ProtectiveArmed(ProtectiveId.of(agent, seq++), leg, parent, group, expiry.apply(leg), reason, now));
    }
    return out;
  }

  /**
   * The events of one arming: {@link #events} when {@code refusal} is empty; otherwise, a bracket's
   * entry journaled as {@code OrderDenied} with the refusal, or each leg armed and at once cancelled
   * with it, so a refused arming is on the record and heard by the strategy, never dropped.
   * {@code refusal} is the entry's own pre-trade check (or empty); {@link #check} runs after it.
   */
  public static List<AgentEvent> decide(AgentState books, OrderSpec entry, List<ProtectiveSpec> legs, String reason,
      Optional<RiskDecision> refusal, Function<ProtectiveSpec, Instant> expiry, Instant now) {
    Optional<RiskDecision> no = refusal.filter(d -> !d.allowed());
    if (no.isEmpty()) {
      no = check(entry, legs);
    }
    if (no.isEmpty()) {
      return events(books, entry, legs, reason, expiry, now);
    }
    RiskDecision.Deny d = (RiskDecision.Deny) no.get();
    if (entry != null) {
      ClientOrderId id = ClientOrderId.of(new AgentId(books.agentId()), books.nextOrderSeq());
      return List.of(new kis.journal.event.OrderDenied(id, entry, d.reason(), d.detail(), now));
    }
    List<AgentEvent> out = new ArrayList<>();
    for (AgentEvent e : events(books, null, legs, reason, expiry, now)) {
      out.add(e);
      out.add(new kis.journal.event.ProtectiveCancelled(((ProtectiveArmed) e).protectiveId(),
          "refused: " + d.reason() + " " + d.detail(), now));
    }
    return out;
  }

  private static Optional<RiskDecision> deny(String detail) {
    return Optional.of(RiskDecision.deny(kis.journal.RejectReason.AGENT_UNSUPPORTED_ORDER_TYPE, detail));
  }
}
