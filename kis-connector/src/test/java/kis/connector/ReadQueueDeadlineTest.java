package kis.connector;

import kis.connector.assembly.KisConnector;
import static kis.connector.StallingKisHost.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kis.connector.rest.OrderOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read (balance, daily orders, a price, a page) that waits in the connector's queue past
 * {@code kis.read-queue-timeout} fails with {@link KisNotSentException}: not a hang, not a generic
 * timeout, not retried, and never written later, even once the host answers again.
 */
class ReadQueueDeadlineTest {
  /** Long enough that "declined at once" (well under it) holds on 2 loaded cores. */
  static final Duration QUEUE = Duration.ofMillis(2_000);

  @TempDir Path dir;
  StallingKisHost host;

  @BeforeEach
  void start() throws Exception {
    host = StallingKisHost.start("read-deadline-test");
  }

  @AfterEach
  void stop() throws Exception {
    host.close();
  }

  KisConnector connector(String more) {
    return host.connector(dir, "order-timeout = 2s, read-timeout = 3s, read-attempts = 4,"
        + " retry-backoff = 50ms, read-queue-timeout = " + QUEUE.toMillis() + "ms\n" + more);
  }

  static Throwable failureOf(CompletionStage<?> stage) {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> stage.toCompletableFuture().get(15, TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test
  void aReadWaitingForAConnectionPastItsDeadlineFailsNotSentAndNeverReachesTheHostLater() throws Exception {
    KisConnector kis = connector("rate-limit.requests-per-window = 100");
    host.stall();
    // Two orders the host holds take both connections (until the idle timeout, 30 s).
    var first = kis.rest().orderCash(buy(1)).toCompletableFuture();
    var second = kis.rest().orderCash(buy(2)).toCompletableFuture();
    assertInstanceOf(OrderOutcome.InDoubt.class, first.get(15, TimeUnit.SECONDS));
    assertInstanceOf(OrderOutcome.InDoubt.class, second.get(15, TimeUnit.SECONDS));

    long start = System.nanoTime();
    Throwable failure = failureOf(kis.rest().inquireBalance());
    long took = (System.nanoTime() - start) / 1_000_000;

    KisNotSentException notSent = assertInstanceOf(KisNotSentException.class, failure);
    assertTrue(notSent.getMessage().contains("not sent: no free connection within " + QUEUE.toMillis() + " ms (kis.read-queue-timeout)"),
        notSent.getMessage());
    assertTrue(took >= QUEUE.toMillis() - 20 && took < QUEUE.toMillis() + 8_000, "failed after " + took + " ms");
    assertEquals(1, kis.rest().stats().readsNotSent());
    assertEquals(0, kis.rest().stats().readRetries(), "a read past its queue deadline is not retried");

    // The host answers again; a fresh order goes through, and the given-up read never went out.
    host.release();
    assertInstanceOf(OrderOutcome.Accepted.class, kis.rest().orderCash(buy(3)).toCompletableFuture()
        .get(15, TimeUnit.SECONDS));
    assertEquals(3, host.arrivals().size(), "the two held orders and the fresh one only: " + host.arrivals());
    assertTrue(host.arrivals().stream().allMatch(a -> a.qty() > 0), "no GET reached the host: " + host.arrivals());
  }

  @Test
  void aReadWhoseRatePermitWouldComeAfterItsDeadlineFailsAtOnceAndBooksNothing() throws Exception {
    KisConnector kis = connector("rate-limit.requests-per-window = 1, rate-limit.window = 60s");
    assertInstanceOf(OrderOutcome.Accepted.class, kis.rest().orderCash(buy(1)).toCompletableFuture()
        .get(15, TimeUnit.SECONDS));

    long start = System.nanoTime();
    Throwable failure = failureOf(kis.rest().inquirePrice("005930"));
    long took = (System.nanoTime() - start) / 1_000_000;

    assertInstanceOf(KisNotSentException.class, failure);
    assertTrue(failure.getMessage().contains("no rate permit within " + QUEUE.toMillis() + " ms (kis.read-queue-timeout)"),
        failure.getMessage());
    assertTrue(took < QUEUE.toMillis(), "declined at once, not after waiting: " + took + " ms");
    assertEquals(1, host.arrivals().size());
  }
}
