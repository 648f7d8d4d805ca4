package kis.actors.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import kis.adapter.account.AccountOrder;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;

/**
 * Judges a {@link Reconciler} report with the account as a second witness of the books. Pure: the
 * actor keeps the {@link Memory} between runs and does what the {@link Verdict} says.
 *
 * <ol>
 *   <li>Today's orders no agent owns on a symbol an agent trades (an order or a position in its
 *       books) are {@link UnownedOrders}: an alarm, and the agents on that symbol are parked. On
 *       other symbols they are the user's own trading and stay informational. A row that matches an
 *       order sent and still awaiting its reply (or in doubt) is that order in flight, not an alarm;
 *       a row placed before an agent's books begin (its first order: a fresh start today after an
 *       earlier generation's orders) cannot be that agent's lost tail.
 *   <li>A position difference is drift only once it has lasted: seen in at least {@code driftRuns}
 *       consecutive runs spanning at least {@code driftGrace}. A run during which the agents' books
 *       on the symbol moved (states read before and after the account differ), or that booked a
 *       fill on it from the inquiry, says nothing about it: fills were in flight, so the streak
 *       neither grows nor ends. A run without the
 *       difference ends the streak. Confirmed drift parks the agents on the symbol.
 *   <li>A difference on a symbol no agent trades (the account holds shares no agent ever bought) is
 *       the user's own holding: a note.
 * </ol>
 */
public final class AccountWitness {
  /** KIS order times are Seoul wall-clock times. */
  private static final java.time.ZoneId ZONE = java.time.ZoneId.of("Asia/Seoul");
  /** How far KIS's order time may lie before our request time (as the reconciler allows). */
  private static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(5);
  /**
   * How the id of the correction that hands a position over to a fresh start's new journal begins
   * ({@code handover:<old journal>:<symbol>}): the mark that the journal began at a fresh start.
   */
  public static final String HANDOVER_CORRECTION = "handover:";
  private final int driftRuns;
  private final Duration driftGrace;

  /**
   * @param driftRuns consecutive runs a difference must be seen in (at least 1)
   * @param driftGrace how long a difference must have lasted, from the first run that saw it
   */
  public AccountWitness(int driftRuns, Duration driftGrace) {
    if (driftRuns < 1 || driftGrace == null || driftGrace.isNegative()) {
      throw new IllegalArgumentException("drift grace needs at least 1 run and a non-negative duration");
    }
    this.driftRuns = driftRuns;
    this.driftGrace = driftGrace;
  }

  public int driftRuns() {
    return driftRuns;
  }

  public Duration driftGrace() {
    return driftGrace;
  }

  /** A difference's streak: first seen at {@code first}, in {@code runs} consecutive judged runs. */
  public record Seen(Instant first, int runs) {}

  /** What the witness remembers between runs: the streak of every symbol with a difference. */
  public record Memory(Map<Symbol, Seen> seen) {
    public static final Memory EMPTY = new Memory(Map.of());

    public Memory {
      seen = Map.copyOf(seen);
    }
  }

  /**
   * @param report the report with confirmed drift only, the rest pending, and the unowned orders
   * @param park agents to park (not parked yet) and why
   * @param memory to pass to the next run
   */
  public record Verdict(ReconcileReport report, Map<String, String> park, Memory memory) {
    public Verdict {
      park = Map.copyOf(park);
    }
  }

  /**
   * @param raw the reconciler's report on {@code after}
   * @param before the agents' states read just before the account
   * @param after the states the report was computed from, read just after the account
   * @param at the account snapshot's time
   */
  public Verdict judge(ReconcileReport raw, Map<String, AgentState> before, Map<String, AgentState> after,
      Memory memory, Instant at) {
    return judge(raw, before, after, memory, at, EarlierOrders.UNKNOWN);
  }

