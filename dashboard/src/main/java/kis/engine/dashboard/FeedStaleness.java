package kis.engine.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * How fresh the KIS websocket is, measured two ways.
 *
 * @param lastFrameAt when the connection last received a frame of any kind (PINGPONG, notice,
 *     subscription reply, market data), null before the first: a quiet market still shows a live socket
 * @param sinceLastFrameSeconds seconds since then, null before the first frame
 * @param marketHours whether KRX trades continuously now; outside, no trade is due and
 *     {@code symbols} carries no staleness
 * @param symbols per subscribed symbol, since its last trade
 * @param streams per websocket stream (symbol and TR), the KIS supervisor's adaptive watchdog: the
 *     gap it learned and the silence it measures (empty where the supervisor is not asked: the cluster)
 */
public record FeedStaleness(Instant lastFrameAt, Double sinceLastFrameSeconds, boolean marketHours,
    List<SymbolTrades> symbols, List<StreamGap> streams) {
  public FeedStaleness {
    symbols = List.copyOf(symbols);
    streams = List.copyOf(streams);
  }

  public FeedStaleness(Instant lastFrameAt, Double sinceLastFrameSeconds, boolean marketHours,
      List<SymbolTrades> symbols) {
    this(lastFrameAt, sinceLastFrameSeconds, marketHours, symbols, List.of());
  }

  /**
   * One stream as the adaptive watchdog judges it.
   *
   * @param judged LEARNING (too few gaps yet), OFF_SESSION (its venue does not trade continuously),
   *     AUCTION (its frames say VI or halted), WATCHED, or POLLED (no websocket registration left:
   *     its price is polled by REST, {@code trId} names the call)
   * @param expectedGapSeconds the learned gap (for POLLED the poll interval), null while learning
   * @param staleAfterSeconds the silence that reconnects, null while learning
   * @param silenceSeconds since its last data frame (or the reconnect, or the session's start)
   * @param strikes stale verdicts since its last data frame (each doubles its allowance)
   */
  public record StreamGap(String symbol, String trId, String venue, String judged, Double expectedGapSeconds,
      Double staleAfterSeconds, double silenceSeconds, int strikes) {}

  /**
   * One symbol's trade feed.
   *
   * @param lastTradeAt its last trade seen since the engine started, null if none
   * @param sinceLastTradeSeconds seconds since then during market hours, else null
   */
  public record SymbolTrades(String symbol, Instant lastTradeAt, Double sinceLastTradeSeconds) {}

  public static FeedStaleness unknown() {
    return new FeedStaleness(null, null, false, List.of());
  }
}
