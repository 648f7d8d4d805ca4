package kis.connector;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Completes a stage after a delay. The connector waits through this (rate limiting, backoff, the
 * token issuance interval) so that tests can substitute a fake that moves a fake clock instead of
 * sleeping.
 */
@FunctionalInterface
public interface Delayer {
  CompletionStage<Void> delay(Duration d);

  /** Wall-clock delays on the common pool's delayed executor. */
  static Delayer system() {
    return d -> {
      if (d.isZero() || d.isNegative()) {
        return CompletableFuture.completedFuture(null);
      }
      return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(d.toNanos(), TimeUnit.NANOSECONDS));
    };
  }
}
