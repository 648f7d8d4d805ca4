package kis.engine.journal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The journal's single writer, with group commit: one thread commits write requests in arrival
 * order; every request that arrives while a commit (its fsync) is in flight waits and goes into
 * the next commit with all the others that arrived meanwhile, up to {@code maxGroup} events. A
 * request's future completes only after the commit that holds it returned (its fsync done), or
 * fails with that commit's failure: a group succeeds or fails whole.
 *
 * <p>An idle writer commits a lone request at once: grouping never waits for company, it only
 * takes what queued up behind an fsync.
 *
 * @param <T> a write request, opaque to the writer
 */
final class GroupCommitter<T> implements AutoCloseable {
  /** Makes a group durable; called on the writer thread only, one group at a time, in order. */
  @FunctionalInterface
  interface Sink<T> {
    void commit(List<T> group) throws Exception;
  }

  private record Queued<T>(T request, int events, CompletableFuture<Void> done) {}

  private final Sink<T> sink;
  private final int maxGroup;
  private final Thread thread;
  private final ArrayDeque<Queued<T>> queue = new ArrayDeque<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
  private boolean closed;

  private GroupCommitter(Sink<T> sink, int maxGroup, String name) {
    if (maxGroup < 1) {
      throw new IllegalArgumentException("a group holds at least one event, not " + maxGroup);
    }
    this.sink = sink;
    this.maxGroup = maxGroup;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  /** A started writer committing through {@code sink}, at most {@code maxGroup} events a commit. */
  static <T> GroupCommitter<T> start(Sink<T> sink, int maxGroup, String threadName) {
    GroupCommitter<T> g = new GroupCommitter<>(sink, maxGroup, threadName);
    g.thread.start();
    return g;
  }

  /**
   * Queues {@code request} ({@code events} events; a request larger than a group is committed
   * alone, never split). The future completes after the commit that holds it; it fails when that
   * commit fails or the writer is closed.
   */
  CompletableFuture<Void> submit(T request, int events) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (this) {
      if (closed) {
        done.completeExceptionally(new IllegalStateException("the journal writer is closed"));
        return done;
      }
      queue.add(new Queued<>(request, Math.max(1, events), done));
      last = done;
      requests.incrementAndGet();
      notifyAll();
    }
    return done;
  }

  /**
   * Completes (never exceptionally) once every request submitted before this call is done,
   * committed or failed: a read behind it sees every write confirmed before it was asked.
   */
  synchronized CompletableFuture<Void> barrier() {
    return last.handle((v, e) -> null);
  }

  /** Requests submitted so far. */
  long requests() {
    return requests.get();
  }

  /** Commits (fsyncs) made so far. */
  long commits() {
    return commits.get();
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
  private synchronized List<Queued<T>> next() {
    while (queue.isEmpty() && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    if (queue.isEmpty()) {
      return null;
    }
    List<Queued<T>> group = new ArrayList<>();
    int events = 0;
    while (!queue.isEmpty() && (group.isEmpty() || events + queue.peek().events() <= maxGroup)) {
      Queued<T> q = queue.poll();
      events += q.events();
      group.add(q);
    }
    return group;
  }

  /**
   * Refuses new requests, commits those already queued and stops the thread, waiting at most
   * {@code limit}; true when the writer stopped in time (else queued requests may still be
   * committing: the caller must not close the store under them).
   */
  boolean close(Duration limit) {
    synchronized (this) {
      closed = true;
      notifyAll();
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
