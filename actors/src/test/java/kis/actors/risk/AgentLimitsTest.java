package kis.actors.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.calendar.MarketPhase;
import kis.journal.risk.DayCounters;
import kis.journal.risk.MarketFacts;
import kis.journal.risk.RiskContext;
import kis.journal.risk.RiskDecision;
import kis.journal.risk.RiskGuard;
import kis.journal.risk.RiskLimits;
import kis.journal.risk.SymbolFacts;
import kis.journal.risk.TradingState;
import kis.journal.state.AgentState;
import org.junit.jupiter.api.Test;

/** The agent's own limits as the live risk guard applies them (the backtest calls the same check). */
class AgentLimitsTest {
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Symbol HYNIX = Symbol.of("000660");
  static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
  static final LocalDate TODAY = LocalDate.parse("2026-11-24");

  final MarketFacts market = MarketFacts.of(Map.of(
      SAMSUNG, SymbolFacts.of(70_000, 70_000), HYNIX, SymbolFacts.of(100_000, 100_000)));
  final AgentState flat = AgentState.empty("a1");

  static AgentLimits limits(long notional, long shares, long loss, int orders, long capital) {
    return new AgentLimits(notional, shares, loss, orders, capital, Set.of(SAMSUNG));
  }

  RiskDecision check(AgentLimits own, OrderSpec spec, AgentState s, DayCounters day) {
    return new RiskGuard(RiskLimits.defaults(), own).checkOrder(spec,
        new RiskContext(s, market, day, TradingState.ACTIVE, false, MarketPhase.CONTINUOUS, NOW));
  }

  RiskDecision check(AgentLimits own, OrderSpec spec, AgentState s) {
    return check(own, spec, s, DayCounters.startOf(TODAY, s));
  }

  static String denied(RejectReason reason, RiskDecision d) {
    assertTrue(d instanceof RiskDecision.Deny, () -> "expected " + reason + ", got " + d);
    assertEquals(reason, ((RiskDecision.Deny) d).reason(), d::toString);
    return ((RiskDecision.Deny) d).detail();
  }

  static OrderSpec buy(long qty, long price) {
    return OrderSpec.limit(SAMSUNG, Side.BUY, qty, price);
  }

  @Test
  void maxPositionCountsSharesHeldPlusWorkingBuysPlusThisOrder() {
    AgentLimits own = limits(0, 10, 0, 0, 0);
    assertEquals("max-position 2 shares: holds 0 + working buys 0 + this 5 = 5",
        denied(RejectReason.RISK_AGENT_MAX_SHARES, check(limits(0, 2, 0, 0, 0), buy(5, 70_000), flat)));
    Books b = new Books("a1", NOW).filled(SAMSUNG, Side.BUY, 4, 70_000);
    b.working(SAMSUNG, Side.BUY, 3, 69_000);
    assertEquals("max-position 10 shares: holds 4 + working buys 3 + this 4 = 11",
        denied(RejectReason.RISK_AGENT_MAX_SHARES, check(own, buy(4, 70_000), b.state())));
    assertTrue(check(own, buy(3, 70_000), b.state()).allowed());
    // Selling what is held is never stopped by the share limit.
    assertTrue(check(limits(0, 1, 0, 0, 0), OrderSpec.limit(SAMSUNG, Side.SELL, 4, 70_000), b.state()).allowed());
  }

  @Test
  void aStrategyOrderOnASymbolTheAgentIsNotDeclaredForIsDenied() {
    String detail = denied(RejectReason.RISK_UNDECLARED_SYMBOL,
        check(limits(0, 0, 0, 0, 0), OrderSpec.limit(HYNIX, Side.BUY, 1, 100_000), flat));
    assertEquals("the agent is declared for [005930], not 000660", detail);
    AgentLimits both = new AgentLimits(0, 0, 0, 0, 0, Set.of(SAMSUNG, HYNIX));
    assertTrue(check(both, OrderSpec.limit(HYNIX, Side.BUY, 1, 100_000), flat).allowed());
  }

  @Test
  void initialCapitalIsTheAgentsBuyingPowerNetOfHoldingsWorkingBuysAndRealizedPnl() {
    AgentLimits own = limits(0, 0, 0, 0, 1_000_000);
    assertTrue(check(own, buy(14, 70_000), flat).allowed()); // 980,000
    denied(RejectReason.RISK_AGENT_CAPITAL, check(own, buy(15, 70_000), flat)); // 1,050,000
    // Holding 5 at 70,000 (350,000) and working 4 at 69,000 (276,000): 374,000 left.
    Books b = new Books("a1", NOW).filled(SAMSUNG, Side.BUY, 5, 70_000);
    b.working(SAMSUNG, Side.BUY, 4, 69_000);
    assertTrue(check(own, buy(5, 70_000), b.state()).allowed()); // 350,000
    assertEquals("initial-capital 1000000 won + net realized P&L 0 - held at cost 350000 - working buys 276000"
        + " leaves 374000; this buy costs 420000",
        denied(RejectReason.RISK_AGENT_CAPITAL, check(own, buy(6, 70_000), b.state())));
    // A realized loss (after fees) shrinks the buying power: bought 5 at 70,000, sold at 60,000, fee 100.
    AgentState lost = new Books("a1", NOW).filled(SAMSUNG, Side.BUY, 5, 70_000)
        .filled(SAMSUNG, Side.SELL, 5, 60_000, 100, 0).state();
    assertTrue(check(own, buy(13, 70_000), lost).allowed()); // 910,000 of 949,900
    denied(RejectReason.RISK_AGENT_CAPITAL, check(own, buy(14, 70_000), lost)); // 980,000
  }

