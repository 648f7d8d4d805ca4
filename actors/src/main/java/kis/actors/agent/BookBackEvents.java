package kis.actors.agent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kis.adapter.account.AccountOrder;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.CostModel;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.event.AgentEvent;
import kis.journal.event.FillSource;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderCancelled;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.event.OrderRevised;
import kis.journal.state.AgentState;
import kis.journal.state.FillCosts;
import kis.journal.state.Order;

/**
 * Books orders the account lists and the agent's journal lost back into the agent, from the
 * account's evidence alone, with the ordinary events: per KIS order {@code OrderRequested} (its
 * reason carries the evidence: the operator, the reconcile run, the account's figures and any
 * proof of a lost tail), {@code OrderAccepted} and {@code OrderRevised} from reconciliation, one
 * {@code OrderFilled} from the inquiry for the cumulative fill (the execKey the {@link Reconciler}
 * would use, so a later run finds nothing more to infer) and {@code OrderCancelled} when KIS shows
 * nothing remaining. Nothing is sent to KIS. Pure; idempotent: a KIS order the agent already knows
 * (current, pre-revise or pruned number) is skipped, so repeating a book-back adds nothing.
 */
public final class BookBackEvents {
  private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");

  private BookBackEvents() {}

  /**
   * @param state the agent's current books
   * @param rows today's account rows to book (new orders with their revise and cancel rows)
   * @param tradingDate the rows' date
   * @param evidence why, for the journal: who asked, which run, proof of a lost tail if any
   * @param at the events' time
   * @return the events to journal in one write, empty when there is nothing to book
   */
  public static List<AgentEvent> events(AgentState state, List<AccountOrder> rows, LocalDate tradingDate,
      String evidence, CostModel costs, Instant at, ZoneId zone) {
    List<AccountOrder> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(AccountOrder::orderTime).thenComparing(AccountOrder::orderNo));
    Map<OrderNo, OrderNo> rootOf = new HashMap<>();
    Map<OrderNo, List<AccountOrder>> chains = new java.util.LinkedHashMap<>();
    for (AccountOrder r : sorted) {
      OrderNo root = r.kind() == AccountOrder.Kind.NEW ? r.orderNo() : rootOf.get(r.originalOrderNo().get());
      if (root == null) {
        continue; // a revise or cancel of an order not in this list: not ours to book
      }
      rootOf.put(r.orderNo(), root);
      chains.computeIfAbsent(root, k -> new ArrayList<>()).add(r);
    }
    AgentState w = state;
    List<AgentEvent> out = new ArrayList<>();
    AgentId agent = new AgentId(state.agentId());
    for (List<AccountOrder> chain : chains.values()) {
      AccountOrder first = chain.get(0);
      if (known(w, chain, tradingDate) || first.orderQuantity() <= 0) {
        continue;
      }
      ClientOrderId id = ClientOrderId.of(agent, w.nextOrderSeq());
      // On the venue KIS lists it under, so a later cancel of the booked-back order goes there.
      OrderSpec spec = (first.price() > 0 ? OrderSpec.limit(first.symbol(), first.side(), first.orderQuantity(),
          first.price()) : OrderSpec.market(first.symbol(), first.side(), first.orderQuantity())).on(first.venue());
      List<AccountOrder> live = chain.stream().filter(r -> r.kind() != AccountOrder.Kind.CANCEL).toList();
      long filled = Math.min(live.stream().mapToLong(AccountOrder::filledQuantity).sum(), first.orderQuantity());
      long amount = live.stream().mapToLong(AccountOrder::filledAmount).sum();
      AccountOrder last = live.get(live.size() - 1);
      String figures = "KIS order " + first.orderNo().value() + " " + first.side() + " " + first.orderQuantity() + " "
          + first.symbol().code() + " @ " + first.price() + " at " + first.orderTime() + ", filled " + filled
          + " for " + amount + " won, " + last.remainingQuantity() + " remaining";
      w = emit(w, out, new OrderRequested(id, spec, "booked back from the account: " + figures + "; " + evidence, at));
      w = emit(w, out, new OrderAccepted(id, first.orderNo(), first.branchNo(), first.orderTime().format(HHMMSS),
          true, at));
      for (AccountOrder r : live) {
        if (r.kind() == AccountOrder.Kind.REVISE) {
          w = emit(w, out, new OrderRevised(id, r.orderNo(), r.price(), true, at));
        }
      }
      if (filled > 0) {
        w = fill(w, out, id, last.orderNo(), filled, amount, costs, at, zone);
      }
      if (last.remainingQuantity() == 0 && filled < first.orderQuantity()) {
        w = emit(w, out, new OrderCancelled(id, true, at));
      }
    }
    return out;
  }

  private static boolean known(AgentState s, List<AccountOrder> chain, LocalDate day) {
    return chain.stream().anyMatch(r -> s.orderByNo(r.orderNo()).isPresent()
        || s.prunedOrderNos().contains(r.orderNo(), day));
  }

  /** As the reconciler books a fill: the average, with a division's remainder one won higher. */
  private static AgentState fill(AgentState w, List<AgentEvent> out, ClientOrderId id, OrderNo no, long qty,
      long amount, CostModel costs, Instant at, ZoneId zone) {
    long price = Math.max(1, amount / qty);
    long rest = amount / qty > 0 ? amount % qty : 0;
    String execKey = "inq:" + no.value() + ":" + qty;
    w = emit(w, out, priced(w, id, no, qty - rest, price, execKey, costs, at, zone));
    if (rest > 0) {
      w = emit(w, out, priced(w, id, no, rest, price + 1, execKey + ":+1", costs, at, zone));
    }
    return w;
  }

  private static OrderFilled priced(AgentState w, ClientOrderId id, OrderNo no, long qty, long price, String execKey,
      CostModel costs, Instant at, ZoneId zone) {
    Order o = w.order(id).orElseThrow();
    OrderFilled f = new OrderFilled(id, no, o.spec().symbol(), o.spec().side(), qty, price, 0, 0, execKey,
        at.atZone(zone).toLocalTime().format(HHMMSS), FillSource.INQUIRY, at, o.spec().venue());
    return FillCosts.priced(o, f, costs);
  }

  private static AgentState emit(AgentState w, List<AgentEvent> out, AgentEvent e) {
    out.add(e);
    return w.apply(e);
  }
}
