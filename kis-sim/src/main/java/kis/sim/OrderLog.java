package kis.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every order request the simulator received (order-cash and order-rvsecncl), in arrival order,
 * with what became of it. Tests use it to prove that no order was sent twice.
 */
public final class OrderLog {
  /** What happened to one request. */
  public enum Outcome {
    /** Accepted; {@link Entry#odno()} holds the order number. */
    ACCEPTED,
    /** Refused by a business rule (cash, tick, limits, session …). */
    REJECTED,
    /** Refused at the gateway: rate limit, token, headers or account. */
    REFUSED_AT_GATEWAY,
    /**
     * A fault answered 5xx or timed out and the order was NOT applied (not passed on, or passed on
     * and refused by a business rule).
     */
    FAULT_NOT_APPLIED,
    /** A fault answered 5xx or timed out but the order WAS applied; {@link Entry#odno()} holds its number. */
    FAULT_APPLIED
  }

  /**
   * @param seq 1-based arrival number
   * @param trId the request's TR id
   * @param body the request body as received (JSON), with {@code CANO} masked
   * @param msgCd the KIS code answered (or the gateway code)
   */
  public record Entry(long seq, Instant receivedAt, String trId, String body, Outcome outcome, String odno,
      String msgCd) {}

  private final List<Entry> entries = new ArrayList<>();

  synchronized void add(String trId, String body, Outcome outcome, String odno, String msgCd) {
    entries.add(new Entry(entries.size() + 1, Instant.now(), trId, body, outcome, odno, msgCd));
  }

  /** A snapshot of all entries in arrival order. */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  public synchronized List<Entry> entries(Predicate<Entry> filter) {
    return entries.stream().filter(filter).toList();
  }

  public synchronized int size() {
    return entries.size();
  }
}
