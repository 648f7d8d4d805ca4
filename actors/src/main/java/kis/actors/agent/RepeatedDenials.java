package kis.actors.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;

/**
 * Which of a strategy host's denials are journaled one by one. A strategy that asks for an order at
 * every print while it cannot go out (the connection not live, a limit reached, the band) would
 * otherwise journal (and fsync) one {@code OrderDenied} per print. The first denial of a
 * (symbol, side, reason) is journaled as it happens and opens a window; the same denial within
 * the window is a repeat: refused to the strategy as always, counted here, and journaled as one
 * {@code OrderDenied} carrying the count ({@code repeats}) when the run ends: its window passed
 * (the record then opens the next window), or the host sends its agent anything else that takes an
 * order id. A repeat takes no order id: it is refused under the id of the journaled denial that
 * opened its window, and its run's record names that id too, so no id the strategy heard is
 * journaled nowhere (after a crash in the middle of a window the next order could otherwise take
 * an id the strategy heard denied). A revise refused at every print is kept the same way, keyed by its order and reason
 * ({@link ReviseKey}): one {@code ReviseRequested} + {@code ModifyRejected} pair with the count
 * closes its run. Pure; host actor only.
 */
final class RepeatedDenials {

  /** What a run of repeats is keyed by: the detail (and a revise's price) may differ, the refusal does not. */
  sealed interface Subject permits Key, ReviseKey {
    RejectReason reason();
  }

  /** Refused placements of one symbol and side for one reason. */
  record Key(Symbol symbol, Side side, RejectReason reason) implements Subject {
    static Key of(OrderSpec spec, RejectReason reason) {
      return new Key(spec.symbol(), spec.side(), reason);
    }
  }

  /** Refused revises of one order for one reason: they take no order id and leave no unconfirmed entry. */
  record ReviseKey(ClientOrderId orderId, RejectReason reason) implements Subject {}

  /**
   * A run to journal: {@code repeats} denials, a placement's under the order sequence {@code seq}
   * of the journaled denial that opened their window (the record names it too), or a revise's
   * asking for {@code lastNewPrice} ({@code seq} 0).
   */
  record Run(Subject key, int repeats, long seq, OrderSpec lastSpec, String lastDetail, long lastNewPrice) {
    Run(Subject key, int repeats, long seq, OrderSpec lastSpec, String lastDetail) {
      this(key, repeats, seq, lastSpec, lastDetail, 0);
    }
  }

  private static final class Open {
    Instant since;
    int repeats;
    /** The order sequence of the journaled denial that opened the window (0 for a revise's). */
    long seq;
    OrderSpec lastSpec;
    String lastDetail;
    long lastNewPrice;

    Open(Instant since, long seq) {
      this.since = since;
      this.seq = seq;
    }
  }

  private final Duration window;
  private final Map<Subject, Open> open = new HashMap<>();
  private long counted;

  RepeatedDenials(Duration window) {
    this.window = window;
  }

  /** Whether a denial of {@code key} now repeats one journaled within the window. */
  boolean repeats(Subject key, Instant now) {
    Open o = open.get(key);
    return o != null && now.isBefore(o.since.plus(window));
  }

  /** A refused revise of {@code key}'s order was journaled as it happened: a window opens (none when it is zero). */
  void journaled(ReviseKey key, Instant now) {
    if (!window.isZero()) {
      open.put(key, new Open(now, 0));
    }
  }

  /** The denial of {@code key} was journaled as it happened under order sequence {@code seq}: a window opens. */
  void journaled(Key key, Instant now, long seq) {
    if (!window.isZero()) {
      open.put(key, new Open(now, seq));
    }
  }

  /**
   * The denial that opened {@code key}'s window was journaled under {@code seq}, not the sequence
   * predicted for it (the agent took an id the host had not counted on): its repeats name that one.
   */
  void openedAt(Key key, long predicted, long seq) {
    Open o = open.get(key);
    if (o != null && o.seq == predicted) {
      o.seq = seq;
    }
  }

  /** The order sequence the repeats of {@code key}'s open window are refused under: its journaled opener's. */
  long seq(Key key) {
    return open.get(key).seq;
  }

  /** A repeat of {@code key} (see {@link #repeats}) refused to the strategy under its window's id ({@link #seq}). */
  void repeated(Key key, OrderSpec spec, String detail) {
    Open o = open.get(key);
    o.repeats++;
    counted++;
    o.lastSpec = spec;
    o.lastDetail = detail;
  }

  /** A refused revise of {@code key}'s order that repeats one journaled within the window (see {@link #repeats}). */
  void repeatedRevise(ReviseKey key, long newPrice, String detail) {
    Open o = open.get(key);
    o.repeats++;
    counted++;
    o.lastNewPrice = newPrice;
    o.lastDetail = detail;
  }

  /**
   * The runs with repeats to journal now, before something else takes an order id, in order of
   * their order id; their windows stay open and count afresh.
   */
  List<Run> takeRuns() {
    return takeRuns(k -> true);
  }

  /** As {@link #takeRuns()}, for the subjects {@code which} accepts only. */
  List<Run> takeRuns(java.util.function.Predicate<Subject> which) {
    List<Run> runs = runs((k, o) -> which.test(k));
    open.forEach((k, o) -> {
      if (which.test(k)) {
        o.repeats = 0;
      }
    });
    return runs;
  }

  /** Every window closes: the runs with repeats to journal, in order of their order id. */
  List<Run> closeAll() {
    List<Run> runs = runs((k, o) -> true);
    open.clear();
    return runs;
  }

  /**
   * The windows that passed by {@code now} close: their runs with repeats, in order of their order
   * id. A run's record is itself a journaled denial of its key (under the same id), so its window opens again at
   * {@code now} (a strategy refused at every print costs one write per window); a window without
   * repeats ends.
   */
  List<Run> closeDue(Instant now) {
    java.util.function.Predicate<Open> due = o -> !now.isBefore(o.since.plus(window));
    List<Run> runs = runs((k, o) -> due.test(o));
    open.values().removeIf(o -> due.test(o) && o.repeats == 0);
    open.values().stream().filter(due).forEach(o -> {
      o.since = now;
      o.repeats = 0;
    });
    return runs;
  }

  /** When the next window closes, if one is open. */
  Optional<Instant> nextClose() {
    return open.values().stream().map(o -> o.since.plus(window)).min(Comparator.naturalOrder());
  }

  /** Denials since the host started that were counted into a run instead of journaled as they happened. */
  long counted() {
    return counted;
  }

  private List<Run> runs(java.util.function.BiPredicate<Subject, Open> which) {
    List<Run> runs = new ArrayList<>();
    open.forEach((k, o) -> {
      if (o.repeats > 0 && which.test(k, o)) {
        runs.add(run(k, o));
      }
    });
    runs.sort(Comparator.comparingLong(Run::seq));
    return runs;
  }

  private static Run run(Subject k, Open o) {
    return new Run(k, o.repeats, o.seq, o.lastSpec, o.lastDetail, o.lastNewPrice);
  }
}
