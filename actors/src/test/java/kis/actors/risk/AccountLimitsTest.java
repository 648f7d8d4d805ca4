package kis.actors.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.LocalDate;
import java.util.Optional;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.risk.RiskDecision;
import org.junit.jupiter.api.Test;

/** The account's limits over every agent's reported figures. */
class AccountLimitsTest {
  static final LocalDate TODAY = LocalDate.parse("2026-11-24");
  static final Symbol S = Symbol.of("005930");
  static final OrderSpec BUY = OrderSpec.limit(S, Side.BUY, 10, 70_000);
  static final OrderSpec SELL = OrderSpec.limit(S, Side.SELL, 10, 70_000);

  final AccountFigures book = AccountFigures.EMPTY
      .with("a", new AgentFigures(TODAY, 5_000_000, -200_000, 7))
      .with("b", new AgentFigures(TODAY, 3_000_000, 50_000, 2))
      .with("old", new AgentFigures(TODAY.minusDays(1), 1_000_000, -900_000, 400)); // yesterday's P&L and orders

  static String denied(RejectReason reason, Optional<RiskDecision> d) {
    assertTrue(d.isPresent() && d.get() instanceof RiskDecision.Deny x && x.reason() == reason, () -> String.valueOf(d));
    return ((RiskDecision.Deny) d.get()).detail();
  }

  @Test
  void totalsSumEveryAgentButTakeOnlyTodaysPnlAndOrders() {
    AccountFigures.Totals t = book.totals(TODAY, null);
    assertEquals(9_000_000, t.grossExposure());
    assertEquals(-150_000, t.dailyPnl());
    assertEquals(9, t.ordersToday());
    assertEquals(3, t.agents());
  }

  @Test
  void theAgentsOwnFiguresNowReplaceItsLastReport() {
    AccountLimits l = new AccountLimits(10_000_000, 0, 0);
    AgentFigures aNow = new AgentFigures(TODAY, 5_300_000, -200_000, 8);
    // others: b 3,000,000 + old 1,000,000; a now 5,300,000; order 700,000 = 10,000,000: allowed.
    assertTrue(l.check(BUY, 700_000, book, "a", aNow).isEmpty());
    assertEquals("account max-gross-exposure 10000000 won: other agents 4000000 + this agent 5300000 + this order"
        + " 700001 = 10000001", denied(RejectReason.RISK_ACCOUNT_EXPOSURE, l.check(BUY, 700_001, book, "a", aNow)));
    assertTrue(l.check(SELL, 700_001, book, "a", aNow).isEmpty(), "sells only shrink exposure");
  }

  @Test
  void ordersPerDayCountEveryAgentToday() {
    AccountLimits l = new AccountLimits(0, 0, 10);
    assertTrue(l.check(BUY, 1, book, "b", new AgentFigures(TODAY, 0, 0, 2)).isEmpty()); // 7 + 2
    assertEquals("account max-orders-per-day 10: other agents 7 + this agent 3 orders today",
        denied(RejectReason.RISK_ACCOUNT_ORDER_COUNT, l.check(SELL, 1, book, "b", new AgentFigures(TODAY, 0, 0, 3))));
  }

  @Test
  void beyondTheDailyLossBuysAreDeniedAndTheBreachIsNamedForTheKillSwitch() {
    AccountLimits l = new AccountLimits(0, 150_000, 0);
    assertEquals(Optional.of("account max-daily-loss 150000 won crossed: today's P&L over 3 agent(s) is -150000"),
        l.lossBreach(book, TODAY));
    assertTrue(new AccountLimits(0, 150_001, 0).lossBreach(book, TODAY).isEmpty());
    denied(RejectReason.RISK_ACCOUNT_DAILY_LOSS, l.check(BUY, 1, book, "b", new AgentFigures(TODAY, 0, 50_000, 2)));
    assertTrue(l.check(SELL, 1, book, "b", new AgentFigures(TODAY, 0, 50_000, 2)).isEmpty());
  }

  @Test
  void theBlockIsOptionalAndNegativeValuesAreRefusedWithTheKeyNamed() {
    assertEquals(AccountLimits.NONE, AccountLimits.fromAppConfig(ConfigFactory.empty()));
    assertEquals(new AccountLimits(5, 0, 3), AccountLimits.fromAppConfig(ConfigFactory.parseString(
        "kis-trader.risk.account { max-gross-exposure = 5, max-orders-per-day = 3 }")));
    ConfigException e = assertThrows(ConfigException.class, () -> AccountLimits.fromAppConfig(
        ConfigFactory.parseString("kis-trader.risk.account.max-daily-loss = -1")));
    assertTrue(e.getMessage().contains("kis-trader.risk.account.max-daily-loss"), e.getMessage());
  }
}
