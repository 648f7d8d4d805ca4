package kis.connector;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the connector talks to KIS. Built from the HOCON block {@code kis { ... }} with
 * {@link #fromConfig(Config)}; defaults live in this module's {@code reference.conf}. A real host is
 * only ever filled in when {@code mode} is {@code paper} or {@code real}.
 *
 * @param mode sim, paper or real
 * @param restUrl REST base, e.g. {@code https://openapivts.koreainvestment.com:29443}
 * @param wsUrl websocket base including the path, e.g. {@code ws://ops.koreainvestment.com:31000/tryitout}
 * @param paperTrIds whether paper TR ids ({@code VTTC...}) are sent
 * @param custtype {@code P} for individuals
 * @param requestsPerWindow REST budget per app key per {@code rateWindow}
 * @param rateWindow the rate-limit window
 * @param maxConnections REST requests on the wire at once (also the HTTP pool size)
 * @param readTimeout time allowed for one read call
 * @param orderTimeout time allowed for the reply to an order call once it is on the wire; past it the
 *     call is reported in doubt
 * @param orderQueueTimeout the longest an order call may wait in this process (access token, wire
 *     slot, rate permit) before it is written; past it the call is reported not sent and is never
 *     written
 * @param readQueueTimeout the longest one read attempt (a page of an inquiry, a price) may wait in
 *     this process (access token, wire slot, rate permit) before it is written; past it the read
 *     fails with {@link KisNotSentException} (nothing reached KIS) and is not retried
 * @param connectionIdleTimeout a connection with a request on it but no byte for this long is closed
 *     (never sooner than a second after the longer call timeout); its wire slot stays taken until
 *     then, because the pool could still write or answer the stalled request
 * @param connectTimeout TCP connect plus, for {@code https}, the TLS handshake of a REST connection;
 *     applied as {@link #effectiveConnectTimeout()}, never more than three quarters of the shorter
 *     call timeout
 * @param readAttempts attempts per read (1 = no retry)
 * @param retryBackoff first backoff between read attempts (doubles up to {@code retryBackoffMax})
 * @param retryBackoffMax cap of the read backoff
 * @param maxPages guard on continuation paging
 * @param tokenCacheDir directory of the owner-only token cache
 * @param tokenRefreshBefore proactive refresh lead before access-token expiry
 * @param tokenMinIssueInterval minimum time between two issuances for one app key
 * @param approvalKeyLifetime how long a cached approval key is reused
 * @param maxSubscriptions websocket registrations allowed per session
 * @param wsConnectTimeout websocket upgrade timeout
 * @param wsAckTimeout time to wait for a subscribe/unsubscribe ack
 * @param wsBufferSize events buffered for a slow consumer
 */
public record KisConfig(
    KisMode mode,
    String restUrl,
    String wsUrl,
    boolean paperTrIds,
    String custtype,
    int requestsPerWindow,
    Duration rateWindow,
    int maxConnections,
    Duration readTimeout,
    Duration orderTimeout,
    Duration orderQueueTimeout,
    Duration readQueueTimeout,
    Duration connectionIdleTimeout,
    Duration connectTimeout,
    int readAttempts,
    Duration retryBackoff,
    Duration retryBackoffMax,
    int maxPages,
    Path tokenCacheDir,
    Duration tokenRefreshBefore,
    Duration tokenMinIssueInterval,
    Duration approvalKeyLifetime,
    int maxSubscriptions,
    Duration wsConnectTimeout,
    Duration wsAckTimeout,
    int wsBufferSize) {

  /** Real REST host (kis-api.md 1). */
  public static final String REAL_REST = "https://openapi.koreainvestment.com:9443";
  /** Paper (VTS) REST host. */
  public static final String PAPER_REST = "https://openapivts.koreainvestment.com:29443";
  /** Real websocket host. */
  public static final String REAL_WS = "ws://ops.koreainvestment.com:21000";
  /** Paper websocket host (same host, other port). */
  public static final String PAPER_WS = "ws://ops.koreainvestment.com:31000";

  public KisConfig {
    Objects.requireNonNull(mode, "mode");
    requireUrl(restUrl, "kis.rest-url", "http", "https");
    requireUrl(wsUrl, "kis.ws-url", "ws", "wss");
    if (requestsPerWindow < 1 || readAttempts < 1 || maxPages < 1 || maxSubscriptions < 1 || maxConnections < 1) {
      throw new IllegalArgumentException(
          "kis: requests-per-window, read-attempts, max-pages and max-subscriptions must be >= 1");
    }
    Objects.requireNonNull(tokenCacheDir, "kis.token.cache-dir");
    if (!positive(orderQueueTimeout) || !positive(readQueueTimeout) || !positive(connectionIdleTimeout)
        || !positive(connectTimeout)) {
      throw new IllegalArgumentException(
          "kis: order-queue-timeout, read-queue-timeout, connection-idle-timeout and connect-timeout must be positive");
    }
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  /**
   * The deadline for making a REST connection (TCP connect and TLS handshake): {@code connectTimeout},
   * capped at three quarters of the shorter of {@code readTimeout} and {@code orderTimeout}. A call
   * counts its timeout from its hand-over to the pool, and its connection is opened at that moment
   * or a little later; the margin makes a connection that cannot be made fail its call first, so an
   * order on it is known not sent rather than in doubt.
   */
  public Duration effectiveConnectTimeout() {
    Duration shorter = readTimeout.compareTo(orderTimeout) <= 0 ? readTimeout : orderTimeout;
    Duration cap = shorter.multipliedBy(3).dividedBy(4);
    return connectTimeout.compareTo(cap) <= 0 ? connectTimeout : cap;
  }

  /** Reads {@code kis { ... }} from {@code root}, falling back to this module's defaults. */
  public static KisConfig fromConfig(Config root) {
    Config defaults = ConfigFactory.defaultReference(KisConfig.class.getClassLoader()).getConfig("kis");
    Config c = (root.hasPath("kis") ? root.getConfig("kis") : ConfigFactory.empty()).withFallback(defaults);
    KisMode mode = KisMode.parse(c.getString("mode"));
    String rest = c.getString("rest-url");
    String ws = c.getString("ws-url");
    if (rest.isBlank()) {
      rest = defaultHost(mode, REAL_REST, PAPER_REST, "kis.rest-url");
    }
    if (ws.isBlank()) {
      ws = defaultHost(mode, REAL_WS, PAPER_WS, "kis.ws-url");
    }
    String trIds = c.getString("tr-ids").trim().toLowerCase(java.util.Locale.ROOT);
    boolean paperIds = switch (trIds) {
      case "auto" -> mode != KisMode.REAL;
      case "paper" -> true;
      case "real" -> false;
      default -> throw new IllegalArgumentException("kis.tr-ids must be auto, real or paper: " + trIds);
    };
    String rpw = c.getString("rate-limit.requests-per-window").trim();
    int budget = rpw.equals("auto") ? defaultBudget(mode) : Integer.parseInt(rpw);
    return new KisConfig(
        mode,
        stripSlash(rest),
        withPath(stripSlash(ws), c.getString("ws-path")),
        paperIds,
        c.getString("custtype"),
        budget,
        c.getDuration("rate-limit.window"),
        c.getInt("max-connections"),
        c.getDuration("read-timeout"),
        c.getDuration("order-timeout"),
        c.getDuration("order-queue-timeout"),
        c.getDuration("read-queue-timeout"),
        c.getDuration("connection-idle-timeout"),
        c.getDuration("connect-timeout"),
        c.getInt("read-attempts"),
        c.getDuration("retry-backoff"),
        c.getDuration("retry-backoff-max"),
        c.getInt("max-pages"),
        tokenCacheDir(c.getString("token.cache-dir")),
        c.getDuration("token.refresh-before"),
        c.getDuration("token.min-issue-interval"),
        c.getDuration("token.approval-key-lifetime"),
        c.getInt("websocket.max-subscriptions"),
        c.getDuration("websocket.connect-timeout"),
        c.getDuration("websocket.ack-timeout"),
        c.getInt("websocket.buffer-size"));
  }

  /** {@code kis.token.cache-dir}: blank is the per-user cache every command shares, {@link #USER_TOKEN_DIR}. */
  static Path tokenCacheDir(String configured) {
    return configured.isBlank()
        ? Path.of(System.getProperty("user.home"), USER_TOKEN_DIR) : Path.of(configured);
  }

  /** Under the user's home directory: the default token cache of every command. */
  public static final String USER_TOKEN_DIR = ".kis-trader/tokens";

  /** Defaults for a kis-sim on loopback, with the sim's own URLs and a token cache directory. */
  public static KisConfig forSimulator(String restUrl, String wsUrl, Path tokenCacheDir) {
    return fromConfig(ConfigFactory.parseMap(java.util.Map.of(
            "kis.mode", "sim",
            "kis.rest-url", restUrl,
            "kis.ws-url", wsUrl,
            "kis.token.cache-dir", tokenCacheDir.toString())));
  }

  /** REST budget per app key (kis-api.md 6.1, KIS notice of 2026-04-20). */
  public static int defaultBudget(KisMode mode) {
    return mode == KisMode.PAPER ? 1 : 18;
  }

  public KisConfig withRateLimit(int requests, Duration window) {
    return new KisConfig(mode, restUrl, wsUrl, paperTrIds, custtype, requests, window, maxConnections, readTimeout,
        orderTimeout, orderQueueTimeout, readQueueTimeout, connectionIdleTimeout, connectTimeout, readAttempts, retryBackoff, retryBackoffMax, maxPages, tokenCacheDir,
        tokenRefreshBefore, tokenMinIssueInterval, approvalKeyLifetime, maxSubscriptions,
        wsConnectTimeout, wsAckTimeout, wsBufferSize);
  }

  /**
   * With {@code interval} between two token issuances: for a simulator whose own rule is known
   * (the embedded kis-sim's {@code token-reissue-interval}), instead of KIS's minute.
   */
  public KisConfig withTokenMinIssueInterval(Duration interval) {
    return new KisConfig(mode, restUrl, wsUrl, paperTrIds, custtype, requestsPerWindow, rateWindow, maxConnections,
        readTimeout, orderTimeout, orderQueueTimeout, readQueueTimeout, connectionIdleTimeout, connectTimeout,
        readAttempts, retryBackoff, retryBackoffMax, maxPages, tokenCacheDir, tokenRefreshBefore, interval,
        approvalKeyLifetime, maxSubscriptions, wsConnectTimeout, wsAckTimeout, wsBufferSize);
  }

  public KisConfig withTimeouts(Duration read, Duration order) {
    return new KisConfig(mode, restUrl, wsUrl, paperTrIds, custtype, requestsPerWindow, rateWindow, maxConnections,
        read, order, orderQueueTimeout, readQueueTimeout, connectionIdleTimeout, connectTimeout, readAttempts, retryBackoff, retryBackoffMax, maxPages, tokenCacheDir,
        tokenRefreshBefore, tokenMinIssueInterval, approvalKeyLifetime, maxSubscriptions,
        wsConnectTimeout, wsAckTimeout, wsBufferSize);
  }

  /** The order queue deadline and the stalled-connection limit (see the record's parameters). */
  public KisConfig withOrderQueueTimeout(Duration queue, Duration connectionIdle) {
    return new KisConfig(mode, restUrl, wsUrl, paperTrIds, custtype, requestsPerWindow, rateWindow, maxConnections,
        readTimeout, orderTimeout, queue, readQueueTimeout, connectionIdle, connectTimeout, readAttempts, retryBackoff, retryBackoffMax, maxPages,
        tokenCacheDir, tokenRefreshBefore, tokenMinIssueInterval, approvalKeyLifetime, maxSubscriptions,
        wsConnectTimeout, wsAckTimeout, wsBufferSize);
  }

  public KisConfig withRetries(int attempts, Duration backoff, Duration backoffMax) {
    return new KisConfig(mode, restUrl, wsUrl, paperTrIds, custtype, requestsPerWindow, rateWindow, maxConnections,
        readTimeout, orderTimeout, orderQueueTimeout, readQueueTimeout, connectionIdleTimeout, connectTimeout, attempts, backoff, backoffMax, maxPages, tokenCacheDir,
        tokenRefreshBefore, tokenMinIssueInterval, approvalKeyLifetime, maxSubscriptions,
        wsConnectTimeout, wsAckTimeout, wsBufferSize);
  }

  public KisConfig withTrIds(boolean paper) {
    return new KisConfig(mode, restUrl, wsUrl, paper, custtype, requestsPerWindow, rateWindow, maxConnections,
        readTimeout, orderTimeout, orderQueueTimeout, readQueueTimeout, connectionIdleTimeout, connectTimeout, readAttempts, retryBackoff, retryBackoffMax, maxPages, tokenCacheDir,
        tokenRefreshBefore, tokenMinIssueInterval, approvalKeyLifetime, maxSubscriptions,
        wsConnectTimeout, wsAckTimeout, wsBufferSize);
  }

  private static String defaultHost(KisMode mode, String real, String paper, String key) {
    return switch (mode) {
      case REAL -> real;
      case PAPER -> paper;
      case SIM -> throw new IllegalArgumentException(key + " is required when kis.mode = sim");
    };
  }

  private static String stripSlash(String url) {
    String u = url.trim();
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }

  private static String withPath(String base, String path) {
    if (path == null || path.isBlank() || !URI.create(base).getRawPath().isEmpty()) {
      return base;
    }
    return base + (path.startsWith("/") ? path : "/" + path);
  }

  private static void requireUrl(String url, String key, String... schemes) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(key + " is required");
    }
    URI u = URI.create(url);
    for (String s : schemes) {
      if (s.equalsIgnoreCase(u.getScheme()) && u.getHost() != null) {
        return;
      }
    }
    throw new IllegalArgumentException(key + " must be a " + String.join("/", schemes) + " URL: " + url);
  }
}
