package kis.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import kis.actors.testing.MutableClock;
import kis.journal.Symbol;
import kis.journal.Venue;
import org.junit.jupiter.api.Test;

/** The adaptive watchdog fed synthetic gap sequences on a stepped clock, looked at every 500 ms as the supervisor does. */
class StreamWatchTest {
  static final Duration CEILING = Duration.ofSeconds(60);
  static final Duration TICK = Duration.ofMillis(500);
  static final StreamWatch.Key SAMSUNG = new StreamWatch.Key(Symbol.of("005930"), "H0STCNT0", Venue.KRX);
  static final StreamWatch.Key QUIET = new StreamWatch.Key(Symbol.of("005935"), "H0STCNT0", Venue.KRX);

  final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T01:00:00Z"));
  final AtomicBoolean open = new AtomicBoolean(true);
  final StreamWatch watch = new StreamWatch(AdaptiveStaleness.DEFAULTS, CEILING, (venue, at) -> open.get(), clock);

  /** {@code n} frames {@code gap} apart, the watchdog looking at every tick in between; the first verdict, if any. */
  Optional<StreamWatch.Stale> frames(StreamWatch.Key key, int n, Duration gap) {
    Optional<StreamWatch.Stale> first = Optional.empty();
    for (int i = 0; i < n; i++) {
      Optional<StreamWatch.Stale> v = silence(gap);
      first = first.isPresent() ? first : v;
      watch.frame(key, false);
    }
    return first;
  }

  /** Lets {@code d} pass, looking every tick; the first verdict, if any. */
  Optional<StreamWatch.Stale> silence(Duration d) {
    Optional<StreamWatch.Stale> first = Optional.empty();
    Duration left = d;
    while (!left.isZero()) {
      Duration step = left.compareTo(TICK) < 0 ? left : TICK;
      clock.advance(step);
      left = left.minus(step);
      Optional<StreamWatch.Stale> v = watch.check();
      first = first.isPresent() ? first : v;
    }
    return first;
  }

