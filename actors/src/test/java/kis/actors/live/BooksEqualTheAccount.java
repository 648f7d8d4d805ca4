package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.event.AgentEvent;
import kis.journal.event.FillSource;
import kis.journal.event.OrderFilled;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.sim.AccountView;
import kis.sim.KisSimulator;
import kis.sim.OrderLog;

/**
 * The end-of-test proof shared by the chaos, crash and failover tests: the agents' books equal
 * kis-sim's account, per symbol, order for order and to the won. One copy, so every proof checks
 * exactly the same things.
 *
 * <p>{@code summary} is the caller's description of the books, appended to failure messages.
 */
public final class BooksEqualTheAccount {
  private BooksEqualTheAccount() {}

  /**
   * What the order-for-order check found.
   *
   * @param owner KIS order number to the agent order id that claims it
   * @param applied the numbers of the requests the simulator applied (each once)
   */
  public record Claims(Map<String, String> owner, Set<String> applied) {}

  /** Per symbol, the quantity the agents' books hold equals the account's holdings. */
  public static void positions(KisSimulator sim, Map<String, AgentState> books, String summary) {
    Map<Symbol, Long> held = new HashMap<>();
    books.values().forEach(s -> s.positions().forEach((code, p) -> {
      if (p.quantity() != 0) {
        held.merge(Symbol.of(code), p.quantity(), Long::sum);
      }
    }));
    assertEquals(sim.account().holdings(), held, summary);
  }

  /**
   * Order for order: every request the simulator applied (an order-log entry with one of
   * {@code appliedOutcomes}) belongs to exactly one agent order: a new order or a revise under one
   * of the order's numbers, a cancel through the number it cancelled. Each agent order's fills
   * equal the sim's over its numbers. An order sent twice would leave a second applied order that
   * no agent order claims; a lost fill, a difference. {@code applied} names the outcome in messages.
   */
  public static Claims orderForOrder(KisSimulator sim, Map<String, AgentState> books,
      Set<OrderLog.Outcome> appliedOutcomes, String applied, String summary) {
    Map<String, AccountView.OrderView> rows = new HashMap<>();
    sim.account().orders().forEach(r -> rows.put(r.odno(), r));
    Map<String, String> owner = new HashMap<>(); // KIS number -> agent order id
    for (AgentState s : books.values()) {
      // Closed orders leave the books only once the window is full; order ids are no measure of
      // that, since a run of repeated denials uses ids that only its last one journals.
      assertTrue(s.closedOrders().size() < AgentState.CLOSED_KEPT, () -> "every order is still in the books'"
          + " window: " + s.agentId() + " has " + s.closedOrders().size() + " closed orders, the window "
          + AgentState.CLOSED_KEPT);
      for (Order o : s.closedOrders()) {
        // A revise confirmed twice (reply and notice) lists its number among the earlier ones too.
        Set<String> numbers = new LinkedHashSet<>();
        if (o.orderNo() != null) {
          numbers.add(o.orderNo().value());
        }
        o.previousOrderNos().forEach(n -> numbers.add(n.value()));
        long filled = 0;
        long amount = 0;
        for (String n : numbers) {
          assertEquals(null, owner.put(n, o.id().value()), "order number " + n + " belongs to one agent order");
          AccountView.OrderView row = rows.get(n);
          assertTrue(row != null, () -> o.id() + " " + n + " is in the sim's account");
          filled += row.filledQty();
          amount += row.filledAmount();
        }
        assertEquals(filled, o.filledQuantity(), "filled quantity (no fill lost) of " + o);
        assertEquals(amount, o.filledValue(), "filled amount of " + o);
      }
    }
    Set<String> simOrders = new HashSet<>();
    for (OrderLog.Entry e : sim.orderLog().entries(e -> appliedOutcomes.contains(e.outcome()))) {
      assertTrue(simOrders.add(e.odno()), "order " + e.odno() + " " + applied + " once");
      AccountView.OrderView row = rows.get(e.odno());
      String claimedAs = row != null && row.kind().equals("CANCEL") ? row.orgOdno() : e.odno();
      assertTrue(owner.containsKey(claimedAs), applied + " request " + e.odno() + " (" + (row == null ? "?"
          : row.kind()) + ") belongs to an agent order: " + summary);
    }
    return new Claims(owner, simOrders);
  }

