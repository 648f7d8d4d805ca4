package kis.actors.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import kis.adapter.account.AccountOrder;
import kis.adapter.account.AccountSnapshot;
import kis.adapter.account.Holding;
import kis.journal.ClientOrderId;
import kis.journal.CostModel;
import kis.journal.OrderNo;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.event.AgentEvent;
import kis.journal.event.FillSource;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderCancelled;
import kis.journal.event.OrderExpired;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderInDoubt;
import kis.journal.event.OrderRevised;
import kis.journal.state.AgentState;
import kis.journal.state.FillCosts;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import kis.journal.state.OrderTransitions;
import kis.journal.state.Position;

/**
 * Compares every agent's books with the account and says what to journal. Pure: the same states
 * and snapshot always give the same report, and applying a report's events and reconciling again
 * against the same account gives a report with nothing to correct.
 *
 * <p>Steps, each applied to a working copy of the states so later steps see earlier corrections:
 * <ol>
 *   <li>In-doubt orders (and orders whose reply has not come within the grace period) are matched
 *       to today's orders no agent owns by symbol, side, quantity and price, earliest request to
 *       earliest KIS order time; a match is adopted with its order number, no match after the grace
 *       period means the order never reached KIS.
 *   <li>Per order: revises KIS made that the journal missed, fills it missed (one inferred
 *       {@code OrderFilled} per order for the difference in cumulative quantity, execKey
 *       {@code inq:<ODNO>:<cumulative>}), cancels KIS confirmed, and live orders from an earlier
 *       trading day, which KIS expired overnight.
 *   <li>Today's orders still unowned are reported as external; symbols whose held quantity
 *       differs from the agents' total are flagged as drift.
 * </ol>
 */
public final class Reconciler {
  private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");

  private final CostModel costs;
  private final Duration inDoubtGrace;
  private final Duration clockTolerance;
  private final ZoneId zone;

  /**
   * @param costs fees and tax for inferred fills (per order, as {@link FillCosts} charges every fill)
   * @param inDoubtGrace how long after its request an unmatched order is still given, since
   *     KIS's inquiry may list today's orders late
   * @param clockTolerance how far KIS's order time may lie before our request time (clock skew)
   * @param zone Asia/Seoul: dates and KIS order times are read there
   */
  public Reconciler(CostModel costs, Duration inDoubtGrace, Duration clockTolerance, ZoneId zone) {
    this.costs = costs;
    this.inDoubtGrace = inDoubtGrace;
    this.clockTolerance = clockTolerance;
    this.zone = zone;
  }

  /** A reconciler with a 60 s grace period, 5 s clock tolerance, in Asia/Seoul. */
  public static Reconciler withDefaults(CostModel costs) {
    return new Reconciler(costs, Duration.ofSeconds(60), Duration.ofSeconds(5), ZoneId.of("Asia/Seoul"));
  }

  /** Reconcile {@code agents} (agent id → current state) against {@code account}. */
  public ReconcileReport reconcile(Map<String, AgentState> agents, AccountSnapshot account) {
    return reconcile(agents, account, Set.of());
  }

  /**
   * As {@link #reconcile(Map, AccountSnapshot)}, knowing the KIS numbers of orders that earlier
   * journal generations placed ({@link EarlierOrders}): those rows are never taken for an order in
   * doubt. Without this, an order sent right after a fresh start and left in doubt by a crash could
   * be matched to the earlier generation's last order of the same kind (within the clock
   * tolerance), and its own row would then look unowned.
   */
  public ReconcileReport reconcile(Map<String, AgentState> agents, AccountSnapshot account, Set<OrderNo> earlier) {
    return new Run(agents, account, earlier).go();
  }

  /** Who placed an order; {@code order} is null for a closed order past the state's window. */
  private record Owner(String agent, ClientOrderId order) {}

  /** One reconciliation's working state; confined to {@link #reconcile}. */
  private final class Run {
    final AccountSnapshot acct;
    final Instant at;
    final TreeMap<String, AgentState> states;
    final TreeMap<String, List<Correction>> out = new TreeMap<>();
    final List<String> notes = new ArrayList<>();
    final Map<OrderNo, Owner> owners = new HashMap<>();
    final List<AccountOrder> rows;
    final Set<OrderNo> earlier;