  @Test
  void theAgentsOwnNotionalDailyLossAndDailyOrderLimitsApplyWithoutEngineOverrides() {
    denied(RejectReason.RISK_MAX_NOTIONAL, check(limits(500_000, 0, 0, 0, 0), buy(8, 70_000), flat));
    AgentState s = new Books("a1", NOW).filled(SAMSUNG, Side.BUY, 10, 70_000).state();
    DayCounters day = DayCounters.startOf(TODAY, s); // held 10 at the 70,000 base
    MarketFacts down = MarketFacts.of(Map.of(SAMSUNG, SymbolFacts.of(60_000, 70_000)));
    RiskDecision lossy = new RiskGuard(RiskLimits.defaults(), limits(0, 0, 100_000, 0, 0)).checkOrder(buy(1, 60_000),
        new RiskContext(s, down, day, TradingState.ACTIVE, false, MarketPhase.CONTINUOUS, NOW));
    assertEquals("agent max-daily-loss 100000 won: today's P&L is -100000",
        denied(RejectReason.RISK_DAILY_LOSS, lossy));
    DayCounters two = new DayCounters(TODAY, 2, 0, java.util.List.of(), 0, 0, Map.of());
    denied(RejectReason.RISK_DAILY_ORDER_COUNT, check(limits(0, 0, 0, 2, 0), buy(1, 70_000), flat, two));
    assertTrue(check(limits(0, 0, 0, 3, 0), buy(1, 70_000), flat, two).allowed());
  }

  @Test
  void aBuyRevisedUpNeedsBuyingPowerForTheDifferenceAndStaysUnderTheAgentsNotional() {
    Books b = new Books("a1", NOW);
    var id = b.working(SAMSUNG, Side.BUY, 10, 69_000); // 690,000 working
    var order = b.state().order(id).orElseThrow();
    RiskGuard guard = new RiskGuard(RiskLimits.defaults(), limits(0, 0, 0, 0, 700_000));
    RiskContext ctx = new RiskContext(b.state(), market, DayCounters.startOf(TODAY, b.state()), TradingState.ACTIVE,
        false, MarketPhase.CONTINUOUS, NOW);
    assertTrue(guard.checkRevise(order, 70_000, ctx).allowed()); // 10,000 more of 10,000 left
    assertEquals("initial-capital 700000 won: revising up costs 20000 more, 10000 left",
        denied(RejectReason.RISK_AGENT_CAPITAL, guard.checkRevise(order, 71_000, ctx)));
    assertTrue(guard.checkRevise(order, 60_000, ctx).allowed(), "revising down frees capital");
    RiskGuard small = new RiskGuard(RiskLimits.defaults(), limits(650_000, 0, 0, 0, 0));
    denied(RejectReason.RISK_MAX_NOTIONAL, small.checkRevise(order, 70_000, ctx));
  }

  @Test
  void aBuyRevisedUpPastTheAgentsDailyLossOrTheEnginesSymbolPositionIsDeniedLikeAPlacement() {
    Books b = new Books("a1", NOW);
    b.filled(SAMSUNG, Side.BUY, 10, 70_000);
    var id = b.working(SAMSUNG, Side.BUY, 10, 59_000);
    var order = b.state().order(id).orElseThrow();
    MarketFacts down = MarketFacts.of(Map.of(SAMSUNG, SymbolFacts.of(60_000, 70_000))); // held 10 lose 100,000
    RiskContext ctx = new RiskContext(b.state(), down, DayCounters.startOf(TODAY, new Books("a1", NOW)
        .filled(SAMSUNG, Side.BUY, 10, 70_000).state()), TradingState.ACTIVE, false, MarketPhase.CONTINUOUS, NOW);
    RiskGuard lossy = new RiskGuard(RiskLimits.defaults(), limits(0, 0, 100_000, 0, 0));
    assertEquals("agent max-daily-loss 100000 won: today's P&L is -100000; revising a buy up adds exposure",
        denied(RejectReason.RISK_DAILY_LOSS, lossy.checkRevise(order, 60_000, ctx)));
    assertTrue(lossy.checkRevise(order, 58_000, ctx).allowed(), "revising down adds nothing");
    // Engine-wide: 20 shares of 005930 at 61,000 = 1,220,000 over a 1,200,000 won per-symbol limit.
    RiskGuard engine = new RiskGuard(RiskLimits.fromConfig(com.typesafe.config.ConfigFactory.parseString(
        "max-symbol-position = 1200000")), AgentLimits.NONE);
    assertTrue(engine.checkRevise(order, 60_000, ctx).allowed(), "20 x 60,000 = 1,200,000");
    denied(RejectReason.RISK_MAX_POSITION, engine.checkRevise(order, 61_000, ctx));
  }

  @Test
  void negativeLimitsAreRefusedWithTheKeyNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> limits(0, -1, 0, 0, 0));
    assertTrue(e.getMessage().contains("max-position"), e.getMessage());
  }
}
