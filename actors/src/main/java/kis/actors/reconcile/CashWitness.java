package kis.actors.reconcile;

import kis.adapter.account.AccountCash;
import kis.adapter.account.AccountOrder;
import kis.adapter.account.AccountSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import kis.journal.CostModel;
import kis.journal.OrderNo;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;

/**
 * The account's cash as a second witness: the D+2 cash the balance reports ({@link AccountCash})
 * against what the journals explain. Pure: the same inputs and memory give the same verdict.
 *
 * <p>Steps, in order:
 * <ol>
 *   <li><b>Which runs can be judged.</b> Fills in flight make a read of the account and a read of
 *       the books disagree for a moment, so a run says nothing about cash (a streak neither grows nor
 *       ends) when (a) the balance and the daily orders straddle a fill: the balance's
 *       {@code thdt_buy_amt} / {@code thdt_sll_amt} differ from the daily orders' filled amounts by
 *       side; (b) any journal's cash moved between the states read before and after the account (a
 *       fill journaled meanwhile may have executed after the account was read); (c) a row with fills
 *       that no agent owns yet, on a traded symbol, has the symbol and side of an order awaiting its
 *       reply or in doubt (its fills reach the journal with the reply). Fills the inquiry shows and a
 *       journal missed are not in flight in this sense: the reconciler books them in this run, and
 *       this witness counts them (the report's corrections are folded into the books it reads).
 *   <li><b>The baseline.</b> Taken at the first judged run of the trading day (after a start, after
 *       an operator's accept) that finds no order without an owner on a traded symbol (their cash
 *       would be absorbed into the baseline, then counted again once booked back): the account's
 *       cash less the user's own orders (step 3), and every journal's cash flow. A new trading day
 *       takes a new baseline, since the daily orders, and the user's own trading with them, start
 *       afresh.
 *   <li><b>What is explained.</b> Per journal, its cash flow (won in from sells less won out for
 *       buys, after fees and tax: the fold's {@code cashFlow}) less its cash flow at the baseline. A
 *       journal first seen after the baseline counts from zero if every order it holds was requested
 *       after the baseline (a fresh start's new journal, a new agent), else from its first sight (an
 *       agent started late on an old journal trades only after a reconciliation that started after
 *       it, so its first sight precedes its first fill); a journal gone since (stopped, or left behind
 *       by a fresh start, which needs it to hold no live order) keeps its last-seen figure. The
 *       user's own trading (today's orders on symbols no agent trades) is explained by the account's
 *       own rows: amount, fee and tax, the {@link CostModel} applied to each order chain's cumulative
 *       amount, as KIS charges it. Orders without an owner on a traded symbol are not explained:
 *       a journal that lost them lost their cash too.
 *   <li><b>Drift.</b> In a judged run, a difference starts or grows the streak; none ends it. Like
 *       position drift ({@link AccountWitness}), it is confirmed once seen in {@code driftRuns}
 *       consecutive judged runs spanning {@code driftGrace}.
 *   <li><b>Who is parked.</b> Cash cannot be attributed to a symbol, so confirmed cash drift parks
 *       every agent whose books cannot be proven whole for today: every agent with an order today
 *       (open, closed or pushed out of its window). An unexplained difference arises after the
 *       baseline, so today; an agent with no order today has placed nothing a lost tail could hold,
 *       and an agent that lost all of today's orders is named by the orders no agent owns on its
 *       symbols (parked by {@link AccountWitness}). A difference with no agent trading today (a
 *       deposit on a quiet day) parks no one and is an alarm only; nor does a difference that is
 *       exactly the cash of the orders no agent owns on traded symbols (their agents are parked on
 *       those symbols already; the others trade on). An operator's accept
 *       ({@link Memory#accepted}) takes a new baseline at the next judged run: for a deposit or
 *       withdrawal made outside the engine, after which the parked agents are resumed as usual.
 * </ol>
 */
public final class CashWitness {
  private final int driftRuns;
  private final Duration driftGrace;
  private final CostModel costs;
  private final ZoneId zone;