  /**
   * As {@link #judge(ReconcileReport, Map, Map, Memory, Instant)}, knowing the numbers of the
   * orders earlier generations placed ({@code earlier}): a row with such a number is that
   * generation's (a note, never an alarm), and for an agent whose earlier generations are all
   * recorded, the heuristics that guess earlier generations' rows (handed over without orders,
   * placed before its first order or numbered below its lowest) are not used.
   */
  public Verdict judge(ReconcileReport raw, Map<String, AgentState> before, Map<String, AgentState> after,
      Memory memory, Instant at, EarlierOrders earlier) {
    Map<Symbol, Set<String>> traders = traders(after);
    List<String> notes = new ArrayList<>();
    Map<String, String> park = new TreeMap<>();

    Map<Symbol, List<AccountOrder>> unownedRows = new TreeMap<>();
    Map<Symbol, Set<String>> suspects = new TreeMap<>();
    List<Order> awaiting = awaitingReply(after);
    for (AccountOrder r : raw.externalOrders()) {
      Optional<String> earlierJournal = earlier.journalOf(r.orderNo())
          .or(() -> r.originalOrderNo().flatMap(earlier::journalOf));
      if (earlierJournal.isPresent()) {
        if (traders.containsKey(r.symbol())) {
          notes.add(r.orderNo().value() + " on " + r.symbol().code() + ": placed by journal " + earlierJournal.get()
              + ", an earlier generation (its number was recorded at the fresh start)");
        }
        continue;
      }
      Set<String> undecided = new TreeSet<>();
      Set<String> could = couldHavePlaced(r, traders, after, at.atZone(ZONE).toLocalDate(), undecided, earlier);
      if (could.isEmpty()) {
        if (!undecided.isEmpty()) {
          notes.add(r.orderNo().value() + " on " + r.symbol().code() + ": no owner, placed within the clock tolerance"
              + " of the first order of " + String.join(", ", undecided) + ", which has no KIS number yet: judged"
              + " once it has one");
        }
        continue;
      }
      Optional<Order> mine = awaiting.stream().filter(o -> couldBe(o, r)).findFirst();
      if (mine.isPresent()) {
        // Sent, listed by KIS, its reply not journaled yet: the next run will see it owned.
        awaiting.remove(mine.get());
        notes.add(r.orderNo().value() + " on " + r.symbol().code() + ": no owner yet, but " + mine.get().id()
            + " awaits its reply and matches it");
      } else if (inDoubtFor(r, could, after).isPresent()) {
        // What KIS made of an in-doubt order is unknown until the reconciler resolves it (matched, or
        // "never reached KIS" after its grace), and until then the agent may have no KIS number to
        // tell its rows from an earlier generation's (a fresh start, then a crash mid-send): every
        // row it could own is judged once the order is resolved, so a crash mid-send parks nobody.
        notes.add(r.orderNo().value() + " on " + r.symbol().code() + ": no owner yet, but "
            + inDoubtFor(r, could, after).get() + " is in doubt on that symbol: judged once it is resolved");
      } else {
        unownedRows.computeIfAbsent(r.symbol(), s -> new ArrayList<>()).add(r);
        suspects.computeIfAbsent(r.symbol(), s -> new TreeSet<>()).addAll(could);
      }
    }
    List<UnownedOrders> unowned = new ArrayList<>();
    unownedRows.forEach((sym, rows) -> {
      UnownedOrders u = new UnownedOrders(sym, List.copyOf(suspects.get(sym)), rows);
      unowned.add(u);
      suspects.get(sym).forEach(a -> park.putIfAbsent(a, "reconcile: " + u.describe()));
    });

    Map<Symbol, Seen> seen = new TreeMap<>();
    List<PositionDrift> confirmed = new ArrayList<>();
    List<PositionDrift> pending = new ArrayList<>();
    for (PositionDrift d : raw.drifts()) {
      Symbol sym = d.symbol();
      if (!traders.containsKey(sym)) {
        notes.add(sym.code() + ": the account holds " + d.accountQuantity() + " that no agent trades (the user's own)");
        continue;
      }
      Seen was = memory.seen().get(sym);
      Seen now;
      if (moved(sym, before, after) || inferredFill(raw, sym)) {
        now = was; // fills in flight during the run: no evidence either way
      } else {
        now = was == null ? new Seen(at, 1) : new Seen(was.first(), was.runs() + 1);
      }
      if (now != null) {
        seen.put(sym, now);
      }
      if (now != null && now.runs() >= driftRuns && !at.isBefore(now.first().plus(driftGrace))) {
        confirmed.add(d);
        traders.get(sym).forEach(a -> park.putIfAbsent(a, "reconcile: position drift " + d.describe() + ", seen in "
            + now.runs() + " run(s) since " + now.first()));
      } else {
        pending.add(d);
      }
    }
    park.keySet().removeIf(a -> after.get(a) == null || after.get(a).parked());
    return new Verdict(raw.judged(confirmed, pending, unowned, notes), park, new Memory(seen));
  }

