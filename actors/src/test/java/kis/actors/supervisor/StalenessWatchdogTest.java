package kis.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import kis.actors.supervisor.StalenessWatchdog.Observed;
import kis.journal.calendar.MarketPhase;
import org.junit.jupiter.api.Test;

class StalenessWatchdogTest {
  private static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z"); // 10:00 Seoul
  private final StalenessWatchdog dog = new StalenessWatchdog(Duration.ofSeconds(60), Duration.ofSeconds(20));
  private final Instant open = T0.minus(Duration.ofHours(1));

  private static Observed seen(Instant connected, Instant frame, Instant trade) {
    return new Observed(connected, Optional.ofNullable(frame), Optional.ofNullable(trade), true);
  }

  @Test
  void aSocketWithNoFrameBeyondTheHeartbeatLimitIsStaleEvenWhenClosed() {
    Observed s = seen(T0, T0.plusSeconds(10), null);
    assertFalse(dog.check(s, T0.plusSeconds(70), MarketPhase.CLOSED, open).stale());
    assertTrue(dog.check(s, T0.plusSeconds(71), MarketPhase.CLOSED, open).stale());
  }

  @Test
  void tradeSilenceCountsOnlyDuringContinuousTrading() {
    Observed s = seen(T0, T0.plusSeconds(50), T0.plusSeconds(1)); // pingpongs flow, trades stopped
    assertTrue(dog.check(s, T0.plusSeconds(22), MarketPhase.CONTINUOUS, open).stale());
    assertFalse(dog.check(s, T0.plusSeconds(21), MarketPhase.CONTINUOUS, open).stale());
    assertFalse(dog.check(s, T0.plusSeconds(50), MarketPhase.PRE_OPEN, open).stale());
    assertFalse(dog.check(s, T0.plusSeconds(50), MarketPhase.CLOSING_AUCTION, open).stale());
  }

  @Test
  void aFreshConnectionOrAFreshSessionGetsTheFullAllowance() {
    Observed before = seen(T0, T0.plusSeconds(5), T0.minus(Duration.ofHours(2)));
    assertFalse(dog.check(before, T0.plusSeconds(15), MarketPhase.CONTINUOUS, open).stale());
    Observed earlyConnect = seen(T0.minus(Duration.ofHours(2)), T0.plusSeconds(5), null);
    assertFalse(dog.check(earlyConnect, T0.plusSeconds(15), MarketPhase.CONTINUOUS, T0).stale());
    assertTrue(dog.check(earlyConnect, T0.plusSeconds(25), MarketPhase.CONTINUOUS, T0).stale());
  }

  @Test
  void withoutTradeSubscriptionsOnlyTheHeartbeatCounts() {
    Observed s = new Observed(T0, Optional.of(T0.plusSeconds(40)), Optional.empty(), false);
    assertFalse(dog.check(s, T0.plusSeconds(90), MarketPhase.CONTINUOUS, open).stale());
  }
}
