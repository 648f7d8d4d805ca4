package kis.engine;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kis.connector.QuoteMarket;
import kis.connector.rest.DailyCandlesQuery;
import kis.connector.rest.KisRestClient;
import kis.engine.backtest.HistoryFetcher;
import kis.journal.Symbol;

/**
 * The history fetcher's view of KIS: the connector's REST client (rate limited per app key,
 * retried on throttling), each call awaited with a timeout.
 */
public final class KisCandleSource implements HistoryFetcher.CandleSource {
  private final KisRestClient rest;
  private final Duration timeout;

  public KisCandleSource(KisRestClient rest, Duration timeout) {
    this.rest = rest;
    this.timeout = timeout;
  }

  @Override
  public List<HistoryFetcher.DailyCandle> daily(Symbol symbol, LocalDate from, LocalDate to) {
    return await(rest.dailyCandles(DailyCandlesQuery.days(symbol.code(), from, to)), "daily candles of " + symbol)
        .stream()
        .filter(c -> c.date() != null)
        .map(c -> new HistoryFetcher.DailyCandle(c.date(), c.open(), c.high(), c.low(), c.close(), c.volume()))
        .toList();
  }

  @Override
  public List<HistoryFetcher.MinuteCandle> minutes(Symbol symbol, LocalTime until) {
    return await(rest.minuteCandles(symbol.code(), until), "minute candles of " + symbol).stream()
        .filter(c -> c.date() != null && c.time() != null)
        .map(c -> new HistoryFetcher.MinuteCandle(c.date(), c.time(), c.open(), c.high(), c.low(), c.close(),
            c.volume()))
        .toList();
  }

  /** KRX's book ({@code J}): the bars a KRX backtest replays. Real KIS only (paper has no such TR). */
  @Override
  public List<HistoryFetcher.MinuteCandle> pastMinutes(Symbol symbol, LocalDate day, LocalTime until) {
    return await(rest.pastMinuteCandles(QuoteMarket.KRX, symbol.code(), day, until), "minute candles of " + symbol
        + " on " + day).stream()
        .filter(c -> c.date() != null && c.time() != null)
        .map(c -> new HistoryFetcher.MinuteCandle(c.date(), c.time(), c.open(), c.high(), c.low(), c.close(),
            c.volume()))
        .toList();
  }

  @Override
  public List<HistoryFetcher.FlowDay> investorDays(Symbol symbol) {
    return await(rest.inquireInvestor(symbol.code()), "investor flows of " + symbol).stream()
        .filter(d -> d.date() != null)
        .map(d -> new HistoryFetcher.FlowDay(d.date(), d.foreignNetQty(), d.institutionNetQty(), d.individualNetQty()))
        .toList();
  }

  private <T> T await(CompletionStage<T> stage, String what) {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching " + what, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("KIS did not answer " + what + " within " + timeout.toSeconds() + " s", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot fetch " + what + ": " + e.getCause().getMessage(), e.getCause());
    }
  }
}