  /**
   * The agents trading {@code r}'s symbol whose journal could have lost {@code r}: a lost tail is
   * newer than what the journal kept, so an agent whose books begin after {@code r} (its first
   * order, beyond the clock tolerance, or its lowest KIS order number today above {@code r}'s: a
   * fresh start today, after an earlier generation's orders) cannot be its owner. Nor can an agent
   * that began at a fresh start and has placed no order on its new journal yet: it trades the
   * symbol only through the position handed over from its earlier generation, whose orders these
   * rows are (without this, the handover alone made every one of them look like its lost tail).
   * An agent whose first order is within the clock tolerance of {@code r} and which has no KIS
   * number today to compare is added to {@code undecided} instead: no alarm until a number decides.
   */
  private static Set<String> couldHavePlaced(AccountOrder r, Map<Symbol, Set<String>> traders,
      Map<String, AgentState> after, java.time.LocalDate day, Set<String> undecided, EarlierOrders earlier) {
    Set<String> on = traders.get(r.symbol());
    if (on == null) {
      return Set.of();
    }
    Set<String> out = new TreeSet<>();
    for (String agent : on) {
      if (earlier.isComplete(agent)) {
        // Every earlier generation's number is known and none is r's: r is no earlier
        // generation's, so no guess from times or numbering may excuse it. What has no number
        // yet (an order awaiting its reply, one in doubt after a crash mid-send) is still matched
        // or deferred by the judge.
        out.add(agent);
        continue;
      }
      if (handedOverWithoutOrders(after.get(agent), day)) {
        continue;
      }
      Optional<Instant> first = firstOrderAt(after.get(agent));
      Instant placed = r.orderTime().atDate(day).atZone(ZONE).toInstant();
      Optional<Long> lowest = lowestNumberToday(after.get(agent), day);
      boolean before = first.isPresent() && placed.isBefore(first.get().minus(CLOCK_TOLERANCE))
          || lowest.isPresent() && number(r.orderNo().value()).map(n -> n < lowest.get()).orElse(false);
      if (before) {
        continue;
      }
      if (lowest.isEmpty() && first.isPresent() && placed.isBefore(first.get().plus(CLOCK_TOLERANCE))) {
        // Too close to its first order to tell by the clocks, and no number to tell by: a fresh
        // start's first order awaiting its reply, seconds after the earlier generation's last
        // orders. Its number, in a run or two, decides.
        undecided.add(agent);
      } else {
        out.add(agent);
      }
    }
    return out;
  }

  /**
   * Whether the agent's journal began at a fresh start that handed a position over (its books hold
   * a {@link #HANDOVER_CORRECTION} correction) and holds no order of its own: no open or closed
   * order, and no KIS number of today's orders pushed out of its closed orders.
   */
  static boolean handedOverWithoutOrders(AgentState s, java.time.LocalDate day) {
    return s.appliedCorrections().stream().anyMatch(id -> id.startsWith(HANDOVER_CORRECTION))
        && s.openOrders().isEmpty() && s.closedOrders().isEmpty() && s.prunedOrderNos().of(day).isEmpty();
  }

  /**
   * The lowest KIS number of the agent's orders today (including those pushed out of its closed
   * orders): KIS numbers an account's orders upwards through the day.
   */
  private static Optional<Long> lowestNumberToday(AgentState s, java.time.LocalDate day) {
    return java.util.stream.Stream.concat(
        java.util.stream.Stream.concat(s.openOrders().values().stream(), s.closedOrders().stream())
            .filter(o -> o.orderNo() != null && o.requestedAt().atZone(ZONE).toLocalDate().equals(day))
            .flatMap(o -> java.util.stream.Stream.concat(java.util.stream.Stream.of(o.orderNo()),
                o.previousOrderNos().stream())),
        s.prunedOrderNos().of(day).stream())
        .map(no -> number(no.value())).flatMap(Optional::stream).min(Long::compare);
  }