    Run(Map<String, AgentState> agents, AccountSnapshot acct, Set<OrderNo> earlier) {
      this.earlier = Set.copyOf(earlier);
      this.acct = acct;
      this.at = acct.takenAt();
      this.states = new TreeMap<>(agents);
      this.rows = new ArrayList<>(acct.orders());
      rows.sort(Comparator.comparing(AccountOrder::orderTime).thenComparing(AccountOrder::orderNo));
    }

    ReconcileReport go() {
      indexOwners();
      resolveInDoubt();
      indexOwners();
      for (String agent : states.keySet()) {
        for (ClientOrderId id : orderIds(states.get(agent))) {
          reconcileOrder(agent, id);
        }
      }
      List<AccountOrder> external = rows.stream().filter(r -> !owners.containsKey(r.orderNo())).toList();
      return new ReconcileReport(out, external, drifts(external), notes);
    }

    void indexOwners() {
      owners.clear();
      for (Map.Entry<String, AgentState> e : states.entrySet()) {
        for (Order o : allOrders(e.getValue())) {
          Owner w = new Owner(e.getKey(), o.id());
          if (o.orderNo() != null) {
            owners.put(o.orderNo(), w);
          }
          o.previousOrderNos().forEach(no -> owners.put(no, w));
        }
        // Today's orders past the state's closed window: owned (so not external), with nothing
        // left to reconcile (they are closed).
        Owner pruned = new Owner(e.getKey(), null);
        e.getValue().prunedOrderNos().of(acct.tradingDate()).forEach(no -> owners.putIfAbsent(no, pruned));
      }
      // A revise or cancel belongs to whoever owns its original (rows are in time order, so a
      // chain of revises resolves front to back).
      for (AccountOrder r : rows) {
        if (!owners.containsKey(r.orderNo()) && r.originalOrderNo().isPresent()) {
          Owner w = owners.get(r.originalOrderNo().get());
          if (w != null) {
            owners.put(r.orderNo(), w);
          }
        }
      }
    }

    void resolveInDoubt() {
      List<Owner> candidates = new ArrayList<>();
      for (Map.Entry<String, AgentState> e : states.entrySet()) {
        for (Order o : e.getValue().openOrders().values()) {
          boolean inDoubt = o.status() == OrderStatus.IN_DOUBT;
          // A REQUESTED order within the grace period is simply waiting for its reply.
          boolean overdue = o.status() == OrderStatus.REQUESTED && !withinGrace(o);
          if ((inDoubt || overdue) && date(o.requestedAt()).equals(acct.tradingDate())) {
            candidates.add(new Owner(e.getKey(), o.id()));
          }
        }
      }
      candidates.sort(Comparator.comparing((Owner w) -> order(w).requestedAt()).thenComparing(Owner::agent)
          .thenComparing(Owner::order));
      Set<OrderNo> taken = new HashSet<>();
      for (Owner w : candidates) {
        Order o = order(w);
        Optional<AccountOrder> match = rows.stream()
            .filter(r -> r.kind() == AccountOrder.Kind.NEW && !owners.containsKey(r.orderNo())
                && !earlier.contains(r.orderNo()) && !taken.contains(r.orderNo()) && matches(o, r))
            .findFirst();
        String key = o.id() + ":";
        if (match.isPresent()) {
          AccountOrder r = match.get();
          taken.add(r.orderNo());
          AgentEvent e = o.status() == OrderStatus.IN_DOUBT
              ? new InDoubtResolved(o.id(), Optional.of(r.orderNo()), r.branchNo(), at)
              : new OrderAccepted(o.id(), r.orderNo(), r.branchNo(), r.orderTime().format(HHMMSS), true, at);
          emit(w.agent(), key + "adopt:" + r.orderNo(), e, "matched KIS order " + r.orderNo() + " placed at "
              + r.orderTime());
        } else if (!withinGrace(o)) {
          if (o.status() == OrderStatus.REQUESTED) {
            emit(w.agent(), key + "in-doubt", new OrderInDoubt(o.id(), "no reply within "
                + inDoubtGrace.toSeconds() + " s and not in today's orders", at), "no reply");
          }
          emit(w.agent(), key + "not-found", new InDoubtResolved(o.id(), Optional.empty(), null, at),
              "not in today's orders " + inDoubtGrace.toSeconds() + " s after the request: never reached KIS");
        } else {
          notes.add(w.agent() + " " + o.id() + ": in doubt, no matching KIS order yet (grace until "
              + o.requestedAt().plus(inDoubtGrace) + ")");
        }
      }
    }

