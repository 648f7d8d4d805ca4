package kis.actors.risk;

import java.time.LocalDate;
import kis.journal.JournalSerializable;
import kis.journal.risk.DayCounters;
import kis.journal.risk.MarketFacts;
import kis.journal.state.AgentState;
import kis.journal.state.Position;

/**
 * What one agent contributes to the account's limits, as its strategy host last computed it.
 *
 * @param day the trading day {@code dailyPnl} and {@code ordersToday} belong to
 * @param grossExposure won: every held share at its mark (last price, else average cost) plus the
 *     agent's working buys (a market buy at its symbol's upper band)
 * @param dailyPnl won, realized and unrealized after costs since the day's start ({@link DayCounters#dailyPnl})
 * @param ordersToday new orders requested today
 */
public record AgentFigures(LocalDate day, long grossExposure, long dailyPnl, int ordersToday)
    implements JournalSerializable {

  /** The agent's figures from its books, the market and its day counters (already moved to today). */
  public static AgentFigures of(AgentState state, MarketFacts market, DayCounters today) {
    long exposure = AgentLimits.workingBuyCost(state, market);
    for (Position p : state.positions().values()) {
      exposure += Math.abs(p.quantity()) * market.markOr(p.symbol(), p.averagePrice());
    }
    return new AgentFigures(today.date(), exposure, today.dailyPnl(state, market), today.orders());
  }
}
