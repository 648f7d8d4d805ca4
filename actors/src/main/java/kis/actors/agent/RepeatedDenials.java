package kis.actors.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * order id. Pure; host actor only.
 */
final class RepeatedDenials {

  /** What a run of repeats is keyed by: the detail may differ ("this 5", "this 6"), the refusal does not. */
  record Key(Symbol symbol, Side side, RejectReason reason) {
    static Key of(OrderSpec spec, RejectReason reason) {
      return new Key(spec.symbol(), spec.side(), reason);
    }
  }

  /**
   * A run to journal: {@code repeats} denials, the last of them under the host's unconfirmed entry
   * {@code lastKey} at order sequence {@code lastSeq}.
   */
  record Run(Key key, int repeats, long lastKey, long lastSeq, OrderSpec lastSpec, String lastDetail) {}

  private static final class Open {
    Instant since;
    int repeats;
    long lastKey;
    long lastSeq;
    OrderSpec lastSpec;
    String lastDetail;

    Open(Instant since) {
      this.since = since;
    }
  }

  private final Duration window;
  private final Map<Key, Open> open = new HashMap<>();
  private long counted;

  RepeatedDenials(Duration window) {
    this.window = window;
  }

  /** Whether a denial of {@code key} now repeats one journaled within the window. */
  boolean repeats(Key key, Instant now) {
    Open o = open.get(key);
    return o != null && now.isBefore(o.since.plus(window));
  }

  /** The denial of {@code key} was journaled as it happened: a window opens (none when it is zero). */
  void journaled(Key key, Instant now) {
    if (!window.isZero()) {
      open.put(key, new Open(now));
    }
  }

  /**
   * The host's unconfirmed entry of {@code key}'s run's last repeat, if the run has one: the next
   * repeat replaces it in the books, which keep only a run's last denial (as its journaled record will).
   */
  java.util.OptionalLong lastEntry(Key key) {
    Open o = open.get(key);
    return o == null || o.repeats == 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(o.lastKey);
  }

  /** A repeat of {@code key} (see {@link #repeats}) refused to the strategy under {@code entryKey} at {@code seq}. */
  void repeated(Key key, long entryKey, long seq, OrderSpec spec, String detail) {
    Open o = open.get(key);
    o.repeats++;
    counted++;
    o.lastKey = entryKey;
    o.lastSeq = seq;
    o.lastSpec = spec;
    o.lastDetail = detail;
  }

  /**
   * The runs with repeats to journal now, before something else takes an order id, in order of
   * their last order id; their windows stay open and count afresh.
   */
  List<Run> takeRuns() {
    List<Run> runs = runs(o -> true);
    open.values().forEach(o -> o.repeats = 0);
    return runs;
  }

  /** Every window closes: the runs with repeats to journal, in order of their last order id. */
  List<Run> closeAll() {
    List<Run> runs = runs(o -> true);
    open.clear();
    return runs;
  }

  /**
   * The windows that passed by {@code now} close: their runs with repeats, in order of their last
   * order id. A run's record is itself a journaled denial of its key, so its window opens again at
   * {@code now} (a strategy refused at every print costs one write per window); a window without
   * repeats ends.
   */
  List<Run> closeDue(Instant now) {
    java.util.function.Predicate<Open> due = o -> !now.isBefore(o.since.plus(window));
    List<Run> runs = runs(due);
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

  private List<Run> runs(java.util.function.Predicate<Open> which) {
    List<Run> runs = new ArrayList<>();
    open.forEach((k, o) -> {
      if (o.repeats > 0 && which.test(o)) {
        runs.add(new Run(k, o.repeats, o.lastKey, o.lastSeq, o.lastSpec, o.lastDetail));
      }
    });
    runs.sort(Comparator.comparingLong(Run::lastSeq));
    return runs;
  }
}
