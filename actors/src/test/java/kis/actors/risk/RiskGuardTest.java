package kis.actors.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.calendar.MarketPhase;
import kis.journal.risk.DayCounters.RecentOrder;
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

class RiskGuardTest {
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Symbol HYNIX = Symbol.of("000660");
  static final Symbol PENNY = Symbol.of("123456");
  static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z"); // 11:00 Seoul
  static final LocalDate TODAY = LocalDate.parse("2026-11-24");

  final RiskLimits limits = RiskLimits.defaults(); // 10M per order, 30M per symbol, 100M total, 1M loss
  final RiskGuard guard = new RiskGuard(limits);
  MarketFacts market = MarketFacts.of(Map.of(
      SAMSUNG, SymbolFacts.of(70_000, 70_000), // band 49,000..91,000
      HYNIX, SymbolFacts.of(100_000, 100_000),
      PENNY, SymbolFacts.of(990, 990)));

  AgentState flat = AgentState.empty("a1");

  RiskContext ctx(AgentState s) {
    return ctx(s, DayCounters.startOf(TODAY, s));
  }

  RiskContext ctx(AgentState s, DayCounters c) {
    return new RiskContext(s, market, c, TradingState.ACTIVE, false, MarketPhase.CONTINUOUS, NOW);
  }

  static OrderSpec buy(long qty, long price) {
    return OrderSpec.limit(SAMSUNG, Side.BUY, qty, price);
  }

  static OrderSpec sell(long qty, long price) {
    return OrderSpec.limit(SAMSUNG, Side.SELL, qty, price);
  }

  void allowed(RiskDecision d) {
    assertTrue(d.allowed(), () -> "expected allow, got " + d);
  }

  void denied(RejectReason reason, RiskDecision d) {
    assertTrue(d instanceof RiskDecision.Deny, () -> "expected " + reason + ", got " + d);
    assertEquals(reason, ((RiskDecision.Deny) d).reason(), d::toString);
    assertTrue(!((RiskDecision.Deny) d).detail().isBlank());
  }

  @Test
  void aPlainOrderWithinEveryLimitIsAllowed() {
    allowed(guard.checkOrder(buy(10, 70_000), ctx(flat)));
  }

  @Test
  void theKillSwitchAndAHaltStopEveryNewOrder() {
    RiskContext c = ctx(flat);
    denied(RejectReason.RISK_KILL_SWITCH, guard.checkOrder(buy(1, 70_000),
        new RiskContext(flat, market, c.today(), TradingState.ACTIVE, true, MarketPhase.CONTINUOUS, NOW)));
    denied(RejectReason.RISK_HALTED, guard.checkOrder(buy(1, 70_000),
        new RiskContext(flat, market, c.today(), TradingState.HALTED, false, MarketPhase.CONTINUOUS, NOW)));
  }

  @Test
  void ordersOutsideTheSessionAreRefusedButAuctionsTakeThem() {
    RiskContext c = ctx(flat);
    denied(RejectReason.KRX_MARKET_CLOSED, guard.checkOrder(buy(1, 70_000),
        new RiskContext(flat, market, c.today(), TradingState.ACTIVE, false, MarketPhase.CLOSED, NOW)));
    allowed(guard.checkOrder(buy(1, 70_000),
        new RiskContext(flat, market, c.today(), TradingState.ACTIVE, false, MarketPhase.CLOSING_AUCTION, NOW)));
    allowed(guard.checkOrder(buy(1, 70_000),
        new RiskContext(flat, market, c.today(), TradingState.ACTIVE, false, MarketPhase.PRE_OPEN, NOW)));
  }

  @Test
  void limitPricesMustBeOnTheTickGrid() {
    denied(RejectReason.KRX_TICK_SIZE, guard.checkOrder(buy(1, 70_050), ctx(flat)));
    allowed(guard.checkOrder(buy(1, 70_100), ctx(flat)));
  }

  @Test
  void limitPricesMustBeInsideThe30PercentBand() {
    denied(RejectReason.KRX_PRICE_LIMIT, guard.checkOrder(buy(1, 91_100), ctx(flat)));
    allowed(guard.checkOrder(buy(1, 91_000), ctx(flat)));
    denied(RejectReason.KRX_PRICE_LIMIT, guard.checkOrder(buy(1, 48_950), ctx(flat)));
    allowed(guard.checkOrder(buy(1, 49_000), ctx(flat)));
  }

  @Test
  void aSymbolWithoutMarketFactsIsRefused() {
    denied(RejectReason.KRX_PRICE_LIMIT,
        guard.checkOrder(OrderSpec.limit(Symbol.of("035720"), Side.BUY, 1, 50_000), ctx(flat)));
  }

