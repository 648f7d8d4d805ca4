package kis.engine.journal;

import java.time.Duration;
import java.util.function.Supplier;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/**
 * Counts the journal reads running on other threads, so that the journal closes LevelDB only
 * after they finished: leveldbjni frees the database's memory on close, and an iterator still
 * reading it crashes the JVM.
 */
final class ReadsInFlight {
  private int running;

  /** Starts {@code read} counted; the count drops when its future completes, however. */
  <T> Future<T> track(Supplier<Future<T>> read) {
    synchronized (this) {
      running++;
    }
    Future<T> f;
    try {
      f = read.get();
    } catch (RuntimeException e) {
      done();
      throw e;
    }
    FutureConverters.asJava(f).whenCompleteAsync((v, e) -> done(), CompletingThread.EXECUTOR);
    return f;
  }

  private synchronized void done() {
    running--;
    notifyAll();
  }

  /** Waits until no read runs, at most {@code limit}; true when none does. */
  synchronized boolean awaitNone(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (running > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
