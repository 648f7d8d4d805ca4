package kis.connector.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {
  @Test
  void waitingOrdersGoBeforeWaitingReads() {
    InFlightLimit limit = new InFlightLimit(1);
    assertTrue(limit.acquire(false).toCompletableFuture().isDone());
    List<String> granted = new ArrayList<>();
    limit.acquire(false).thenRun(() -> granted.add("read-1"));
    limit.acquire(false).thenRun(() -> granted.add("read-2"));
    limit.acquire(true).thenRun(() -> granted.add("order"));

    limit.release();
    limit.release();
    limit.release();

    assertEquals(List.of("order", "read-1", "read-2"), granted);
  }

  @Test
  void neverMoreThanMaxAtOnce() {
    InFlightLimit limit = new InFlightLimit(2);
    CompletableFuture<Void> a = limit.acquire(false).toCompletableFuture();
    CompletableFuture<Void> b = limit.acquire(true).toCompletableFuture();
    CompletableFuture<Void> c = limit.acquire(true).toCompletableFuture();
    assertTrue(a.isDone() && b.isDone());
    assertFalse(c.isDone());
    limit.release();
    assertTrue(c.isDone());
  }

  @Test
  void aWaiterPastItsDeadlineGivesUpAndTheSlotGoesToTheNext() throws Exception {
    InFlightLimit limit = new InFlightLimit(1);
    limit.acquire(true);
    CompletableFuture<Void> late = limit.acquire(true, java.time.Duration.ofMillis(50)).toCompletableFuture();
    CompletableFuture<Void> patient = limit.acquire(true).toCompletableFuture();
    java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
        java.util.concurrent.ExecutionException.class, () -> late.get(5, java.util.concurrent.TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof java.util.concurrent.TimeoutException, e.toString());

    limit.release();
    assertTrue(patient.isDone(), "the slot skipped the waiter that gave up");
    assertEquals(1, limit.inFlight());
    limit.release();
    assertEquals(0, limit.inFlight(), "the one that gave up never held a slot");
  }
}
