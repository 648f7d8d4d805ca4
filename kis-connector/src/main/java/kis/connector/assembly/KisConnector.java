package kis.connector.assembly;

import kis.connector.Delayer;
import kis.connector.KisCredentials;
import kis.connector.KisConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CompletionStage;
import kis.connector.auth.HttpTokenIssuer;
import kis.connector.auth.TokenCache;
import kis.connector.auth.TokenManager;
import kis.connector.http.HttpTransport;
import kis.connector.http.PekkoHttpTransport;
import kis.connector.rest.KisRestClient;
import kis.connector.rest.RateLimiter;
import kis.connector.ws.KisWebSocket;
import org.apache.pekko.actor.ClassicActorSystemProvider;

/**
 * The whole KIS edge for one app key: token manager, the app key's rate limiter, the REST client
 * and a factory for websocket sessions. Create one per app key and keep it for the life of the
 * process (the KIS supervisor actor owns it): the rate budget and the token issuance limit are per
 * app key, so two instances for one key would overrun both. Websocket sessions are cheap to open
 * again after a disconnect; this object is not.
 */
public final class KisConnector {
  /** KIS runs on Korean time; token expiry and sessions are KST. */
  public static final ZoneId KST = ZoneId.of("Asia/Seoul");

  private final ClassicActorSystemProvider system;
  private final KisConfig config;
  private final KisCredentials credentials;
  private final TokenManager tokens;
  private final RateLimiter limiter;
  private final KisRestClient rest;
  private final javax.net.ssl.SSLContext tls;
  private volatile kis.connector.ws.FrameTap tap = kis.connector.ws.FrameTap.NONE;

  private KisConnector(ClassicActorSystemProvider system, KisConfig config, KisCredentials credentials,
      HttpTransport transport, Clock clock, Delayer delayer, javax.net.ssl.SSLContext tls) {
    this.system = system;
    this.tls = tls;
    this.config = config;
    this.credentials = credentials;
    this.tokens = new TokenManager(
        // A token call given up on still counts against KIS's one issuance a minute: it may take as
        // long as a read may wait for it (read-queue-timeout), not just one read's reply time.
        new HttpTokenIssuer(transport, credentials, clock, config.readQueueTimeout()),
        new TokenCache(config.tokenCacheDir(), config.restUrl(), credentials.appKey()),
        clock, delayer, config.tokenRefreshBefore(), config.tokenMinIssueInterval(), config.approvalKeyLifetime());
    this.limiter = new RateLimiter(config.requestsPerWindow(), config.rateWindow(), System::nanoTime, delayer);
    this.rest = new KisRestClient(config, credentials, tokens, limiter, transport, delayer);
  }

  /** A connector on the system's Pekko HTTP pool, the wall clock in KST and real delays. */
  public static KisConnector create(ClassicActorSystemProvider system, KisConfig config, KisCredentials credentials) {
    return create(system, config, credentials, Clock.system(KST));
  }

  /** As {@link #create(ClassicActorSystemProvider, KisConfig, KisCredentials)} with a given clock. */
  public static KisConnector create(ClassicActorSystemProvider system, KisConfig config, KisCredentials credentials,
      Clock clock) {
    return create(system, config, credentials, clock, null);
  }

  /**
   * As {@link #create(ClassicActorSystemProvider, KisConfig, KisCredentials, Clock)}, trusting
   * {@code tls} for an {@code https} REST host and a {@code wss} websocket (null: the JVM's default
   * trust), e.g. a private CA in front of a test host.
   */
  public static KisConnector create(ClassicActorSystemProvider system, KisConfig config, KisCredentials credentials,
      Clock clock, javax.net.ssl.SSLContext tls) {
    return new KisConnector(system, config, credentials,
        new PekkoHttpTransport(system, config.restUrl(), config.maxConnections(), connectionIdle(config),
            config.effectiveConnectTimeout(), tls), clock,
        Delayer.system(), tls);
  }

  /** Never shorter than a call's own timeout: a slow reply must fail by our timeout, not by a closed connection. */
  static Duration connectionIdle(KisConfig c) {
    Duration longest = c.readTimeout().compareTo(c.orderTimeout()) > 0 ? c.readTimeout() : c.orderTimeout();
    Duration floor = longest.plusSeconds(1);
    return c.connectionIdleTimeout().compareTo(floor) < 0 ? floor : c.connectionIdleTimeout();
  }

  /** Typed REST calls. */
  public KisRestClient rest() {
    return rest;
  }

  /** Access token and approval key of this app key. */
  public TokenManager tokens() {
    return tokens;
  }

  public RateLimiter rateLimiter() {
    return limiter;
  }

  public KisConfig config() {
    return config;
  }

  public KisCredentials credentials() {
    return credentials;
  }

  /** Whether this environment uses the paper notice TR ({@code H0STCNI9}) and paper TR ids. */
  public boolean paper() {
    return config.paperTrIds();
  }

  /**
   * Gets an approval key (cached or new) and opens a websocket session with it. Attach a consumer
   * to {@link KisWebSocket#events()} at once. KIS allows one session per app key: close the old
   * session before opening the next.
   */
  public CompletionStage<KisWebSocket> openWebSocket() {
    return tokens.approvalKey()
        .thenApply(key -> KisWebSocket.connect(system, config, key, this::ownAccount, tls, this::tapped));
  }

  /**
   * After KIS refused a session's approval key ({@code OPSP0011} in a subscribe ack): issues a new
   * key (at most one per second) and opens a session with it. Close {@code refused} first.
   */
  public CompletionStage<KisWebSocket> openWebSocketWithNewApprovalKey(KisWebSocket refused) {
    return tokens.reissueApprovalKey(refused.approvalKey())
        .thenApply(key -> KisWebSocket.connect(system, config, key, this::ownAccount, tls, this::tapped));
  }

  /**
   * Shows every market-data frame of this connector's websocket sessions, the open one included, to
   * {@code t} ({@link kis.connector.ws.FrameTap#NONE}: to no one). The account's desk installs its
   * recorder here while it runs on this node.
   */
  public void tapMarketFrames(kis.connector.ws.FrameTap t) {
    this.tap = t == null ? kis.connector.ws.FrameTap.NONE : t;
  }

  private void tapped(String frame) {
    tap.marketFrame(frame);
  }

  private boolean ownAccount(String acntNo) {
    return credentials.ownsAccountNo(acntNo);
  }
}
