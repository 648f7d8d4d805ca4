package kis.actors.risk;

import kis.journal.risk.DayCounters;
import kis.journal.risk.SymbolFacts;
import kis.journal.risk.MarketFacts;
import kis.journal.risk.RiskDecision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import org.junit.jupiter.api.Test;

/** The account keeper's book: a check and its reservation in one step, settled by the agent's next report. */
class AccountBookTest {
  static final LocalDate TODAY = LocalDate.parse("2026-11-24");
  static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
  static final Symbol S = Symbol.of("005930");
  static final Claim BUY = Claim.placement(OrderSpec.limit(S, Side.BUY, 1, 70_000), 70_000);
  static final AgentFigures FLAT = new AgentFigures(TODAY, 0, 0, 0);

  @Test
  void aReservationCountsForEveryOtherAgentUntilItsAgentsReportShowsTheOrder() {
    AccountLimits l = new AccountLimits(0, 0, 2);
    AccountBook.Reserved a = AccountBook.EMPTY.reserve(l, "a", FLAT, BUY, NOW);
    assertTrue(a.denial().isEmpty());
    AccountBook.Reserved b = a.book().reserve(l, "b", FLAT, BUY, NOW);
    assertTrue(b.denial().isEmpty(), "a's reservation + b's = 2");
    AccountBook.Reserved c = b.book().reserve(l, "c", FLAT, BUY, NOW);
    assertEquals("account max-orders-per-day 2: other agents 2 + this agent 0 orders today",
        ((RiskDecision.Deny) c.denial().orElseThrow()).detail());
    // a's report shows its order: the reservation is settled, not counted twice.
    AccountBook settled = c.book().reported("a", new AgentFigures(TODAY, 70_000, 0, 1));
    assertEquals(Map.of("b", settled.reserved().get("b")), settled.reserved());
    assertEquals(new AccountFigures.Totals(140_000, 0, 2, 3), settled.totals(TODAY));
    // a's order was refused downstream (its report shows no order): the slot is free again.
    AccountBook freed = c.book().reported("a", FLAT);
    assertTrue(freed.reserve(l, "c", FLAT, BUY, NOW).denial().isEmpty());
  }

  @Test
  void aReservationWhoseAgentNeverReportsLapses() {
    AccountLimits l = new AccountLimits(0, 0, 1);
    AccountBook held = AccountBook.EMPTY.reserve(l, "a", FLAT, BUY, NOW).book();
    assertTrue(held.reserve(l, "b", FLAT, BUY, NOW.plus(AccountBook.HOLD).minusMillis(1)).denial().isPresent());
    assertTrue(held.reserve(l, "b", FLAT, BUY, NOW.plus(AccountBook.HOLD)).denial().isEmpty());
  }

  @Test
  void aReviseCountsOnlyTheExposureItAddsAndNoOrder() {
    AccountLimits l = new AccountLimits(800_000, 0, 1);
    AgentFigures oneOrder = new AgentFigures(TODAY, 700_000, 0, 1);
    Books books = new Books("a", NOW);
    var id = books.working(S, Side.BUY, 10, 70_000);
    var order = books.state().order(id).orElseThrow();
    assertEquals(new Claim(Side.BUY, 0, 100_000, "this revise"), Claim.revise(order, 80_000));
    assertTrue(Claim.revise(order, 60_000).empty());
    assertTrue(AccountBook.EMPTY.reserve(l, "a", oneOrder, Claim.revise(order, 80_000), NOW).denial().isEmpty(),
        "the day's one order is used, but a revise is no new order");
    RiskDecision.Deny d = (RiskDecision.Deny) AccountBook.EMPTY.reserve(l, "a", oneOrder, Claim.revise(order, 80_010),
        NOW).denial().orElseThrow();
    assertEquals(RejectReason.RISK_ACCOUNT_EXPOSURE, d.reason());
  }

  @Test
  void afterAFreshStartTheEarlierJournalCountsItsOrdersAndRealizedLossButNoExposure() {
    // "a" held 10 shares (700,000), lost 50,000 realized and 30,000 unrealized today in 6 orders,
    // then was fresh-started with its shares handed over: a.g1 holds them now.
    AccountFigures f = AccountFigures.EMPTY
        .with("a", new AgentFigures(TODAY, 700_000, -80_000, 6, -50_000))
        .with("b", new AgentFigures(TODAY, 100_000, 0, 1));
    assertEquals(new AccountFigures.Totals(800_000, -80_000, 7, 2), f.totals(TODAY, null));
    AccountFigures after = f.with("a.g1", new AgentFigures(TODAY, 670_000, -30_000, 0, 0));
    assertEquals(new AccountFigures.Totals(770_000, -80_000, 7, 2), after.totals(TODAY, null));
    // Seen from the new generation itself: its predecessor is among the "others".
    assertEquals(new AccountFigures.Totals(100_000, -50_000, 7, 1), after.totals(TODAY, "a.g1"));
    // A second fresh start: both earlier journals count their orders and realized P&L only.
    AccountFigures again = after.with("a.g1", new AgentFigures(TODAY, 670_000, -40_000, 2, -10_000))
        .with("a.g2", new AgentFigures(TODAY, 0, 0, 0, 0));
    assertEquals(new AccountFigures.Totals(100_000, -60_000, 9, 2), again.totals(TODAY, null));
    // Yesterday's generation counts nothing today.
    AccountFigures old = AccountFigures.EMPTY.with("x", new AgentFigures(TODAY.minusDays(1), 5, -5, 5, -5))
        .with("x.g1", FLAT);
    assertEquals(new AccountFigures.Totals(0, 0, 0, 1), old.totals(TODAY, null));
  }

  @Test
  void theJournalIdsOfFreshStartsAreReadAsLaterGenerationsOfTheSameAgent() {
    kis.journal.AgentId a = new kis.journal.AgentId("pair.one");
    assertEquals(0, AccountFigures.generation(kis.actors.agent.GenerationStore.journalId(a, 0).value()));
    String second = kis.actors.agent.GenerationStore.journalId(a, 1).value();
    String third = kis.actors.agent.GenerationStore.journalId(a, 2).value();
    assertEquals(List.of("pair.one", "pair.one"), List.of(AccountFigures.configured(second),
        AccountFigures.configured(third)));
    assertEquals(List.of(1, 2), List.of(AccountFigures.generation(second), AccountFigures.generation(third)));
  }

  @Test
  void theRealizedPartOfAnAgentsDayValuesEveryPositionAtItsAverageCost() {
    kis.journal.state.AgentState s = new Books("a", NOW).filled(S, Side.BUY, 10, 70_000)
        .filled(S, Side.SELL, 5, 65_000).state();
    DayCounters day = DayCounters.startOf(TODAY, kis.journal.state.AgentState.empty("a"));
    MarketFacts market = MarketFacts.of(Map.of(S, SymbolFacts.of(60_000, 70_000)));
    AgentFigures f = AgentFigures.of(s, market, day);
    assertEquals(-25_000, f.dailyRealized()); // 5 sold 5,000 under cost
    assertEquals(-75_000, f.dailyPnl()); // and 5 held 10,000 under cost
  }
}
