package kis.connector.sim;

import static kis.connector.sim.SimHarness.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kis.connector.assembly.KisConnector;
import kis.connector.rest.Quote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of 100 reads against a simulator that enforces 50 requests per second per app key; the
 * client keeps to 40 per 1.1 s, the margin covering the simulator's processing jitter on a busy machine.
 */
class SimRateLimitTest {
  SimHarness h;

  // One simulator per test: the simulator's window must not carry requests of the other test.
  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aBurstOf100IsQueuedAndNeverThrottled() throws Exception {
    h = new SimHarness("rate-limit-per-second = 50");
    KisConnector kis = h.connector("rate-limit { requests-per-window = 40, window = 1100ms }");
    join(kis.rest().inquirePrice("005930"));  // token first, so the burst times only the limiter

    long start = System.nanoTime();
    List<CompletableFuture<Quote>> burst = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      burst.add(kis.rest().inquirePrice("005930").toCompletableFuture());
    }
    CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(0, kis.rest().stats().throttled(), "the sim never had to refuse");
    assertEquals(0, kis.rest().stats().readRetries());
    assertTrue(took.compareTo(Duration.ofMillis(2000)) >= 0, "101 calls at 40 per 1.1 s cannot finish sooner: " + took);
  }

  @Test
  void withoutTheLimiterTheSameBurstIsThrottled() throws Exception {
    // Control: proves the simulator enforces a budget; 20/s so that even a slow machine exceeds it.
    h = new SimHarness("rate-limit-per-second = 20");
    KisConnector kis = h.connector(
        "rate-limit { requests-per-window = 1000, window = 1s }, read-attempts = 1, max-connections = 32");
    join(kis.rest().inquirePrice("005930"));
    List<CompletableFuture<Quote>> burst = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      burst.add(kis.rest().inquirePrice("005930").toCompletableFuture());
    }
    CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get(15, TimeUnit.SECONDS);

    assertTrue(kis.rest().stats().throttled() > 0);
  }
}
