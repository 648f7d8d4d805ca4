package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import kis.journal.ProtectiveSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;
import kis.journal.event.PositionCorrected;
import kis.journal.risk.DayCounters;
import kis.journal.risk.MarketFacts;
import kis.journal.risk.RiskContext;
import kis.journal.risk.RiskGuard;
import kis.journal.risk.RiskLimits;
import kis.journal.risk.SymbolFacts;
import kis.journal.risk.TradingState;
import kis.journal.state.AgentState;
import org.junit.jupiter.api.Test;

/** The host's choice for {@code protective.stop-limit = native}: at KIS where it can be held now, emulated (with why) otherwise. */
class NativeStopChoiceTest {
  static final Symbol S = Symbol.of("005930");
  static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
  static final RiskGuard GUARD = new RiskGuard(RiskLimits.defaults());
  static final ProtectiveSpec STOP = ProtectiveSpec.stopLimit(S, Side.SELL, 10, 69_000, 68_900);

  static RiskContext risk(MarketPhase phase, long last) {
    AgentState s = AgentState.fold("a1", List.of(new PositionCorrected(S, 10, 70_000, "c1", "t", NOW)));
    return new RiskContext(s, MarketFacts.of(Map.of(S, SymbolFacts.of(last, 70_000))),
        DayCounters.startOf(LocalDate.parse("2026-11-24"), s), TradingState.ACTIVE, false, phase, NOW);
  }

  @Test
  void aLoneStopLimitInKrxsContinuousSessionRestsAtKis() {
    assertTrue(NativeStopChoice.whyEmulated(List.of(STOP), risk(MarketPhase.CONTINUOUS, 70_000), GUARD).isEmpty());
    assertTrue(NativeStopChoice.whyEmulated(List.of(STOP.on(Venue.NXT)), risk(MarketPhase.CONTINUOUS, 70_000), GUARD)
        .isEmpty());
  }

  @Test
  void itIsEmulatedInKrxsAuctionsWhenTheTriggerIsReachedOrWhenItsOrderWouldBeDeniedNow() {
    assertTrue(NativeStopChoice.whyEmulated(List.of(STOP), risk(MarketPhase.CLOSING_AUCTION, 70_000), GUARD)
        .orElseThrow().contains("phase"));
    assertTrue(NativeStopChoice.whyEmulated(List.of(STOP), risk(MarketPhase.CONTINUOUS, 68_500), GUARD)
        .orElseThrow().contains("already reached"));
    // Selling more than held: the limit order it becomes would be denied now.
    assertTrue(NativeStopChoice.whyEmulated(List.of(STOP.withQuantity(20)), risk(MarketPhase.CONTINUOUS, 70_000),
        GUARD).orElseThrow().contains("denied"));
  }
}