  /**
   * @param driftRuns consecutive judged runs a difference must be seen in (at least 1)
   * @param driftGrace how long a difference must have lasted, from the first run that saw it
   * @param costs fee and tax of the user's own orders
   * @param zone Asia/Seoul: which orders are today's
   */
  public CashWitness(int driftRuns, Duration driftGrace, CostModel costs, ZoneId zone) {
    if (driftRuns < 1 || driftGrace == null || driftGrace.isNegative() || costs == null || zone == null) {
      throw new IllegalArgumentException("cash drift needs at least 1 run, a non-negative grace, costs and a zone");
    }
    this.driftRuns = driftRuns;
    this.driftGrace = driftGrace;
    this.costs = costs;
    this.zone = zone;
  }

  /**
   * The baseline: the account's cash less the user's own orders at {@code at}, and every journal's
   * cash flow then.
   */
  public record Baseline(Instant at, long accountLessOwn, Map<String, Long> journals) {
    public Baseline {
      journals = Map.copyOf(journals);
    }
  }

  /**
   * What the witness remembers between runs.
   *
   * @param day the trading day of the baseline
   * @param baseline empty until a run could take one (and after an accept)
   * @param lastSeen every journal's cash flow when last seen since the baseline
   * @param streak the current difference's streak, if any
   */
  public record Memory(Optional<LocalDate> day, Optional<Baseline> baseline, Map<String, Long> lastSeen,
      Optional<AccountWitness.Seen> streak) {
    public static final Memory EMPTY = new Memory(Optional.empty(), Optional.empty(), Map.of(), Optional.empty());

    public Memory {
      lastSeen = Map.copyOf(lastSeen);
    }

    /** An operator accepts the account's cash as it is: the next judged run takes a new baseline. */
    public Memory accepted() {
      return EMPTY;
    }
  }

  /**
   * @param confirmed drift past its grace: an alarm
   * @param pending a difference still within its grace
   * @param park agents to park and why (already parked ones left out)
   * @param notes why a run was not judged, when a baseline was taken
   */
  public record Verdict(Optional<CashDrift> confirmed, Optional<CashDrift> pending, Map<String, String> park,
      Memory memory, List<String> notes) {
    public Verdict {
      park = Map.copyOf(park);
      notes = List.copyOf(notes);
    }
  }

