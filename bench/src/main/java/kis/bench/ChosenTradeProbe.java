package kis.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import kis.actors.agent.JournalWrites;
import kis.connector.LatencyProbe;
import kis.journal.AgentId;

/**
 * Pairs the arrival of one chosen trade frame with the next order request leaving. The harness
 * arms it just before printing the chosen trade (a print of {@code triggerQty} shares, which no
 * other print has), then polls {@link #result()}. Time is taken first in both callbacks, so the
 * matching work here counts against the figure, never for it.
 */
final class ChosenTradeProbe implements LatencyProbe.Listener {
  private static final String TRADE_FRAME = "0|H0STCNT0|";
  private static final int CNTG_VOL = 12;

  private final String triggerQty;
  private volatile boolean armed;
  private final AtomicLong frameAt = new AtomicLong();
  private final AtomicLong latency = new AtomicLong(-1);
  private final AtomicLong requestAt = new AtomicLong();
  /** The intent's write: when the agent handed it to the journal and when it heard it confirmed. */
  private final AtomicReference<Write> intent = new AtomicReference<>();

  private record Write(long persistAt, long confirmedAt) {}

  ChosenTradeProbe(long triggerQty) {
    this.triggerQty = Long.toString(triggerQty);
  }

  void arm() {
    frameAt.set(0);
    latency.set(-1);
    requestAt.set(0);
    intent.set(null);
    armed = true;
  }

  void disarm() {
    armed = false;
  }

  /** Nanoseconds from the chosen frame to the order request, or -1 while there is none. */
  long result() {
    return latency.get();
  }

  /** When the chosen frame reached the connector (System.nanoTime), 0 if it has not. */
  long frameAt() {
    return frameAt.get();
  }

  /**
   * The chosen sample split at the intent's journal write, or {@code null} when it has no such
   * write (the engine did not journal one between frame and request: the bare path, or a stamp
   * missed): queue = frame at the connector to the intent handed to the journal, fsync = handed
   * to confirmed, REST = confirmed to the request leaving the REST client. The three add up to
   * {@link #result()}.
   */
  Split split() {
    long f = frameAt.get();
    Write w = intent.get();
    long r = requestAt.get();
    if (f == 0 || w == null || r == 0 || w.confirmedAt() > r) {
      return null;
    }
    return new Split(w.persistAt() - f, w.confirmedAt() - w.persistAt(), r - w.confirmedAt());
  }

  /** One sample's three parts, nanoseconds. */
  record Split(long queue, long fsync, long rest) {}

  /**
   * Hears the engine's journal writes ({@code JournalWrites}, both instants): the intent is the
   * last write begun after the chosen frame and confirmed while the probe is armed, i.e. before
   * the order request left (the agent hands the order on only once its {@code OrderRequested} is
   * confirmed). A write begun before the frame (the previous order's reply or fill) is not it.
   */
  /** What to give the engine's {@code JournalWrites}: its instants go to {@link #journalWritten}. */
  JournalWrites.Listener journalListener() {
    return new JournalWrites.Listener() {
      @Override
      public void written(AgentId agent, int events, java.time.Duration latency) {
        // Not called: the instants form below is overridden.
      }

      @Override
      public void written(AgentId agent, int events, long persistNanos, long confirmedNanos) {
        journalWritten(persistNanos, confirmedNanos);
      }
    };
  }

  void journalWritten(long persistNanos, long confirmedNanos) {
    long f = frameAt.get();
    if (armed && f != 0 && persistNanos >= f) {
      intent.set(new Write(persistNanos, confirmedNanos));
    }
  }

  boolean frameSeen() {
    return frameAt.get() != 0;
  }

  @Override
  public void frameReceived(long nanoTime, String frame) {
    if (armed && frameAt.get() == 0 && frame.startsWith(TRADE_FRAME) && triggerQty.equals(field(frame, CNTG_VOL))) {
      frameAt.compareAndSet(0, nanoTime);
    }
  }

  @Override
  public void requestSending(long nanoTime, String method, String pathAndQuery) {
    long f = frameAt.get();
    if (armed && f != 0 && "POST".equals(method) && pathAndQuery.endsWith("/trading/order-cash")) {
      armed = false;
      requestAt.set(nanoTime);
      latency.set(nanoTime - f);
    }
  }

  /** Field {@code n} of the frame's first record ({@code enc|TR|count|f0^f1^...}). */
  static String field(String frame, int n) {
    int start = frame.indexOf('|', frame.indexOf('|', TRADE_FRAME.length() - 1) + 1) + 1;
    for (int i = 0; i < n; i++) {
      start = frame.indexOf('^', start) + 1;
      if (start == 0) {
        return "";
      }
    }
    int end = frame.indexOf('^', start);
    return end < 0 ? frame.substring(start) : frame.substring(start, end);
  }
}
