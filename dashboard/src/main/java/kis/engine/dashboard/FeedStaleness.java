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
 */
public record FeedStaleness(Instant lastFrameAt, Double sinceLastFrameSeconds, boolean marketHours,
    List<SymbolTrades> symbols) {
  public FeedStaleness {
    symbols = List.copyOf(symbols);
  }

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
