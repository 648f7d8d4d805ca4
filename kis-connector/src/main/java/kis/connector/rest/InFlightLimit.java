package kis.connector.rest;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * At most {@code max} requests on the wire at once, FIFO. It keeps the HTTP pool from queueing:
 * a request that waited in the pool after taking its rate permit would reach KIS later than the
 * limiter planned and bunch up with the next window's requests.
 */
final class InFlightLimit {
  private final int max;
  private final Queue<CompletableFuture<Void>> waiting = new ArrayDeque<>();
  private int inFlight;

  InFlightLimit(int max) {
    this.max = max;
  }

  CompletionStage<Void> acquire() {
    synchronized (this) {
      if (inFlight < max) {
        inFlight++;
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> f = new CompletableFuture<>();
      waiting.add(f);
      return f;
    }
  }

  void release() {
    CompletableFuture<Void> next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        inFlight--;
        return;
      }
    }
    // The slot passes straight to the next waiter.
    next.complete(null);
  }
}
