package kis.bench;

import java.util.concurrent.atomic.AtomicLong;
import kis.connector.LatencyProbe;

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
  private final AtomicLong firstWrite = new AtomicLong(-1);

  ChosenTradeProbe(long triggerQty) {
    this.triggerQty = Long.toString(triggerQty);
  }

  void arm() {
    frameAt.set(0);
    latency.set(-1);
    firstWrite.set(-1);
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
   * How long the first journal write confirmed after the chosen frame took (the agent's
   * {@code JournalWrites} figure: from persisting to confirmed, fsync included), or -1. With one
   * agent and the previous order settled, that is the write-ahead {@code OrderRequested}.
   */
  long firstWriteNanos() {
    return firstWrite.get();
  }

  /** Hears the engine's journal writes ({@code JournalWrites}); only the first after the chosen frame counts. */
  void journalWritten(long nanos) {
    if (armed && frameAt.get() != 0) {
      firstWrite.compareAndSet(-1, nanos);
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
