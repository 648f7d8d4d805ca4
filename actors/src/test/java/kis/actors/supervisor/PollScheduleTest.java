package kis.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kis.journal.PrintSource;
import kis.journal.Symbol;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
  static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");
  static final MarketFeed A = new MarketFeed(PrintSource.KRX, Symbol.of("000001"));
  static final MarketFeed B = new MarketFeed(PrintSource.NXT, Symbol.of("000002"));
  static final MarketFeed C = new MarketFeed(PrintSource.KRX, Symbol.of("000003"));

  static PollSchedule schedule(PollSchedule.Budget b, MarketFeed... feeds) {
    PollSchedule s = new PollSchedule(b, 18, Duration.ofMillis(1100), T0);
    s.poll(new LinkedHashSet<>(List.of(feeds)));
    return s;
  }

  @Test
  void thePollerTakesItsShareOfTheBudgetAndEachFeedIsPolledInTurn() {
    // 18 calls per 1.1 s, half of them: one call every 122.2 ms; three feeds, each every 366.7 ms,
    // but never one more often than the 1 s floor: one call every 333.3 ms then.
    PollSchedule s = schedule(PollSchedule.Budget.DEFAULT, A, B, C);
    assertEquals(Duration.ofNanos(333_333_333), s.callInterval());
    assertEquals(Duration.ofNanos(999_999_999), s.symbolInterval());

    PollSchedule many = schedule(new PollSchedule.Budget(0.5, Duration.ZERO), A, B, C);
    assertEquals(Duration.ofNanos(122_222_223), many.callInterval());
    // Over any stretch the calls stay within the share: 9 calls per 1.1 s at most.
    assertTrue(many.callInterval().multipliedBy(9).compareTo(Duration.ofMillis(1100)) >= 0);

    List<MarketFeed> order = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      order.add(s.next().orElseThrow());
    }
    assertEquals(List.of(A, B, C, A, B, C, A), order);
  }

  @Test
  void aPollBecomesAPrintOnlyWhenVolumeTradedSinceThePreviousTheFirstSetsTheBaseline() {
    PollSchedule s = schedule(PollSchedule.Budget.DEFAULT, A);
    assertEquals(Optional.empty(), s.answered(A, 70_000, 1_000, T0.plusSeconds(1)), "the day's volume is no print");
    assertEquals(Optional.empty(), s.answered(A, 70_000, 1_000, T0.plusSeconds(2)), "nothing traded");
    assertEquals(Optional.of(new PolledPrint(A, T0.plusSeconds(3), 70_100, 25, 1_025)),
        s.answered(A, 70_100, 1_025, T0.plusSeconds(3)));
    assertEquals(Optional.empty(), s.answered(A, 0, 1_100, T0.plusSeconds(4)), "no price: not an answer to use");
    assertEquals(Optional.empty(), s.answered(B, 70_100, 2_000, T0.plusSeconds(4)), "not polled");
  }

  @Test
  void eachPolledFeedShowsAsPolledWithItsIntervalAndTheTimeSinceItsLastAnswer() {
    PollSchedule s = schedule(PollSchedule.Budget.DEFAULT, A, B);
    s.answered(A, 70_000, 10, T0.plusSeconds(2));
    s.failed(B, "timeout");

    List<StreamWatch.Health> h = s.health(T0.plusSeconds(5));
    assertEquals(2, h.size());
    assertEquals(new StreamWatch.Key(A.symbol(), PollSchedule.TR, kis.journal.Venue.KRX), h.get(0).key());
    assertEquals(StreamWatch.Judged.POLLED, h.get(0).judged());
    assertEquals(Optional.of(Duration.ofSeconds(1)), h.get(0).expectedGap());
    assertEquals(Duration.ofSeconds(3), h.get(0).silence());
    assertEquals(Duration.ofSeconds(5), h.get(1).silence(), "never answered: silent since the start");
    assertEquals(kis.journal.Venue.NXT, h.get(1).key().venue());
  }

  @Test
  void aFeedThatStaysPolledKeepsItsBaselineAndOneThatLeavesIsForgotten() {
    PollSchedule s = schedule(PollSchedule.Budget.DEFAULT, A, B);
    s.answered(A, 70_000, 10, T0);
    s.poll(Set.of(A, C));
    assertEquals(Set.of(A, C), s.feeds());
    assertEquals(5, s.answered(A, 70_000, 15, T0.plusSeconds(1)).orElseThrow().volume());
    s.poll(Set.of());
    assertEquals(Optional.empty(), s.next());
  }

  @Test
  void aShareOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PollSchedule.Budget(0, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new PollSchedule.Budget(1.5, Duration.ZERO));
  }
}