  /**
   * @param judged the report as {@link AccountWitness} judged it (its corrections, external orders
   *     and the unowned ones among them)
   * @param account the snapshot the report compared
   * @param before the agents' states read just before the account
   * @param after the states read just after it (the report's corrections not yet applied)
   */
  public Verdict judge(ReconcileReport judged, AccountSnapshot account, Map<String, AgentState> before,
      Map<String, AgentState> after, Memory memory) {
    Instant at = account.takenAt();
    LocalDate day = account.tradingDate();
    List<String> notes = new ArrayList<>();
    if (!account.cash().known()) {
      return new Verdict(Optional.empty(), Optional.empty(), Map.of(), memory, List.of("cash: not judged, the"
          + " balance reported no cash summary"));
    }
    Memory m = memory.day().map(day::equals).orElse(false) ? memory : Memory.EMPTY.accepted();
    Map<String, AgentState> books = folded(after, judged);
    Map<Symbol, Set<String>> traders = AccountWitness.traders(after);
    Optional<String> unjudged = inFlight(account, judged, before, after, traders);

    Map<String, Long> lastSeen = new TreeMap<>(m.lastSeen());
    books.forEach((journal, s) -> lastSeen.put(journal, s.cashFlow()));
    long accountLessOwn = account.cash().cashD2() - ownTrading(judged, traders);

    if (m.baseline().isEmpty()) {
      if (unjudged.isPresent()) {
        notes.add("cash: no baseline yet, " + unjudged.get());
      } else if (!judged.unowned().isEmpty()) {
        notes.add("cash: no baseline yet, orders no agent owns on traded symbols would be absorbed into it");
      } else {
        Baseline b = new Baseline(at, accountLessOwn, lastSeen);
        notes.add("cash: baseline taken, " + account.cash().cashD2() + " won D+2");
        return new Verdict(Optional.empty(), Optional.empty(), Map.of(),
            new Memory(Optional.of(day), Optional.of(b), lastSeen, Optional.empty()), notes);
      }
      return new Verdict(Optional.empty(), Optional.empty(), Map.of(), m, notes);
    }
    Baseline b = m.baseline().get();
    long moved = 0;
    Map<String, Long> base = new HashMap<>(b.journals());
    for (Map.Entry<String, Long> e : lastSeen.entrySet()) {
      if (!base.containsKey(e.getKey())) {
        AgentState s = books.get(e.getKey());
        base.put(e.getKey(), s != null && begunAfter(s, b.at()) ? 0L : e.getValue());
      }
      moved += e.getValue() - base.get(e.getKey());
    }
    Baseline kept = new Baseline(b.at(), b.accountLessOwn(), base);
    long explained = account.cash().cashD2() - accountLessOwn + b.accountLessOwn() + moved;
    long difference = account.cash().cashD2() - explained;

    Optional<AccountWitness.Seen> streak;
    if (unjudged.isPresent()) {
      notes.add("cash: not judged this run, " + unjudged.get());
      streak = m.streak(); // fills in flight: no evidence either way
    } else if (difference == 0) {
      streak = Optional.empty();
    } else {
      streak = Optional.of(m.streak().map(s -> new AccountWitness.Seen(s.first(), s.runs() + 1))
          .orElse(new AccountWitness.Seen(at, 1)));
    }
    Memory next = new Memory(Optional.of(day), Optional.of(kept), lastSeen, streak);
    if (streak.isEmpty() || difference == 0) {
      return new Verdict(Optional.empty(), Optional.empty(), Map.of(), next, notes);
    }
    AccountWitness.Seen s = streak.get();
    CashDrift drift = new CashDrift(account.cash().cashD2(), explained, b.at(), s.first(), s.runs());
    if (s.runs() < driftRuns || at.isBefore(s.first().plus(driftGrace))) {
      return new Verdict(Optional.empty(), Optional.of(drift), Map.of(), next, notes);
    }
    Map<String, String> park = new TreeMap<>();
    long unownedCash = cashOf(judged.unowned().stream().flatMap(u -> u.orders().stream()).toList());
    if (!judged.unowned().isEmpty() && difference == unownedCash) {
      // Exactly the orders no agent owns: their agents are parked on those symbols already.
      notes.add("cash: the difference is the cash of the orders no agent owns, alarmed on their symbols");
      return new Verdict(Optional.of(drift), Optional.empty(), Map.of(), next, notes);
    }
    books.forEach((journal, state) -> {
      if (!state.parked() && tradedOn(state, day)) {
        park.put(journal, "reconcile: " + drift.describe());
      }
    });
    return new Verdict(Optional.of(drift), Optional.empty(), park, next, notes);
  }

  /** The agents' books with the report's corrections applied, as they will be once journaled. */
  private static Map<String, AgentState> folded(Map<String, AgentState> after, ReconcileReport report) {
    Map<String, AgentState> out = new TreeMap<>();
    after.forEach((journal, s) -> {
      AgentState f = s;
      for (AgentEvent e : report.eventsFor(journal)) {
        f = f.apply(e);
      }
      out.put(journal, f);
    });
    return out;
  }

