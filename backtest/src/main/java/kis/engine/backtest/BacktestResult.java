package kis.engine.backtest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderFilled;
import kis.journal.state.AgentState;

/**
 * Everything a backtest produced.
 *
 * @param journal every event the simulated agent journaled, in order: folding it with
 *     {@link AgentState#fold} gives {@code finalState}
 * @param equity cash plus positions at the last price, sampled at most once a minute
 * @param daily equity at each session close
 * @param droppedIntents intents the live agent would have refused without journaling anything
 */
public record BacktestResult(
    String strategy,
    BacktestConfig config,
    AgentState finalState,
    List<AgentEvent> journal,
    List<Fill> fills,
    List<RoundTrip> roundTrips,
    List<EquityPoint> equity,
    List<DailyEquity> daily,
    long marketEvents,
    long droppedIntents,
    Summary summary) {

  /** One execution with what it was for and the position after it. */
  public record Fill(OrderFilled event, String reason, long positionAfter) {}

  /** A position taken from flat and back to flat; {@code netPnl} is after fees and tax. */
  public record RoundTrip(Symbol symbol, Instant opened, Instant closed, long netPnl) {}

  public record EquityPoint(Instant time, long equity) {}

  public record DailyEquity(LocalDate date, long equity) {}
}
