package kis.connector.rest;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * At most {@code max} requests on the wire at once. It keeps the HTTP pool from queueing: a
 * request that waited in the pool after taking its rate permit would reach KIS later than the
 * limiter planned and bunch up with the next window's requests. Waiting orders go before waiting
 * reads, so a burst of inquiries never holds an order back for more than the permits already
 * booked; within each class it is first come, first served.
 */
final class InFlightLimit {
  private final int max;
  private final Queue<CompletableFuture<Void>> orders = new ArrayDeque<>();
  private final Queue<CompletableFuture<Void>> reads = new ArrayDeque<>();
  private int inFlight;

  InFlightLimit(int max) {
    this.max = max;
  }

  CompletionStage<Void> acquire(boolean order) {
    synchronized (this) {
      if (inFlight < max) {
        inFlight++;
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> f = new CompletableFuture<>();
      (order ? orders : reads).add(f);
      return f;
    }
  }

  void release() {
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
    // The slot passes straight to the next waiter.
    next.complete(null);
  }
}