    boolean matches(Order o, AccountOrder r) {
      LocalTime requested = o.requestedAt().atZone(zone).toLocalTime();
      return r.symbol().equals(o.spec().symbol()) && r.side() == o.spec().side()
          && r.orderQuantity() == o.quantity() && r.price() == o.spec().price()
          && listedOn(o.spec().venue(), r.venue())
          && !r.orderTime().isBefore(requested.minus(clockTolerance));
    }

    /**
     * Whether an order placed on {@code placed} can be the account's row on {@code listed}: the
     * same venue, or a routed (SOR) order, which KIS may list under the book it chose.
     */
    boolean listedOn(Venue placed, Venue listed) {
      return placed == listed || placed.isRouter();
    }

    void reconcileOrder(String agent, ClientOrderId id) {
      Optional<Order> found = states.get(agent).order(id);
      if (found.isEmpty()) {
        return; // closed and pushed out of the state's in-memory window by this run's own corrections
      }
      Order o = found.get();
      Owner self = new Owner(agent, id);
      List<AccountOrder> mine = rows.stream()
          .filter(r -> r.kind() != AccountOrder.Kind.CANCEL && self.equals(owners.get(r.orderNo()))).toList();
      if (mine.isEmpty()) {
        noRows(agent, o);
        return;
      }
      for (AccountOrder r : mine) {
        if (r.kind() == AccountOrder.Kind.REVISE && !o.knownAs(r.orderNo()) && o.status().isLive()) {
          if (OrderTransitions.allows(o.status(), OrderRevised.class)) {
            emit(agent, id + ":revise:" + r.orderNo(), new OrderRevised(id, r.orderNo(), r.price(), true, at),
                "KIS lists revise " + r.orderNo() + " at " + r.price());
            o = states.get(agent).order(id).orElseThrow();
          } else {
            notes.add(agent + " " + id + ": KIS lists revise " + r.orderNo() + " but the order is " + o.status());
          }
        }
      }
      long accFilled = mine.stream().mapToLong(AccountOrder::filledQuantity).sum();
      long accAmount = mine.stream().mapToLong(AccountOrder::filledAmount).sum();
      AccountOrder last = mine.get(mine.size() - 1);
      if (accFilled > o.filledQuantity()) {
        inferFill(agent, o, last.orderNo(), accFilled, accAmount);
        o = states.get(agent).order(id).orElseThrow();
      } else if (accFilled < o.filledQuantity()) {
        notes.add(agent + " " + id + ": journal has " + o.filledQuantity() + " shares filled, KIS reports "
            + accFilled + " (inquiry may lag)");
      }
      boolean kisDone = last.remainingQuantity() == 0 && accFilled < o.quantity();
      if (kisDone && o.status().isLive()
          && OrderTransitions.allows(o.status(), OrderCancelled.class) && o.filledQuantity() < o.quantity()) {
        emit(agent, id + ":cancel:" + last.orderNo(), new OrderCancelled(id, true, at),
            "KIS shows nothing remaining on " + last.orderNo() + " (" + last.cancelledQuantity() + " cancelled)");
      }
      modifyLost(agent, states.get(agent).order(id).orElseThrow());
    }

    /**
     * A revise or cancel whose send had no answer (timeout, 5xx) and that KIS does not list after
     * the grace period never reached KIS: the order works on as it was, and may be changed again.
     * (Had KIS applied it, the steps above would have moved the order on.)
     */
    void modifyLost(String agent, Order o) {
      boolean pending = o.status() == OrderStatus.PENDING_REVISE || o.status() == OrderStatus.PENDING_CANCEL;
      if (!pending || at.isBefore(o.updatedAt().plus(inDoubtGrace))) {
        return;
      }
      String what = o.status() == OrderStatus.PENDING_REVISE ? "revise" : "cancel";
      emit(agent, o.id() + ":" + what + "-lost:" + o.updatedAt().toEpochMilli(),
          new ModifyRejected(o.id(), "NOT_FOUND", "KIS lists no " + what + " of " + o.orderNo() + " "
              + inDoubtGrace.toSeconds() + " s after it was asked for", at),
          what + " pending since " + o.updatedAt() + " never reached KIS");
    }

