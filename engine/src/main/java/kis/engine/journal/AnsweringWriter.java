package kis.engine.journal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

/**
 * The group-commit journal's write path from a persistent actor's request to its answer: requests
 * are committed in arrival order by one {@link GroupCommitter} thread, and that thread tells each
 * actor its replies ({@link WriteAnswer}) as soon as the commit holding them is durable, with no
 * future, dispatcher task or resequencing actor between the fsync and the actor's mailbox. Every
 * request goes through the writer's queue, also one that writes nothing (looped messages, rejected
 * events), so an actor hears its answers in the order it asked, as Pekko's resequencer kept them.
 *
 * <p>A request not answered within the time limit (the plugin's {@code circuit-breaker.call-timeout},
 * which Pekko's breaker applied to each write) fails with a {@link TimeoutException} when
 * {@link #expireOverdue} next runs (one periodic check for all requests): a commit stuck in a hung
 * fsync does not hold its actors forever, and if it completes later its confirmation is dropped.
 * A request overdue before its commit began is left out of that commit.
 */
final class AnsweringWriter implements AutoCloseable {
  record Put(byte[] key, byte[] value) {}

  /** One actor's write request: its LevelDB puts, its events for the marks, its tags, its answer. */
  record Request(List<Put> puts, List<MarkKeeper.Written> events, Set<String> tags, Set<String> persistenceIds,
      WriteAnswer answer) {}

  /** Makes requests durable together (one synced batch); throws when they may not be. */
  @FunctionalInterface
  interface Store {
    void commit(List<Request> requests) throws Exception;
  }

  /** Told on the writer's thread, after their answers, of the requests confirmed durable. */
  @FunctionalInterface
  interface Appended {
    void appended(List<Request> confirmed);
  }

  private final Store store;
  private final Appended appended;
  private final Duration timeLimit;
  private final GroupCommitter<Request> writer;
  /** Requests not yet answered, oldest first (their deadlines in the same order); answered ones leave the head. */
  private final ConcurrentLinkedQueue<WriteAnswer> open = new ConcurrentLinkedQueue<>();

  AnsweringWriter(Store store, Appended appended, Duration timeLimit, int maxGroup, Duration gather, String thread) {
    this.store = store;
    this.appended = appended;
    this.timeLimit = timeLimit;
    this.writer = GroupCommitter.start(this::commit, maxGroup, gather, thread);
  }

  /** The deadline of a request submitted at {@code nowNanos}. */
  long deadline(long nowNanos) {
    return nowNanos + timeLimit.toNanos();
  }

  /**
   * Queues {@code request}, saying whether more requests are about to follow
   * ({@link GroupCommitter#expecting}); answered at once (failed) when the writer is closed.
   */
  void submit(Request request, boolean moreComing) {
    open.add(request.answer());
    CompletableFuture<Void> queued = writer.submit(request, request.events().size(), moreComing);
    if (queued.isCompletedExceptionally()) {
      request.answer().fail(new IllegalStateException("the journal writer is closed"));
      dropAnswered();
    }
  }

  /** See {@link GroupCommitter#expecting}. */
  void expecting(boolean more) {
    writer.expecting(more);
  }

  /** See {@link GroupCommitter#barrier}. */
  CompletableFuture<Void> barrier() {
    return writer.barrier();
  }

  GroupCommitter<Request> committer() {
    return writer;
  }

  /**
   * Fails every request whose time limit has passed at {@code nowNanos}, oldest first; returns how
   * many it failed. Its commit, if it completes later, is not confirmed to the actor.
   */
  int expireOverdue(long nowNanos) {
    int failed = 0;
    for (WriteAnswer a = open.peek(); a != null; a = open.peek()) {
      if (!a.settled()) {
        if (!a.overdue(nowNanos)) {
          break; // deadlines follow submission order: the rest are later
        }
        if (a.fail(new TimeoutException("the journal write was not durable within " + timeLimit.toMillis()
            + " ms (circuit-breaker.call-timeout); it may still be written, so it is failed"))) {
          failed += a.holdsEvents() ? 1 : 0;
        }
      }
      open.remove(a);
    }
    return failed;
  }

  private void commit(List<Request> group) throws Exception {
    List<Request> live = new ArrayList<>(group.size());
    int events = 0;
    for (Request r : group) {
      if (!r.answer().settled()) { // answered already (overdue): its events stay out
        live.add(r);
        events += r.events().size();
      }
    }
    CommitProbe.Listener probe = CommitProbe.listener();
    long start = probe == null ? 0 : System.nanoTime();
    try {
      if (events > 0) {
        store.commit(live);
      }
    } catch (Exception | Error e) { // every actor in the commit must hear of it, whatever it is
      live.forEach(r -> r.answer().fail(e));
      dropAnswered();
      throw e;
    }
    long written = probe == null ? 0 : System.nanoTime();
    List<Request> confirmed = new ArrayList<>(live.size());
    for (Request r : live) {
      if (r.answer().confirm() && !r.events().isEmpty()) {
        confirmed.add(r);
      }
    }
    dropAnswered();
    if (probe != null) {
      probe.committed(start, written, System.nanoTime(), live.size(), events);
    }
    if (!confirmed.isEmpty()) {
      appended.appended(confirmed);
    }
  }

  private void dropAnswered() {
    for (WriteAnswer a = open.peek(); a != null && a.settled(); a = open.peek()) {
      open.remove(a);
    }
  }

  /** See {@link GroupCommitter#close(Duration)}. */
  boolean close(Duration limit) {
    return writer.close(limit);
  }

  @Override
  public void close() {
    writer.close();
  }
}
