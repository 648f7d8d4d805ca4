package kis.engine.dashboard;

/**
 * The KIS connection per level plus rate-limit use.
 *
 * @param token the OAuth access token (and websocket approval key)
 * @param websocket the realtime websocket (quotes and execution notices)
 * @param session REST reachability and the trading session as a whole
 * @param restCallsLastSecond REST calls sent in the last second
 * @param restCallsPerSecondLimit the configured limit (KIS: 20/s live, 2/s paper)
 * @param feed the websocket's staleness: since its last frame of any kind, and per symbol since its last trade
 * @param ordersHeldForToken order calls waiting right now for an access token (its issuance waits
 *     out KIS's one-per-minute rule); each is answered "not sent" if its queue deadline passes first
 * @param withoutViNews symbol codes the supervisor found no websocket registration for their market
 *     status ({@code H0STMKO0}): their strategies get no live VI news
 */
public record ConnectionStatus(
    LevelState token,
    LevelState websocket,
    LevelState session,
    int restCallsLastSecond,
    int restCallsPerSecondLimit,
    FeedStaleness feed,
    int ordersHeldForToken,
    java.util.List<String> withoutViNews) {

  public ConnectionStatus {
    withoutViNews = withoutViNews == null ? java.util.List.of() : java.util.List.copyOf(withoutViNews);
  }

  /** Without the stocks lacking VI news (none known). */
  public ConnectionStatus(LevelState token, LevelState websocket, LevelState session, int restCallsLastSecond,
      int restCallsPerSecondLimit, FeedStaleness feed, int ordersHeldForToken) {
    this(token, websocket, session, restCallsLastSecond, restCallsPerSecondLimit, feed, ordersHeldForToken,
        java.util.List.of());
  }

  /** Without the orders held for a token. */
  public ConnectionStatus(LevelState token, LevelState websocket, LevelState session, int restCallsLastSecond,
      int restCallsPerSecondLimit, FeedStaleness feed) {
    this(token, websocket, session, restCallsLastSecond, restCallsPerSecondLimit, feed, 0);
  }

  /** Without staleness figures. */
  public ConnectionStatus(LevelState token, LevelState websocket, LevelState session, int restCallsLastSecond,
      int restCallsPerSecondLimit) {
    this(token, websocket, session, restCallsLastSecond, restCallsPerSecondLimit, FeedStaleness.unknown());
  }

  public static ConnectionStatus unknown() {
    return new ConnectionStatus(LevelState.unknown(), LevelState.unknown(), LevelState.unknown(), 0, 0);
  }
}
