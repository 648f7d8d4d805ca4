package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Base-price fetches leave only while the rate limiter is free, one permit at a time, or after their patience. */
class CourteousFetchesTest {
  static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

  @Test
  void aFetchWaitsWhileAnotherCallHoldsTheNextPermitAndLeavesInOrderOnceItIsFree() {
    CourteousFetches<String> q = new CourteousFetches<>(Duration.ofSeconds(10));
    List<String> sent = new ArrayList<>();
    q.add("005930", T0);
    q.add("000660", T0);
    q.drain(() -> false, T0.plusSeconds(1), sent::add);
    assertEquals(List.of(), sent);
    assertFalse(q.isEmpty());

    q.drain(() -> true, T0.plusSeconds(2), sent::add);
    assertEquals(List.of("005930", "000660"), sent);
    assertTrue(q.isEmpty());
  }

  @Test
  void eachSendIsFollowedByAFreshLookAtTheLimiterSinceItBookedAPermit() {
    CourteousFetches<String> q = new CourteousFetches<>(Duration.ofSeconds(10));
    List<String> sent = new ArrayList<>();
    q.add("005930", T0);
    q.add("000660", T0);
    q.add("035420", T0);
    // One permit free: the first send takes it.
    q.drain(() -> sent.isEmpty(), T0, sent::add);
    assertEquals(List.of("005930"), sent);
  }

  @Test
  void aFetchThatWaitedItsPatienceLeavesEvenWhileTheLimiterIsBusySoItCannotStarve() {
    CourteousFetches<String> q = new CourteousFetches<>(Duration.ofSeconds(10));
    List<String> sent = new ArrayList<>();
    q.add("005930", T0);
    q.add("000660", T0.plusSeconds(5));
    q.drain(() -> false, T0.plusMillis(9_999), sent::add);
    assertEquals(List.of(), sent);
    q.drain(() -> false, T0.plusSeconds(10), sent::add);
    assertEquals(List.of("005930"), sent);
    q.drain(() -> false, T0.plusSeconds(15), sent::add);
    assertEquals(List.of("005930", "000660"), sent);
  }
}
