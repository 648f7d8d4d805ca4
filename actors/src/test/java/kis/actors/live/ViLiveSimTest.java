package kis.actors.live;

import static kis.actors.live.LiveHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import kis.journal.PrintSource;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;
import kis.strategies.event.PhaseChanged;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A VI announced live: kis-sim's REAL flavour (its KRX session pinned to a Monday 10:00) starts a
 * VI on a 6 % jump and publishes it on {@code H0STMKO0}; the desk's supervisor has registered the
 * traded stock's market status in a spare slot, and the runner trading the stock is told the VI
 * and, once the sim's clock is moved past the two-minute call, the return to continuous trading.
 */
class ViLiveSimTest {
  @AutoClose static final LiveHarness H = new LiveHarness(
      "flavour = REAL\nsession-mode = KRX\nsession-start = \"2026-11-23T10:00:00\"");
  static final Symbol SAMSUNG = Symbol.of("005930");

  @Test
  void aViInTheSimReachesTheRunnerTradingTheStockAndThenItsEnd() throws Exception {
    RealDesk desk = RealDesk.start(H, "vi");
    TestProbe<AgentRunner.Command> runner = desk.runner("vi", SAMSUNG, PrintSource.KRX);
    // The stock may have been registered on the first socket before or after it opened; a new
    // socket registers everything again and is LIVE only once each registration (the market status
    // too) is acknowledged: so the VI cannot happen before the sim knows who wants it.
    desk.awaitLive();
    desk.reconnect();

    desk.trade(SAMSUNG, "KRX", 71_300);
    desk.trade(SAMSUNG, "KRX", 75_600); // +6.03 %: a dynamic VI on a non-KOSPI200 rate
    AgentRunner.StockPhase start = phase(runner);
    PhaseChanged vi = start.event();
    assertEquals(Venue.KRX, vi.venue());
    assertEquals(SAMSUNG, vi.symbol());
    assertEquals(MarketPhase.VOLATILITY_INTERRUPTION, vi.phase());

    desk.post("/sim/clock/advance", "{\"minutes\":2,\"seconds\":1}"); // past the call: the sim ends the VI
    PhaseChanged end = phase(runner).event();
    assertEquals(SAMSUNG, end.symbol());
    assertEquals(MarketPhase.CONTINUOUS, end.phase());
    assertEquals(java.util.Optional.of(MarketPhase.VOLATILITY_INTERRUPTION), end.previous());
  }

  private static AgentRunner.StockPhase phase(TestProbe<AgentRunner.Command> runner) {
    AgentRunner.StockPhase[] got = new AgentRunner.StockPhase[1];
    runner.fishForMessage(WAIT, m -> {
      if (m instanceof AgentRunner.StockPhase p) {
        got[0] = p;
        return FishingOutcomes.complete();
      }
      return FishingOutcomes.continueAndIgnore();
    });
    return got[0];
  }
}