  @Test
  void paperAccountsCannotTradeStocksUnderAThousandWon() {
    OrderSpec penny = OrderSpec.limit(PENNY, Side.BUY, 10, 990);
    denied(RejectReason.KRX_PAPER_MIN_PRICE, new RiskGuard(limits.withPaper(true)).checkOrder(penny, ctx(flat)));
    allowed(new RiskGuard(limits.withPaper(false)).checkOrder(penny, ctx(flat)));
    allowed(new RiskGuard(limits.withPaper(true)).checkOrder(buy(1, 70_000), ctx(flat)));
  }

  @Test
  void sellsCannotExceedSharesHeldMinusSharesAlreadyOffered() {
    Books b = new Books("a1", NOW).filled(SAMSUNG, Side.BUY, 10, 70_000);
    b.working(SAMSUNG, Side.SELL, 4, 71_000);
    denied(RejectReason.RISK_INSUFFICIENT_POSITION, guard.checkOrder(sell(7, 71_000), ctx(b.state())));
    allowed(guard.checkOrder(sell(6, 71_000), ctx(b.state())));
  }

  @Test
  void reducingOnlyAllowsSellsOfHeldSharesAndNothingElse() {
    AgentState s = new Books("a1", NOW).filled(SAMSUNG, Side.BUY, 10, 70_000).state();
    RiskContext c = ctx(s);
    RiskContext reducing = new RiskContext(s, market, c.today(), TradingState.REDUCING_ONLY, false,
        MarketPhase.CONTINUOUS, NOW);
    denied(RejectReason.RISK_REDUCING_ONLY, guard.checkOrder(buy(1, 70_000), reducing));
    allowed(guard.checkOrder(sell(10, 70_000), reducing));
  }

  @Test
  void oneOrderMayNotCommitMoreThanTheNotionalLimit() {
    denied(RejectReason.RISK_MAX_NOTIONAL, guard.checkOrder(buy(143, 70_000), ctx(flat))); // 10,010,000
    allowed(guard.checkOrder(buy(142, 70_000), ctx(flat))); // 9,940,000
  }

  @Test
  void aMarketBuyIsValuedAtTheUpperBandAsKisReservesIt() {
    denied(RejectReason.RISK_MAX_NOTIONAL,
        guard.checkOrder(OrderSpec.market(SAMSUNG, Side.BUY, 110), ctx(flat))); // 110 × 91,000
    allowed(guard.checkOrder(OrderSpec.market(SAMSUNG, Side.BUY, 109), ctx(flat)));
  }

  @Test
  void theSymbolPositionCountsHeldSharesAndWorkingBuys() {
    Books b = new Books("a1", NOW).filled(SAMSUNG, Side.BUY, 400, 70_000); // 28,000,000
    denied(RejectReason.RISK_MAX_POSITION, guard.checkOrder(buy(29, 70_000), ctx(b.state())));
    allowed(guard.checkOrder(buy(28, 70_000), ctx(b.state()))); // 29,960,000
    b.working(SAMSUNG, Side.BUY, 20, 70_000);
    denied(RejectReason.RISK_MAX_POSITION, guard.checkOrder(buy(10, 70_000), ctx(b.state())));
  }

  @Test
  void theTotalPositionCountsEverySymbol() {
    RiskGuard g = new RiskGuard(RiskLimits.fromConfig(com.typesafe.config.ConfigFactory.parseString(
        "max-total-position = 35000000")));
    Books b = new Books("a1", NOW).filled(SAMSUNG, Side.BUY, 400, 70_000); // 28,000,000
    OrderSpec hynix70 = OrderSpec.limit(HYNIX, Side.BUY, 70, 100_000);
    OrderSpec hynix71 = OrderSpec.limit(HYNIX, Side.BUY, 71, 100_000);
    allowed(g.checkOrder(hynix70, ctx(b.state())));
    denied(RejectReason.RISK_MAX_TOTAL_POSITION, g.checkOrder(hynix71, ctx(b.state())));
    // A working buy elsewhere counts too.
    allowed(g.checkOrder(OrderSpec.limit(HYNIX, Side.BUY, 60, 100_000), ctx(b.state())));
    b.working(SAMSUNG, Side.BUY, 1, 70_000);
    denied(RejectReason.RISK_MAX_TOTAL_POSITION,
        g.checkOrder(OrderSpec.limit(HYNIX, Side.BUY, 70, 100_000), ctx(b.state())));
  }

  @Test
  void anUnrealizedLossPastTheLimitStopsBuysButNotSells() {
    AgentState s = new Books("a1", NOW).filled(SAMSUNG, Side.BUY, 100, 70_000).state();
    DayCounters day = DayCounters.startOf(TODAY, s); // held 100 at the 70,000 base price
    market = MarketFacts.of(Map.of(SAMSUNG, SymbolFacts.of(60_000, 70_000)));
    denied(RejectReason.RISK_DAILY_LOSS, guard.checkOrder(buy(1, 60_000), ctx(s, day))); // −1,000,000
    allowed(guard.checkOrder(sell(100, 60_000), ctx(s, day)));
    market = MarketFacts.of(Map.of(SAMSUNG, SymbolFacts.of(60_100, 70_000)));
    allowed(guard.checkOrder(buy(1, 60_100), ctx(s, day))); // −990,000
  }

