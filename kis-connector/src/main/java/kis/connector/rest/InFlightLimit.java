package kis.connector.rest;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code max} requests on the wire at once. It keeps the HTTP pool from queueing: a
 * request that waited in the pool after taking its rate permit would reach KIS later than the
 * limiter planned and bunch up with the next window's requests, and an order waiting there could be
 * written after its caller was told it was not. So a slot is released only when the transport is
 * done with the request ({@code HttpTransport.Sending.done}), not when its reply timed out. Waiting
 * orders go before waiting reads, so a burst of inquiries never holds an order back for more than
 * the permits already booked; within each class it is first come, first served. A waiter may give
 * up at a deadline; the slot then goes to the next.
 */
final class InFlightLimit {
  private final int max;
  private final Queue<CompletableFuture<Void>> orders = new ArrayDeque<>();
  private final Queue<CompletableFuture<Void>> reads = new ArrayDeque<>();
  private int inFlight;

  InFlightLimit(int max) {
    this.max = max;
  }

  /** A slot, with no limit on the wait. */
  CompletionStage<Void> acquire(boolean order) {
    return acquire(order, null);
  }

  /**
   * A slot; if none is free within {@code maxWait} (null: no limit) the stage fails with
   * {@link java.util.concurrent.TimeoutException} and the caller holds no slot.
   */
  CompletionStage<Void> acquire(boolean order, Duration maxWait) {
    CompletableFuture<Void> f;
    synchronized (this) {
      if (inFlight < max) {
        inFlight++;
        return CompletableFuture.completedFuture(null);
      }
      f = new CompletableFuture<>();
      (order ? orders : reads).add(f);
    }
    return maxWait == null ? f : f.orTimeout(Math.max(0, maxWait.toNanos()), TimeUnit.NANOSECONDS);
  }

  void release() {
    while (true) {
      CompletableFuture<Void> next;
      synchronized (this) {
        next = orders.poll();
        if (next == null) {
          next = reads.poll();
        }
        if (next == null) {
          inFlight--;
          return;
        }
      }
      // The slot passes straight to the next waiter, unless that one gave up at its deadline.
      if (next.complete(null)) {
        return;
      }
    }
  }

  /** Slots taken now, for tests. */
  synchronized int inFlight() {
    return inFlight;
  }
}