  /**
   * Per venue, where the account tells venues apart: every request the simulator applied (an
   * order-log entry with one of {@code appliedOutcomes}) went on the wire ({@code EXCG_ID_DVSN_CD},
   * blank meaning KRX) to the venue of the agent order that claims it, and the account lists it
   * there (a new order on its agent's venue, its revises and cancels on the original's, as KIS
   * requires); every fill is journaled on the book it executed on (KRX or NXT; for a routed SOR
   * order the book the router chose). A fill booked from the inquiry of an SOR order keeps SOR:
   * today's orders name no book. Returns the number of applied requests per venue.
   */
  public static Map<Venue, Long> venues(KisSimulator sim, Map<String, AgentState> books,
      Map<String, List<AgentEvent>> journals, Set<OrderLog.Outcome> appliedOutcomes, String summary) {
    Map<String, AccountView.OrderView> rows = new HashMap<>();
    sim.account().orders().forEach(r -> rows.put(r.odno(), r));
    Map<String, Venue> venueOf = new HashMap<>(); // KIS number -> the claiming agent order's venue
    for (AgentState s : books.values()) {
      for (Order o : s.closedOrders()) {
        if (o.orderNo() != null) {
          venueOf.put(o.orderNo().value(), o.spec().venue());
        }
        o.previousOrderNos().forEach(n -> venueOf.put(n.value(), o.spec().venue()));
      }
    }
    Map<Venue, Long> perVenue = new TreeMap<>();
    for (OrderLog.Entry e : sim.orderLog().entries(e -> appliedOutcomes.contains(e.outcome()))) {
      AccountView.OrderView row = rows.get(e.odno());
      assertTrue(row != null, () -> "applied request " + e.odno() + " is in the sim's account");
      String claimedAs = row.kind().equals("CANCEL") ? row.orgOdno() : e.odno();
      Venue venue = venueOf.get(claimedAs);
      assertTrue(venue != null, () -> "applied request " + e.odno() + " belongs to an agent order: " + summary);
      assertEquals(venue.name(), wireVenue(e.body()), "request " + e.odno() + " (" + row.kind()
          + ") went to its order's venue");
      assertEquals(venue.name(), row.venue(), "the account lists " + e.odno() + " on its order's venue");
      perVenue.merge(venue, 1L, Long::sum);
    }
    for (List<AgentEvent> events : journals.values()) {
      for (AgentEvent ev : events) {
        if (ev instanceof OrderFilled f) {
          AccountView.OrderView row = rows.get(f.orderNo().value());
          assertTrue(row != null, () -> "filled order " + f.orderNo() + " is in the sim's account");
          String expected = f.source() == FillSource.INQUIRY && row.venue().equals(Venue.SOR.name())
              ? Venue.SOR.name() : row.book();
          assertEquals(expected, f.venue().name(), "the book of " + f);
        }
      }
    }
    return perVenue;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The venue an order request's body names ({@code EXCG_ID_DVSN_CD}; none is KRX). */
  public static String wireVenue(String body) {
    try {
      String code = JSON.readTree(body).path("EXCG_ID_DVSN_CD").asText("").trim();
      return code.isEmpty() ? Venue.KRX.name() : code;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Cash: the agents' books equal the account to the won. Fee and tax are rounded once per order
   * on its cumulative amount (CostModel), so an order booked from KIS's inquiry (which reports the
   * amount, not the fills) costs exactly what kis-sim charged its executions. {@code journals} are
   * the agents' events by agent id, {@code owner} from {@link #orderForOrder}.
   */
  public static void cash(KisSimulator sim, Map<String, AgentState> books, Map<String, List<AgentEvent>> journals,
      Map<String, String> owner, long cashBefore, String summary) {
    Map<String, Long> simCosts = new TreeMap<>(); // agent order -> fee + tax
    sim.account().fills().forEach(f -> {
      assertTrue(owner.containsKey(f.odno()), "fill on " + f.odno() + " belongs to an agent order");
      simCosts.merge(owner.get(f.odno()), f.fee() + f.tax(), Long::sum);
    });
    Map<String, Long> agentCosts = new TreeMap<>(); // agent order -> fee + tax the fold booked
    long inquiryFills = 0;
    for (Map.Entry<String, List<AgentEvent>> j : journals.entrySet()) {
      AgentState st = AgentState.empty(j.getKey());
      for (AgentEvent e : j.getValue()) {
        AgentState next = st.apply(e);
        if (e instanceof OrderFilled f) {
          inquiryFills += f.source() == FillSource.INQUIRY ? 1 : 0;
          agentCosts.merge(f.orderId().value(), next.fees() + next.taxes() - st.fees() - st.taxes(), Long::sum);
        }
        st = next;
      }
    }
    assertEquals(simCosts, agentCosts, "fee and tax per order, " + inquiryFills + " fills booked from the inquiry");
    long simFeesAndTax = simCosts.values().stream().mapToLong(Long::longValue).sum();
    long agentGross = books.values().stream().mapToLong(s -> s.cashFlow() + s.fees() + s.taxes()).sum();
    assertEquals(sim.account().cash() - cashBefore + simFeesAndTax, agentGross, "gross trade flow: " + summary);
    assertEquals(sim.account().cash() - cashBefore,
        books.values().stream().mapToLong(AgentState::cashFlow).sum(), "cash after fees and tax");
  }
}