  @Test
  void aRealizedLossAfterCostsCountsAgainstTheDailyLimit() {
    DayCounters day = DayCounters.startOf(TODAY, flat);
    AgentState lost = new Books("a1", NOW).filled(SAMSUNG, Side.BUY, 100, 70_000)
        .filled(SAMSUNG, Side.SELL, 100, 60_100, 5_000, 5_000).state(); // −990,000 − 10,000 costs
    denied(RejectReason.RISK_DAILY_LOSS, guard.checkOrder(buy(1, 70_000), ctx(lost, day)));
    AgentState lostLess = new Books("a1", NOW).filled(SAMSUNG, Side.BUY, 100, 70_000)
        .filled(SAMSUNG, Side.SELL, 100, 60_100, 5_000, 4_999).state();
    allowed(guard.checkOrder(buy(1, 70_000), ctx(lostLess, day)));
  }

  @Test
  void yesterdaysLossDoesNotCountToday() {
    AgentState lost = new Books("a1", NOW).filled(SAMSUNG, Side.BUY, 100, 70_000)
        .filled(SAMSUNG, Side.SELL, 100, 50_000).state();
    allowed(guard.checkOrder(buy(1, 70_000), ctx(lost, DayCounters.startOf(TODAY, lost))));
  }

  @Test
  void theDailyOrderCountIsCapped() {
    denied(RejectReason.RISK_DAILY_ORDER_COUNT, guard.checkOrder(buy(1, 70_000), ctx(flat, counters(500, 0))));
    allowed(guard.checkOrder(buy(1, 70_000), ctx(flat, counters(499, 0))));
  }

  @Test
  void theOrderRateIsCappedOverASlidingWindow() {
    List<RecentOrder> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(new RecentOrder(NOW.minusMillis(900 - i * 100), buy(1, 60_000 + 100 * i)));
    }
    denied(RejectReason.RISK_ORDER_RATE, guard.checkOrder(buy(1, 70_000), ctx(flat, recent(five))));
    List<RecentOrder> older = new ArrayList<>(five);
    older.set(0, new RecentOrder(NOW.minusMillis(1000), buy(1, 60_000)));
    allowed(guard.checkOrder(buy(1, 70_000), ctx(flat, recent(older))));
  }

  @Test
  void anIdenticalOrderWithinTheWindowIsRefused() {
    List<RecentOrder> one = List.of(new RecentOrder(NOW.minusSeconds(2), buy(1, 70_000)));
    denied(RejectReason.RISK_DUPLICATE_ORDER, guard.checkOrder(buy(1, 70_000), ctx(flat, recent(one))));
    allowed(guard.checkOrder(buy(1, 70_100), ctx(flat, recent(one)))); // a different price is a different order
    List<RecentOrder> old = List.of(new RecentOrder(NOW.minusSeconds(3), buy(1, 70_000)));
    allowed(guard.checkOrder(buy(1, 70_000), ctx(flat, recent(old))));
  }

  @Test
  void cancelsAreCappedPerDayButPassAHaltAndTheKillSwitch() {
    denied(RejectReason.RISK_DAILY_CANCEL_COUNT, guard.checkCancel(ctx(flat, counters(0, 500))));
    allowed(guard.checkCancel(ctx(flat, counters(0, 499))));
    allowed(guard.checkCancel(new RiskContext(flat, market, counters(0, 0), TradingState.HALTED, true,
        MarketPhase.CONTINUOUS, NOW)));
  }

  @Test
  void aReviseNeedsAValidPriceAndCountsAsACancel() {
    Books b = new Books("a1", NOW);
    b.working(SAMSUNG, Side.BUY, 10, 70_000);
    var order = b.state().openOrders().values().iterator().next();
    allowed(guard.checkRevise(order, 70_100, ctx(b.state())));
    denied(RejectReason.KRX_TICK_SIZE, guard.checkRevise(order, 70_150, ctx(b.state())));
    denied(RejectReason.KRX_PRICE_LIMIT, guard.checkRevise(order, 92_000, ctx(b.state())));
    denied(RejectReason.RISK_DAILY_CANCEL_COUNT, guard.checkRevise(order, 70_100, ctx(b.state(), counters(0, 500))));
  }

  DayCounters counters(int orders, int cancels) {
    return new DayCounters(TODAY, orders, cancels, List.of(), 0, 0, Map.of());
  }

  DayCounters recent(List<RecentOrder> recent) {
    return new DayCounters(TODAY, recent.size(), 0, recent, 0, 0, Map.of());
  }

}
