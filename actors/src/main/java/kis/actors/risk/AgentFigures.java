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
 * @param day the trading day {@code dailyPnl}, {@code ordersToday} and {@code dailyRealized} belong to
 * @param grossExposure won: every held share at its mark (last price, else average cost) plus the
 *     agent's working buys (a market buy at its symbol's upper band, a buy being revised up at the
 *     higher price)
 * @param dailyPnl won, realized and unrealized after costs since the day's start ({@link DayCounters#dailyPnl})
 * @param ordersToday new orders requested today
 * @param dailyRealized won, the realized part of {@code dailyPnl} (every position at its average
 *     cost): what an earlier journal generation still counts for the account after a fresh start
 *     ({@link AccountFigures})
 */
public record AgentFigures(LocalDate day, long grossExposure, long dailyPnl, int ordersToday, long dailyRealized)
    implements JournalSerializable {

  /** Figures whose P&L is all realized. */
  public AgentFigures(LocalDate day, long grossExposure, long dailyPnl, int ordersToday) {
    this(day, grossExposure, dailyPnl, ordersToday, dailyPnl);
  }

  /** The agent's figures from its books, the market and its day counters (already moved to today). */
  public static AgentFigures of(AgentState state, MarketFacts market, DayCounters today) {
    long exposure = AgentLimits.workingBuyCost(state, market);
    for (Position p : state.positions().values()) {
      exposure += Math.abs(p.quantity()) * market.markOr(p.symbol(), p.averagePrice());
    }
    // Without marks every position is valued at its average cost: the equity change is what was realized.
    long realized = today.dailyPnl(state, MarketFacts.of(java.util.Map.of()));
    return new AgentFigures(today.date(), exposure, today.dailyPnl(state, market), today.orders(), realized);
  }

  /** What an earlier generation still counts after a fresh start: its orders and realized P&L of its day, no exposure. */
  AgentFigures retired() {
    return new AgentFigures(day, 0, dailyRealized, ordersToday, dailyRealized);
  }
}