  private static Optional<Long> number(String orderNo) {
    try {
      return Optional.of(Long.parseLong(orderNo.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> firstOrderAt(AgentState s) {
    Optional<Instant> open = s.openOrders().values().stream().map(Order::requestedAt).min(Instant::compareTo);
    Optional<Instant> closed = s.closedOrders().stream().map(Order::requestedAt).min(Instant::compareTo);
    return java.util.stream.Stream.of(open, closed).flatMap(Optional::stream).min(Instant::compareTo);
  }

  /** An in-doubt order of one of {@code agents} on {@code r}'s symbol, as "agent order-id". */
  private static Optional<String> inDoubtFor(AccountOrder r, Set<String> agents, Map<String, AgentState> states) {
    for (String agent : agents) {
      AgentState s = states.get(agent);
      if (s == null) {
        continue;
      }
      Optional<Order> o = s.openOrders().values().stream().filter(x -> x.status() == OrderStatus.IN_DOUBT
          && x.spec().symbol().equals(r.symbol())).findFirst();
      if (o.isPresent()) {
        return Optional.of(agent + " " + o.get().id());
      }
    }
    return Optional.empty();
  }

  /** Every order sent and not yet answered (or in doubt), oldest request first. */
  private static List<Order> awaitingReply(Map<String, AgentState> states) {
    List<Order> out = new ArrayList<>();
    states.values().forEach(s -> s.openOrders().values().stream()
        .filter(o -> o.status() == OrderStatus.REQUESTED || o.status() == OrderStatus.IN_DOUBT).forEach(out::add));
    out.sort(java.util.Comparator.comparing(Order::requestedAt));
    return out;
  }

  /** Whether {@code r} is what {@code o} asked for (a priceless order's row may show any price). */
  private static boolean couldBe(Order o, AccountOrder r) {
    return r.kind() == AccountOrder.Kind.NEW && r.symbol().equals(o.spec().symbol()) && r.side() == o.spec().side()
        && r.orderQuantity() == o.quantity() && (o.spec().price() == 0 || r.price() == o.spec().price());
  }

  /** Symbol → the agents whose books show it: an order (open or recently closed) or a position. */
  static Map<Symbol, Set<String>> traders(Map<String, AgentState> states) {
    Map<Symbol, Set<String>> out = new TreeMap<>();
    states.forEach((agent, s) -> {
      s.positions().values().stream().filter(p -> p.quantity() != 0)
          .forEach(p -> out.computeIfAbsent(p.symbol(), k -> new TreeSet<>()).add(agent));
      s.openOrders().values().forEach(o -> out.computeIfAbsent(o.spec().symbol(), k -> new TreeSet<>()).add(agent));
      s.closedOrders().forEach(o -> out.computeIfAbsent(o.spec().symbol(), k -> new TreeSet<>()).add(agent));
    });
    return out;
  }

  /** Whether any agent's books on {@code sym} changed between the two reads (a fill landed meanwhile). */
  private static boolean moved(Symbol sym, Map<String, AgentState> before, Map<String, AgentState> after) {
    for (Map.Entry<String, AgentState> e : after.entrySet()) {
      AgentState b = before.get(e.getKey());
      if (b == null || b.position(sym).quantity() != e.getValue().position(sym).quantity()
          || filled(b, sym) != filled(e.getValue(), sym)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether this run booked a fill on {@code sym} from the inquiry: its notice is likely in flight,
   * and the balance (read alongside the inquiry, not atomically with it) may not show it yet.
   */
  private static boolean inferredFill(ReconcileReport raw, Symbol sym) {
    return raw.corrections().values().stream().flatMap(List::stream)
        .anyMatch(c -> c.event() instanceof kis.journal.event.OrderFilled f && f.symbol().equals(sym));
  }

  private static long filled(AgentState s, Symbol sym) {
    return s.openOrders().values().stream().filter(o -> o.spec().symbol().equals(sym))
        .mapToLong(Order::filledQuantity).sum();
  }
}
