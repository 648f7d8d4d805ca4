package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kis.journal.Symbol;
import kis.strategies.WarmUp;
import org.junit.jupiter.api.Test;

class IdleReasonTest {
  static final Instant START = Instant.parse("2026-03-02T00:00:00Z"); // 09:00:00 KST
  static final Instant NOW = START.plusSeconds(600);

  /** A host ten minutes in, prints a second ago, warmed up, nothing placed yet. */
  static IdleReason.Facts idle() {
    return new IdleReason.Facts(NOW, START, List.of(Symbol.of("005930")), Optional.of(NOW.minusSeconds(1)),
        WarmUp.bars(20, 20), 0, 0, "", 0, "", true, true, false, false, false, true, "LIVE");
  }

  static IdleReason.Facts with(IdleReason.Facts f, Optional<Instant> lastPrint, WarmUp w, long accepted, long refused,
      String lastRefusal) {
    return new IdleReason.Facts(f.now(), f.since(), f.symbols(), lastPrint, w, accepted, refused, lastRefusal,
        f.held(), f.lastHeld(), f.sessionOpen(), f.tradingEnabled(), f.paused(), f.strategyStopped(),
        f.killSwitchEngaged(), f.connectionLive(), f.connection());
  }

  @Test
  void anAgentWhoseOrderWasAcceptedAndNotRefusedSinceHasNoIdleReason() {
    IdleReason.Facts f = idle();
    assertEquals("", IdleReason.of(with(f, f.lastPrint(), f.warmUp(), 1, 0, "")));
  }

  @Test
  void beforeAnyPrintItSaysThereIsNoMarketDataSinceStart() {
    IdleReason.Facts f = idle();
    assertEquals("no market data: no prints for 005930 since start (09:00:00)",
        IdleReason.of(with(f, Optional.empty(), WarmUp.bars(0, 20), 0, 0, "")));
  }

  @Test
  void printsThatStoppedLongerThanTheQuietLimitAgoAreNoMarketDataSinceThen() {
    IdleReason.Facts f = idle();
    Instant last = NOW.minus(IdleReason.QUIET).minusSeconds(60);
    assertEquals("no market data: no prints for 005930 since 09:07:00 (3 min)",
        IdleReason.of(with(f, Optional.of(last), WarmUp.bars(4, 20), 0, 0, "")));
  }

  @Test
  void whileDataFlowsAndTheStrategyLacksHistoryItIsWarmingUp() {
    IdleReason.Facts f = idle();
    assertEquals("warming up (3 of 20 bars)", IdleReason.of(with(f, f.lastPrint(), WarmUp.bars(3, 20), 0, 0, "")));
  }

  @Test
  void warmedUpWithEveryOrderDeniedItSaysSoWithTheLastReason() {
    IdleReason.Facts f = idle();
    assertEquals("every order denied (4): RISK_MAX_NOTIONAL 2,100,000 > 2,000,000",
        IdleReason.of(with(f, f.lastPrint(), f.warmUp(), 0, 4, "RISK_MAX_NOTIONAL 2,100,000 > 2,000,000")));
    assertEquals("the last 2 order(s) denied: rejected by KIS 40570000 no cash",
        IdleReason.of(with(f, f.lastPrint(), f.warmUp(), 3, 2, "rejected by KIS 40570000 no cash")));
  }

  @Test
  void warmedUpWithNothingAskedForItIsWaitingForASignal() {
    assertEquals("no signal: the strategy has not asked to trade since its warm-up", IdleReason.of(idle()));
  }

  @Test
  void operatorAndEngineStatesComeBeforeTheMarket() {
    IdleReason.Facts f = idle();
    assertEquals("paused: no new orders", IdleReason.of(new IdleReason.Facts(NOW, START, f.symbols(), Optional.empty(),
        f.warmUp(), 0, 0, "", 0, "", true, true, true, false, false, true, "LIVE")));
    assertEquals("kill switch engaged: every new order is denied", IdleReason.of(new IdleReason.Facts(NOW, START,
        f.symbols(), f.lastPrint(), f.warmUp(), 0, 0, "", 0, "", true, true, false, false, true, true, "LIVE")));
    assertEquals("market closed", IdleReason.of(new IdleReason.Facts(NOW, START, f.symbols(), f.lastPrint(),
        f.warmUp(), 0, 0, "", 0, "", false, true, false, false, false, true, "LIVE")));
    assertEquals("waiting for the first reconciliation", IdleReason.of(new IdleReason.Facts(NOW, START, f.symbols(),
        f.lastPrint(), f.warmUp(), 0, 0, "", 0, "", true, false, false, false, false, true, "LIVE")));
    assertEquals("KIS connection STALE: new orders wait until it is live", IdleReason.of(new IdleReason.Facts(NOW,
        START, f.symbols(), f.lastPrint(), f.warmUp(), 0, 0, "", 0, "", true, true, false, false, false, false,
        "STALE")));
    assertEquals("placements held back (2): the kill switch state is not known yet", IdleReason.of(
        new IdleReason.Facts(NOW, START, f.symbols(), f.lastPrint(), f.warmUp(), 0, 0, "", 2,
            "the kill switch state is not known yet", true, true, false, false, false, true, "LIVE")));
  }
}