    void inferFill(String agent, Order o, OrderNo latest, long accFilled, long accAmount) {
      long qty = Math.min(accFilled, o.quantity()) - o.filledQuantity();
      if (accFilled > o.quantity()) {
        notes.add(agent + " " + o.id() + ": KIS reports " + accFilled + " filled of " + o.quantity());
      }
      if (qty <= 0) {
        return;
      }
      long amount = accAmount - o.filledValue();
      long price = amount / qty;
      long rest = amount % qty;
      if (price <= 0) {
        price = accAmount / accFilled; // the journal's fill prices disagree with KIS's; use KIS's average
        rest = 0;
      }
      String execKey = "inq:" + latest + ":" + accFilled;
      String why = "KIS reports " + accFilled + " filled, journal " + o.filledQuantity();
      // KIS reports the amount, not the fills: an average that is not a whole won would lose the
      // remainder, so the remainder's shares are booked one won higher and the amount stays exact.
      emitFill(agent, o, latest, qty - rest, price, execKey, why);
      if (rest > 0) {
        emitFill(agent, states.get(agent).order(o.id()).orElseThrow(), latest, rest, price + 1, execKey + ":+1", why);
      }
    }

    void emitFill(String agent, Order o, OrderNo latest, long qty, long price, String execKey, String why) {
      OrderFilled fill = new OrderFilled(o.id(), latest, o.spec().symbol(), o.spec().side(), qty, price, 0, 0, execKey,
          at.atZone(zone).toLocalTime().format(HHMMSS), FillSource.INQUIRY, at, o.spec().venue());
      emit(agent, o.id() + ":fill:" + execKey, FillCosts.priced(o, fill, costs), why);
    }

    void noRows(String agent, Order o) {
      if (!o.status().isLive()) {
        return;
      }
      LocalDate day = date(o.requestedAt());
      if (day.isBefore(acct.tradingDate())) {
        // KIS cancels unfilled orders overnight; also covers an in-doubt order from an earlier
        // day, which today's orders cannot show (position drift will tell if it had filled).
        emit(agent, o.id() + ":expire:" + day, new OrderExpired(o.id(), day, at),
            "live since " + day + ", KIS expired it at that day's close");
      } else if (o.orderNo() != null) {
        notes.add(agent + " " + o.id() + ": KIS does not list " + o.orderNo() + " (yet)");
      }
    }

    List<PositionDrift> drifts(List<AccountOrder> external) {
      Set<Symbol> symbols = new TreeSet<>();
      acct.holdings().forEach(h -> symbols.add(h.symbol()));
      states.values().forEach(s -> s.positions().values().stream().filter(p -> p.quantity() != 0)
          .forEach(p -> symbols.add(p.symbol())));
      List<PositionDrift> drifts = new ArrayList<>();
      for (Symbol sym : symbols) {
        long account = acct.holdings().stream().filter(h -> h.symbol().equals(sym)).mapToLong(Holding::quantity).sum();
        Map<String, Long> byAgent = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, AgentState> e : states.entrySet()) {
          Position p = e.getValue().position(sym);
          if (p.quantity() != 0) {
            byAgent.put(e.getKey(), p.quantity());
            total += p.quantity();
          }
        }
        if (account != total) {
          long ext = external.stream().filter(r -> r.symbol().equals(sym) && r.kind() != AccountOrder.Kind.CANCEL)
              .mapToLong(r -> r.side().sign() * r.filledQuantity()).sum();
          drifts.add(new PositionDrift(sym, account, total, byAgent, ext));
        }
      }
      return drifts;
    }

    void emit(String agent, String key, AgentEvent event, String why) {
      out.computeIfAbsent(agent, a -> new ArrayList<>()).add(new Correction("rec:" + agent + ":" + key, event, why));
      states.put(agent, states.get(agent).apply(event));
    }

    Order order(Owner w) {
      return states.get(w.agent()).order(w.order()).orElseThrow();
    }

    boolean withinGrace(Order o) {
      return at.isBefore(o.requestedAt().plus(inDoubtGrace));
    }

    LocalDate date(Instant i) {
      return i.atZone(zone).toLocalDate();
    }
  }

  private static List<Order> allOrders(AgentState s) {
    List<Order> all = new ArrayList<>(s.openOrders().values());
    all.addAll(s.closedOrders());
    return all;
  }

  private static List<ClientOrderId> orderIds(AgentState s) {
    return allOrders(s).stream().map(Order::id).distinct().sorted().toList();
  }
}