  /** Why this run cannot be judged (step 2), if it cannot. */
  private static Optional<String> inFlight(AccountSnapshot account, ReconcileReport report,
      Map<String, AgentState> before, Map<String, AgentState> after, Map<Symbol, Set<String>> traders) {
    long bought = 0;
    long sold = 0;
    for (AccountOrder r : account.orders()) {
      if (r.side() == Side.BUY) {
        bought += r.filledAmount();
      } else {
        sold += r.filledAmount();
      }
    }
    AccountCash c = account.cash();
    if (bought != c.todayBuyAmount() || sold != c.todaySellAmount()) {
      return Optional.of("the balance (bought " + c.todayBuyAmount() + ", sold " + c.todaySellAmount()
          + ") and the daily orders (bought " + bought + ", sold " + sold + ") straddle a fill");
    }
    for (Map.Entry<String, AgentState> e : after.entrySet()) {
      AgentState b = before.get(e.getKey());
      if (b == null || b.cashFlow() != e.getValue().cashFlow()) {
        return Optional.of(e.getKey() + "'s books moved during the run");
      }
    }
    for (AccountOrder r : report.externalOrders()) {
      if (r.filledQuantity() > 0 && traders.containsKey(r.symbol()) && awaiting(after).anyMatch(
          o -> o.spec().symbol().equals(r.symbol()) && o.spec().side() == r.side())) {
        return Optional.of(r.orderNo().value() + " has fills and may be an order awaiting its reply");
      }
    }
    return Optional.empty();
  }

  private static Stream<Order> awaiting(Map<String, AgentState> states) {
    return states.values().stream().flatMap(s -> s.openOrders().values().stream())
        .filter(o -> o.status() == OrderStatus.REQUESTED || o.status() == OrderStatus.IN_DOUBT);
  }

  /**
   * The cash today's orders on symbols no agent trades (the user's own) moved: per order chain (an
   * order and its revises), its cumulative amount with the chain's fee and tax.
   */
  long ownTrading(ReconcileReport report, Map<Symbol, Set<String>> traders) {
    return cashOf(report.externalOrders().stream().filter(r -> !traders.containsKey(r.symbol())).toList());
  }

  /** The cash {@code own} moved: per order chain, its cumulative amount with the chain's fee and tax. */
  long cashOf(List<AccountOrder> own) {
    Map<OrderNo, AccountOrder> byNo = new HashMap<>();
    own.forEach(r -> byNo.put(r.orderNo(), r));
    Map<OrderNo, Long> chains = new TreeMap<>(java.util.Comparator.comparing(OrderNo::value));
    Map<OrderNo, Side> sides = new HashMap<>();
    for (AccountOrder r : own) {
      OrderNo root = root(r, byNo);
      chains.merge(root, r.filledAmount(), Long::sum);
      sides.put(root, r.side());
    }
    long cash = 0;
    for (Map.Entry<OrderNo, Long> e : chains.entrySet()) {
      long amount = e.getValue();
      Side side = sides.get(e.getKey());
      long owed = costs.fee(amount) + costs.tax(side, amount);
      cash += side == Side.BUY ? -amount - owed : amount - owed;
    }
    return cash;
  }

  private static OrderNo root(AccountOrder r, Map<OrderNo, AccountOrder> byNo) {
    AccountOrder at = r;
    for (int i = 0; i < 100 && at.originalOrderNo().isPresent() && byNo.containsKey(at.originalOrderNo().get()); i++) {
      at = byNo.get(at.originalOrderNo().get());
    }
    return at.originalOrderNo().orElse(at.orderNo());
  }

  /**
   * Whether every order the journal ever held was requested after {@code baseline} (none ever left
   * its closed window): a journal begun since (a fresh start's, a new agent's), all of whose cash
   * flow is the baseline's business.
   */
  private static boolean begunAfter(AgentState s, Instant baseline) {
    return s.closedOrders().size() < AgentState.CLOSED_KEPT
        && Stream.concat(s.openOrders().values().stream(), s.closedOrders().stream())
            .allMatch(o -> o.requestedAt().isAfter(baseline));
  }

  /** Whether the agent has an order today: open, closed, or pushed out of its closed window. */
  private boolean tradedOn(AgentState s, LocalDate day) {
    return !s.prunedOrderNos().of(day).isEmpty()
        || Stream.concat(s.openOrders().values().stream(), s.closedOrders().stream())
            .anyMatch(o -> o.status() != OrderStatus.DENIED && o.requestedAt().atZone(zone).toLocalDate().equals(day));
  }
}
