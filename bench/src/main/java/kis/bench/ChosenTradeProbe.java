package kis.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import kis.actors.agent.JournalWrites;
import kis.connector.LatencyProbe;
import kis.engine.journal.CommitProbe;
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

  /**
   * The journal's latest stamps ({@link CommitProbe}), a few of each (guarded by this): requests
   * taken by the journal actor, commits, marks appends. The intent's are picked out by its own
   * persist and confirmation instants; other writes (the previous order's accept or fill) may come
   * between the frame and the intent.
   */
  private final long[] received = new long[RING];
  private final Commit[] commits = new Commit[RING];
  private final long[][] marks = new long[RING][2];
  private int receivedNext;
  private int commitsNext;
  private int marksNext;
  private static final int RING = 32;

  private record Commit(long start, long written, long answered, int requests) {}

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
    return new Split(w.persistAt() - f, w.confirmedAt() - w.persistAt(), r - w.confirmedAt(), journal(f, w, r));
  }

  /** The intent's write as the journal stamped it: the first request taken after its persist, the first commit after that. */
  private synchronized Journal journal(long frame, Write w, long request) {
    long got = Long.MAX_VALUE;
    for (long x : received) {
      if (x >= w.persistAt() && x < got) {
        got = x;
      }
    }
    Commit c = null;
    for (Commit x : commits) {
      // Matched by its write, not by its answered stamp: the agent may hear the answer before the
      // writer takes that stamp.
      if (x != null && x.start() >= got && x.written() <= w.confirmedAt() && (c == null || x.start() < c.start())) {
        c = x;
      }
    }
    if (c == null) {
      return null;
    }
    int ahead = 0;
    for (long x : received) {
      ahead += x >= frame && x < got ? 1 : 0;
    }
    long behind = 0; // the writer still in an earlier commit when the intent reached the journal actor
    for (Commit x : commits) {
      if (x != null && x.start() < got && x.answered() > got) {
        behind = Math.max(behind, x.answered() - got);
      }
    }
    long sincePrevious = -1; // the last commit before the intent's: its write's end to the intent's commit begun
    for (Commit x : commits) {
      if (x != null && x.start() < c.start() && (sincePrevious < 0 || c.start() - x.written() < sincePrevious)) {
        sincePrevious = c.start() - x.written();
      }
    }
    return new Journal(got - w.persistAt(), c.start() - got, c.written() - c.start(), w.confirmedAt() - c.written(),
        c.requests(), ahead, behind, marksDuring(c.start(), c.written()), marksBegun(c.start(), c.written()),
        sincePrevious, marksDuring(c.written(), request));
  }


  /**
   * One sample's three parts, nanoseconds, and the fsync part's own split where the journal's
   * stamps were seen ({@code null} otherwise: the bare path, a journal without the probe).
   */
  record Split(long queue, long fsync, long rest, Journal journal) {}

  /**
   * The fsync part split by the journal's {@link CommitProbe} stamps: to the journal actor (the
   * agent's persist to the actor taking the request), to the writer (serialized, queued, the writer
   * thread woken, the batch begun), write (the batch built and LevelDB's synced write), answer (the
   * write returned to the agent hearing it confirmed: its mailbox, its dispatcher thread); the
   * requests its commit held, the writes the journal took after the frame and before the intent (the
   * previous order's accept or fill), how long the writer was still in an earlier commit when the
   * intent reached the journal actor (0: idle), and whether a marks append (its fsync) ran during the write:
   * {@code marksLead} is when the first such append began, from the intent's commit begun (negative:
   * before it, i.e. the intent's write met a marks fsync already running; {@link Long#MIN_VALUE}: none
   * ran); {@code sincePrevious} how long before the intent's commit the previous commit's write
   * returned (-1: none seen), i.e. whose marks those were; {@code marksInHandOff} whether a marks
   * append ran while the confirmed intent went on to the REST call (its write returned to the
   * request leaving): on 2 cores its fsync's wake-ups compete with that hand-off's.
   */
  record Journal(long toJournal, long toWriter, long write, long answer, int requests, int ahead,
      long behindCommit, boolean marksDuring, long marksLead, long sincePrevious, boolean marksInHandOff) {}

  private long marksBegun(long from, long to) {
    long first = Long.MIN_VALUE;
    for (long[] m : marks) {
      if (m[1] != 0 && m[0] < to && m[1] > from && (first == Long.MIN_VALUE || m[0] - from < first)) {
        first = m[0] - from;
      }
    }
    return first;
  }

  private boolean marksDuring(long from, long to) {
    for (long[] m : marks) {
      if (m[1] != 0 && m[0] < to && m[1] > from) {
        return true;
      }
    }
    return false;
  }

  /** What to install as the journal's {@link CommitProbe}. */
  CommitProbe.Listener commitListener() {
    return new CommitProbe.Listener() {
      @Override
      public void received(long nanos) {
        synchronized (ChosenTradeProbe.this) {
          received[receivedNext] = nanos;
          receivedNext = (receivedNext + 1) % RING;
        }
      }

      @Override
      public void committed(long startNanos, long writtenNanos, long answeredNanos, int requests, int events) {
        synchronized (ChosenTradeProbe.this) {
          commits[commitsNext] = new Commit(startNanos, writtenNanos, answeredNanos, requests);
          commitsNext = (commitsNext + 1) % RING;
        }
      }

      @Override
      public void marked(long startNanos, long endNanos) {
        synchronized (ChosenTradeProbe.this) {
          marks[marksNext][0] = startNanos;
          marks[marksNext][1] = endNanos;
          marksNext = (marksNext + 1) % marks.length;
        }
      }
    };
  }

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