  StreamWatch.Health health(StreamWatch.Key key) {
    return watch.health().stream().filter(h -> h.key().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void aStreamNoLongerRegisteredIsForgottenAndItsSilenceNeverJudged() {
    assertTrue(frames(SAMSUNG, 100, Duration.ofMillis(10)).isEmpty());
    assertTrue(frames(QUIET, 100, Duration.ofMillis(10)).isEmpty());

    watch.keepOnly(java.util.Set.of(QUIET)); // SAMSUNG's registration went to a feed of higher priority

    assertEquals(List.of(QUIET), watch.health().stream().map(StreamWatch.Health::key).toList());
    assertTrue(frames(QUIET, 20, Duration.ofMillis(500)).isEmpty(), "SAMSUNG silent 10 s, never judged");
  }

  @Test
  void aLiquidStreamIsStaleOnceSilentForTwiceTheTwoSecondFloor() {
    assertTrue(frames(SAMSUNG, 1000, Duration.ofMillis(10)).isEmpty());
    assertEquals(Optional.of(Duration.ofSeconds(2)), health(SAMSUNG).expectedGap(), "10 ms gaps, floored at 2 s");

    assertTrue(silence(Duration.ofMillis(4000)).isEmpty(), "4.0 s is not past 2 x 2 s");
    Optional<StreamWatch.Stale> v = silence(Duration.ofMillis(500));

    assertTrue(v.isPresent(), "4.5 s of silence on a liquid symbol");
    assertEquals(SAMSUNG, v.get().key());
    assertTrue(v.get().reason().contains("005930 H0STCNT0"), v.get().reason());
  }

  @Test
  void aQuietSymbolPrintingEvery10To30SecondsIsNeverStaleInAnHourButADeadOneIsWithinTwoMinutes() {
    SplittableRandom r = new SplittableRandom(17);
    for (int i = 0; i < 180; i++) { // 180 prints, about an hour
      int print = i;
      Optional<StreamWatch.Stale> v = silence(Duration.ofMillis(r.nextLong(10_000, 30_001)));
      assertTrue(v.isEmpty(), () -> "torn down before print " + print + ": " + v);
      watch.frame(QUIET, false);
    }
    Duration expected = health(QUIET).expectedGap().orElseThrow();
    assertTrue(expected.compareTo(Duration.ofSeconds(28)) > 0 && expected.compareTo(Duration.ofSeconds(30)) <= 0,
        "p99 of U(10 s, 30 s) gaps: " + expected);

    assertTrue(silence(Duration.ofSeconds(55)).isEmpty());
    assertTrue(silence(Duration.ofSeconds(10)).isPresent(), "stale past twice its ~30 s gap");
  }

  @Test
  void silenceWhileTheVenueDoesNotTradeContinuouslyIsExpectedAndCountsFromTheReopening() {
    frames(SAMSUNG, 100, Duration.ofMillis(10));
    open.set(false);
    assertTrue(silence(Duration.ofHours(1)).isEmpty(), "closing auction, closed, VI on the table: no verdict");
    assertEquals(StreamWatch.Judged.OFF_SESSION, health(SAMSUNG).judged());

    open.set(true);
    assertTrue(silence(Duration.ofSeconds(4)).isEmpty(), "the open is not an hour-long silence");
    assertTrue(silence(Duration.ofSeconds(1)).isPresent());
  }

  @Test
  void aStreamIsNotJudgedUntilItHasLearnedItsMinimumOfGaps() {
    frames(SAMSUNG, 9, Duration.ofMillis(10)); // 8 gaps: the first frame has none before it
    assertEquals(StreamWatch.Judged.LEARNING, health(SAMSUNG).judged());
    assertTrue(silence(Duration.ofMinutes(10)).isEmpty(), "the connection-wide limits cover a stream still learning");
  }

  @Test
  void gapsSpanningAReconnectOrAClosedSessionAreNotLearned() {
    frames(SAMSUNG, 100, Duration.ofMillis(10));
    watch.restart();
    clock.advance(Duration.ofSeconds(3));
    watch.frame(SAMSUNG, false);
    open.set(false);
    silence(Duration.ofSeconds(30));
    watch.frame(SAMSUNG, false);
    open.set(true);
    silence(Duration.ofMillis(10));
    watch.frame(SAMSUNG, false);
    frames(SAMSUNG, 100, Duration.ofMillis(10));

    assertEquals(Optional.of(Duration.ofSeconds(2)), health(SAMSUNG).expectedGap(),
        "neither the 3 s across the reconnect nor the 30 s across the close was learned");
  }

  @Test
  void silenceCountsFromTheReconnectNotFromTheLastFrameBeforeIt() {
    frames(SAMSUNG, 100, Duration.ofMillis(10));
    clock.advance(Duration.ofSeconds(3));
    watch.restart();
    assertTrue(silence(Duration.ofSeconds(3)).isEmpty(), "6 s since the last frame, 3 s since the new socket");
  }

  @Test
  void aSymbolWhoseFramesSayHaltedOrAuctionIsNotJudgedUntilAFrameSaysOtherwise() {
    StreamWatch.Key book = new StreamWatch.Key(SAMSUNG.symbol(), "H0STASP0", Venue.KRX);
    frames(SAMSUNG, 100, Duration.ofMillis(10));
    watch.frame(book, true); // the book says a single-price auction (a VI): trades stop for two minutes
    clock.advance(Duration.ofMinutes(2));
    assertEquals(StreamWatch.Judged.AUCTION, health(SAMSUNG).judged());
    assertTrue(watch.check().isEmpty());

    watch.frame(SAMSUNG, false);
    assertEquals(StreamWatch.Judged.WATCHED, health(SAMSUNG).judged());
    assertTrue(silence(Duration.ofSeconds(5)).isPresent(), "judged again once trading resumed");
  }

  @Test
  void aStreamSilentWhileAnotherStreamOnTheSocketDeliversIsNotAReasonToReconnect() {
    for (int i = 0; i < 100; i++) {
      clock.advance(Duration.ofMillis(10));
      watch.frame(SAMSUNG, false);
      watch.frame(QUIET, false);
    }
    for (int i = 0; i < 1000; i++) { // QUIET goes silent for 10 s, SAMSUNG keeps printing
      clock.advance(Duration.ofMillis(10));
      watch.frame(SAMSUNG, false);
      assertTrue(watch.check().isEmpty());
    }
    assertTrue(health(QUIET).silence().compareTo(health(QUIET).staleAfter().orElseThrow()) > 0,
        "past its allowance, yet the socket carries data");
  }

  @Test
  void eachStaleVerdictDoublesTheStreamsAllowanceUntilItsNextFrame() {
    frames(SAMSUNG, 100, Duration.ofMillis(10));
    assertTrue(silence(Duration.ofMillis(4500)).isPresent());
    watch.restart(); // the supervisor reconnects
    assertEquals(Optional.of(Duration.ofSeconds(8)), health(SAMSUNG).staleAfter());
    assertTrue(silence(Duration.ofSeconds(8)).isEmpty());
    assertTrue(silence(Duration.ofMillis(500)).isPresent());
    assertEquals(Optional.of(Duration.ofSeconds(16)), health(SAMSUNG).staleAfter());

    watch.frame(SAMSUNG, false);
    assertEquals(Optional.of(Duration.ofSeconds(4)), health(SAMSUNG).staleAfter(), "a frame ends the escalation");
  }

  @Test
  void theEscalationStopsAtTheCeilingTimesTheMultiple() {
    frames(SAMSUNG, 100, Duration.ofMillis(10));
    for (int i = 0; i < 10; i++) {
      silence(health(SAMSUNG).staleAfter().orElseThrow().plus(TICK));
      watch.restart();
    }
    assertEquals(Optional.of(CEILING.multipliedBy(2)), health(SAMSUNG).staleAfter());
  }

  @Test
  void theExpectedGapIsCappedAtTheConfiguredNoFrameLimit() {
    frames(QUIET, 20, Duration.ofSeconds(100));
    assertEquals(Optional.of(CEILING), health(QUIET).expectedGap());
    assertEquals(Optional.of(CEILING.multipliedBy(2)), health(QUIET).staleAfter());
  }

  @Test
  void switchedOffItNeverFindsAStreamStale() {
    StreamWatch off = new StreamWatch(AdaptiveStaleness.OFF, CEILING, (venue, at) -> true, clock);
    for (int i = 0; i < 100; i++) {
      clock.advance(Duration.ofMillis(10));
      off.frame(SAMSUNG, false);
    }
    clock.advance(Duration.ofMinutes(5));
    assertFalse(off.check().isPresent());
    assertEquals(Optional.of(Duration.ofSeconds(2)), off.health().get(0).expectedGap(), "still shown");
  }
}
