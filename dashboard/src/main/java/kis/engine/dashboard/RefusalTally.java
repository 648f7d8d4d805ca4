package kis.engine.dashboard;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts refused control requests per reason and minute, so a flood of them writes a bounded
 * audit: the first refusal of each reason in a minute is listed on its own (who, which action),
 * the rest of that minute become one summary line when the minute is over. At most two lines per
 * reason and minute, whatever the rate. Not thread-safe: {@link ControlAudit} serializes calls.
 */
final class RefusalTally {
  /** What the audit writes for a refusal. */
  sealed interface Outcome permits ListIt, Counted {}

  /** The first of its reason this minute: audit it as an entry of its own. */
  record ListIt() implements Outcome {}

  /** Counted only; it appears in the minute's summary. */
  record Counted() implements Outcome {}

  /** Refusals of one reason in one minute beyond the first, once that minute is over. */
  record Summary(Instant minute, ControlRefusal reason, long more) {
    String outcome() {
      return "refused: " + reason.reason() + ": " + more + " more in the minute from " + minute
          + " (counted, not listed)";
    }
  }

  private Instant minute;
  private final Map<ControlRefusal, Long> seen = new EnumMap<>(ControlRefusal.class);

  /** Counts one refusal at {@code at}; {@code closed} receives the summaries of minutes that ended. */
  Outcome count(ControlRefusal reason, Instant at, List<Summary> closed) {
    closed.addAll(closeBefore(at));
    if (minute == null) {
      minute = at.truncatedTo(ChronoUnit.MINUTES);
    }
    long n = seen.merge(reason, 1L, Long::sum);
    return n == 1 ? new ListIt() : new Counted();
  }

  /** The summaries of a minute that is over by {@code now}; the tally starts afresh then. */
  List<Summary> closeBefore(Instant now) {
    if (minute == null || now.truncatedTo(ChronoUnit.MINUTES).equals(minute)) {
      return List.of();
    }
    return drain();
  }

  /** Every pending summary, the current minute's included (at close). */
  List<Summary> drain() {
    List<Summary> out = new ArrayList<>();
    for (Map.Entry<ControlRefusal, Long> e : seen.entrySet()) {
      if (e.getValue() > 1) {
        out.add(new Summary(minute, e.getKey(), e.getValue() - 1));
      }
    }
    seen.clear();
    minute = null;
    return out;
  }
}
