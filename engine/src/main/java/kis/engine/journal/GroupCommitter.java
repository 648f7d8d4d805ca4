package kis.engine.journal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The journal's single writer, with group commit: one thread commits write requests in arrival
 * order; every request that arrives while a commit (its fsync) is in flight waits and goes into
 * the next commit with all the others that arrived meanwhile, up to {@code maxGroup} events. A
 * request's future completes only after the commit that holds it returned (its fsync done), or
 * fails with that commit's failure: a group succeeds or fails whole.
 *
 * <p>An idle writer commits a lone request at once: grouping never waits for company it does not
 * know of. It waits only while the producer says more requests are already on their way
 * ({@link #expecting}: the journal actor's mailbox holds further writes it has not yet handed over),
 * and then at most {@code gatherNanos}: the writes that arrive together share one fsync instead of
 * the first going alone and the rest queuing behind it.
 *
 * <p>A paced writer ({@code paceNanos} > 0: the journal's marks) begins a commit one pace after the
 * oldest request it holds was submitted, and commits everything queued meanwhile together (so at most
 * one commit per pace); a {@link #barrier} or {@link #close} ends the wait at once. The first request
 * after a quiet spell waits its pace too: the journal's marks fsync then runs after the write it
 * marks has been answered and handed on, not in the middle of that hand-off. The thread is woken
 * only when it has something to do (a request for an idle writer, the last of the writes a
 * gathering commit waits for, a barrier, the close), not on every request: on a machine of a few
 * cores each needless wake-up takes a core from the producers.
 *
 * @param <T> a write request, opaque to the writer
 */
final class GroupCommitter<T> implements AutoCloseable {
  /** Makes a group durable; called on the writer thread only, one group at a time, in order. */
  @FunctionalInterface
  interface Sink<T> {
    void commit(List<T> group) throws Exception;
  }

  private record Queued<T>(T request, int events, CompletableFuture<Void> done, long submittedNanos) {}

  /** What the writer thread waits for, so a producer wakes it only when that has come. */
  private enum Waiting { NOTHING, A_REQUEST, THE_GATHER, THE_PACE }

  private final Sink<T> sink;
  private final int maxGroup;
  private final long gatherNanos;
  private final long paceNanos;
  private final Thread thread;
  /** Guards the queue and the flags; a lock rather than a monitor for the gather's sub-millisecond wait. */
  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when a request is queued, the producer's word changes, or the writer is closed. */
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Queued<T>> queue = new ArrayDeque<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong gathered = new AtomicLong();
  private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
  private boolean closed;
  /** Events queued and not yet taken into a group. */
  private int queuedEvents;
  /** The producer holds more requests it has not submitted yet. */
  private boolean expecting;
  private Waiting waiting = Waiting.NOTHING;
  /** A barrier waits: a paced writer takes what is queued at once. */
  private boolean hurry;

  private GroupCommitter(Sink<T> sink, int maxGroup, long gatherNanos, long paceNanos, String name) {
    if (maxGroup < 1) {
      throw new IllegalArgumentException("a group holds at least one event, not " + maxGroup);
    }
    if (gatherNanos < 0) {
      throw new IllegalArgumentException("the gather wait cannot be negative: " + gatherNanos + " ns");
    }
    if (paceNanos < 0) {
      throw new IllegalArgumentException("the pace cannot be negative: " + paceNanos + " ns");
    }
    this.sink = sink;
    this.maxGroup = maxGroup;
    this.gatherNanos = gatherNanos;
    this.paceNanos = paceNanos;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  /** A started writer committing through {@code sink}, at most {@code maxGroup} events a commit, never waiting. */
  static <T> GroupCommitter<T> start(Sink<T> sink, int maxGroup, String threadName) {
    return start(sink, maxGroup, Duration.ZERO, threadName);
  }

  /**
   * As {@link #start(Sink, int, String)}; while the producer says it is {@link #expecting} more
   * requests, a commit waits for them at most {@code gather}.
   */
  static <T> GroupCommitter<T> start(Sink<T> sink, int maxGroup, Duration gather, String threadName) {
    GroupCommitter<T> g = new GroupCommitter<>(sink, maxGroup, gather.toNanos(), 0, threadName);
    g.thread.start();
    return g;
  }

  /**
   * A started writer that begins a commit one {@code pace} after the oldest request it holds was
   * submitted (never waiting for company beyond that): what is queued meanwhile shares that commit;
   * a {@link #barrier} or the close does not wait.
   */
  static <T> GroupCommitter<T> paced(Sink<T> sink, int maxGroup, Duration pace, String threadName) {
    GroupCommitter<T> g = new GroupCommitter<>(sink, maxGroup, 0, pace.toNanos(), threadName);
    g.thread.start();
    return g;
  }

  /**
   * The producer's word that more requests are (or no longer are) on their way: set while it
   * holds writes it has not submitted yet, cleared once it holds none. A commit that finds it set
   * waits for them (at most the gather wait); clearing it lets a waiting commit go at once.
   */
  void expecting(boolean more) {
    lock.lock();
    try {
      if (expecting != more) {
        expecting = more;
        if (!more && waiting == Waiting.THE_GATHER) {
          changed.signalAll();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues {@code request} ({@code events} events; a request larger than a group is committed
   * alone, never split). The future completes after the commit that holds it; it fails when that
   * commit fails or the writer is closed.
   */
  CompletableFuture<Void> submit(T request, int events) {
    return submit(request, events, false);
  }

  /**
   * As {@link #submit(Object, int)}, saying at the same time whether the producer holds more
   * requests it is about to submit ({@link #expecting}).
   */
  CompletableFuture<Void> submit(T request, int events, boolean moreComing) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    lock.lock();
    try {
      if (closed) {
        done.completeExceptionally(new IllegalStateException("the journal writer is closed"));
        return done;
      }
      Queued<T> q = new Queued<>(request, Math.max(1, events), done, paceNanos == 0 ? 0 : System.nanoTime());
      queue.add(q);
      queuedEvents += q.events();
      expecting = moreComing;
      last = done;
      requests.incrementAndGet();
      boolean wake = switch (waiting) {
        case A_REQUEST -> true;
        case THE_GATHER -> !moreComing || queuedEvents >= maxGroup;
        case THE_PACE -> queuedEvents >= maxGroup;
        case NOTHING -> false;
      };
      if (wake) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
    return done;
  }

  /**
   * Completes (never exceptionally) once every request submitted before this call is done,
   * committed or failed: a read behind it sees every write confirmed before it was asked.
   */
  CompletableFuture<Void> barrier() {
    lock.lock();
    try {
      hurry = true;
      if (waiting == Waiting.THE_PACE) {
        changed.signalAll();
      }
      return last.handle((v, e) -> null);
    } finally {
      lock.unlock();
    }
  }

  /** Requests submitted so far. */
  long requests() {
    return requests.get();
  }

  /** Commits (fsyncs) made so far. */
  long commits() {
    return commits.get();
  }

  /** Commits that waited for requests the producer said were on their way. */
  long gathered() {
    return gathered.get();
  }

  private void run() {
    while (true) {
      List<Queued<T>> group = next();
      if (group == null) {
        return;
      }
      List<T> requests = new ArrayList<>(group.size());
      group.forEach(q -> requests.add(q.request()));
      Throwable failure = null;
      try {
        sink.commit(requests);
      } catch (Throwable e) { // every waiter must hear of it, whatever it is
        failure = e;
      }
      commits.incrementAndGet();
      for (Queued<T> q : group) {
        if (failure == null) {
          q.done().complete(null);
        } else {
          q.done().completeExceptionally(failure);
        }
      }
    }
  }

  /** The next group in arrival order, waiting for one; null once closed and drained. */
  private List<Queued<T>> next() {
    lock.lock();
    try {
      while (queue.isEmpty() && !closed) {
        try {
          waiting = Waiting.A_REQUEST;
          changed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        } finally {
          waiting = Waiting.NOTHING;
        }
      }
      if (queue.isEmpty()) {
        return null;
      }
      pace();
      gather();
      List<Queued<T>> group = new ArrayList<>();
      int events = 0;
      while (!queue.isEmpty() && (group.isEmpty() || events + queue.peek().events() <= maxGroup)) {
        Queued<T> q = queue.poll();
        events += q.events();
        queuedEvents -= q.events();
        group.add(q);
      }
      if (queue.isEmpty()) {
        hurry = false; // a barrier's requests are all taken (a larger-than-a-group queue keeps it)
      }
      return group;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits, at most the gather wait, while the producer says more requests are on their way and the
   * group is not full: they share this commit's fsync. Never waits otherwise (a lone write).
   */
  private void gather() {
    if (!expecting || gatherNanos == 0 || queuedEvents >= maxGroup) {
      return;
    }
    gathered.incrementAndGet();
    long left = gatherNanos;
    waiting = Waiting.THE_GATHER;
    try {
      while (expecting && !closed && queuedEvents < maxGroup && left > 0) {
        left = changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      waiting = Waiting.NOTHING;
    }
  }

  /**
   * A paced writer waits until a pace has passed since its oldest queued request was submitted
   * (what is queued meanwhile joins this group), unless a barrier waits, the group is full or the
   * writer is closing.
   */
  private void pace() {
    if (paceNanos == 0) {
      return;
    }
    long left = queue.peek().submittedNanos() + paceNanos - System.nanoTime();
    waiting = Waiting.THE_PACE;
    try {
      while (left > 0 && !hurry && !closed && queuedEvents < maxGroup) {
        left = changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      waiting = Waiting.NOTHING;
    }
  }

  /**
   * Refuses new requests, commits those already queued and stops the thread, waiting at most
   * {@code limit}; true when the writer stopped in time (else queued requests may still be
   * committing: the caller must not close the store under them).
   */
  boolean close(Duration limit) {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(Math.max(1, limit.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !thread.isAlive();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
