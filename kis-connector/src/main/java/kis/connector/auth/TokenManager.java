package kis.connector.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import kis.connector.Delayer;
import kis.connector.KisApiException;
import kis.connector.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the access token and the websocket approval key of one app key.
 *
 * <ul>
 *   <li>Reuses a valid token, from memory or from the owner-only {@link TokenCache} on disk.
 *   <li>Refreshes proactively: from {@code refreshBefore} ahead of expiry (on the injected KST
 *       clock) a call issues a fresh token, if the issuance interval allows; otherwise the old,
 *       still valid token is returned and the refresh happens on a later call.
 *   <li>Never issues twice within {@code minIssueInterval} (KIS allows one per minute, EGW00133):
 *       when a token is needed sooner, the issuance waits. The last issuance time is persisted, so
 *       a restart respects it too. Concurrent callers share one issuance.
 *   <li>{@link #reissueAfterRejection(AccessToken)} re-issues after EGW00121/EGW00123; callers retry
 *       their request once with the result.
 * </ul>
 *
 * Thread-safe; methods never block, they return stages.
 */
public final class TokenManager {
  private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);
  /** A token this close to expiry is treated as expired. */
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
  /** The approval endpoint allows one issuance per second (kis-api.md 2.3). */
  static final Duration APPROVAL_MIN_INTERVAL = Duration.ofMillis(1100);
  static final String TOO_FREQUENT = "EGW00133";

  private final TokenIssuer issuer;
  private final TokenCache cache;
  private final Clock clock;
  private final Delayer delayer;
  private final Duration refreshBefore;
  private final Duration minIssueInterval;
  private final Duration approvalLifetime;

  private AccessToken current;
  private Instant lastIssue;
  private CompletableFuture<AccessToken> inFlight;
  private Secret approvalKey;
  private Instant approvalIssuedAt;
  private Instant lastApprovalRequest;
  private CompletableFuture<Secret> approvalInFlight;
  private int accessIssuances;
  private int approvalIssuances;
  private int tooFrequentRefusals;

  public TokenManager(TokenIssuer issuer, TokenCache cache, Clock clock, Delayer delayer,
      Duration refreshBefore, Duration minIssueInterval, Duration approvalLifetime) {
    this.issuer = issuer;
    this.cache = cache;
    this.clock = clock;
    this.delayer = delayer;
    this.refreshBefore = refreshBefore;
    this.minIssueInterval = minIssueInterval;
    this.approvalLifetime = approvalLifetime;
    cache.load().ifPresent(e -> {
      current = e.accessToken();
      lastIssue = e.lastAccessIssue();
      approvalKey = e.approvalKey();
      approvalIssuedAt = e.approvalIssuedAt();
    });
  }

  /** A usable access token: the current one, or a freshly issued one when it is due. */
  public synchronized CompletionStage<AccessToken> accessToken() {
    if (inFlight != null) {
      return inFlight;
    }
    Instant now = clock.instant();
    if (current != null && current.validAt(now, refreshBefore)) {
      return CompletableFuture.completedFuture(current);
    }
    if (current != null && current.validAt(now, EXPIRY_MARGIN) && now.isBefore(nextIssueAllowedAt())) {
      return CompletableFuture.completedFuture(current);
    }
    return startIssue(now);
  }

  /**
   * KIS refused {@code rejected} as invalid or expired (EGW00121 / EGW00123): forget it and issue a
   * new one (after the issuance interval if need be). If another caller already replaced it, the
   * replacement is returned without a new issuance.
   */
  public synchronized CompletionStage<AccessToken> reissueAfterRejection(AccessToken rejected) {
    if (inFlight != null) {
      return inFlight;
    }
    if (current != null && !current.token().equals(rejected.token())) {
      return CompletableFuture.completedFuture(current);
    }
    LOG.info("KIS rejected the access token; issuing a new one");
    current = null;
    persist();
    return startIssue(clock.instant());
  }

  /** The websocket approval key, reused for {@code approvalLifetime} after issuance. */
  public synchronized CompletionStage<Secret> approvalKey() {
    if (approvalInFlight != null) {
      return approvalInFlight;
    }
    Instant now = clock.instant();
    if (approvalKey != null && approvalIssuedAt != null && approvalIssuedAt.plus(approvalLifetime).isAfter(now)) {
      return CompletableFuture.completedFuture(approvalKey);
    }
    return startApproval(now);
  }

  /** The websocket refused {@code rejected} (e.g. OPSP0011): issue a new approval key. */
  public synchronized CompletionStage<Secret> reissueApprovalKey(Secret rejected) {
    if (approvalInFlight != null) {
      return approvalInFlight;
    }
    if (approvalKey != null && !approvalKey.equals(rejected)) {
      return CompletableFuture.completedFuture(approvalKey);
    }
    approvalKey = null;
    persist();
    return startApproval(clock.instant());
  }

  /**
   * Where the access token stands, for an operator: what the engine can send right now.
   *
   * @param level {@code VALID} (a usable token), {@code WAITING_ISSUANCE} (none usable, and the
   *     next issuance must wait for KIS's one-per-minute rule, EGW00133), {@code ISSUING} (a
   *     request for one is on its way), {@code NONE} (none usable and none asked for yet)
   * @param validUntil the usable token's expiry, null unless {@code VALID}
   * @param nextIssueAt when another issuance is allowed, null if it is allowed now
   */
  public record Status(Level level, Instant validUntil, Instant nextIssueAt) {
    /** See {@link Status}. */
    public enum Level { NONE, WAITING_ISSUANCE, ISSUING, VALID }
  }

  /** The token's {@link Status} at this instant of the manager's clock. */
  public synchronized Status status() {
    Instant now = clock.instant();
    Instant next = nextIssueAllowedAt();
    Instant nextOrNull = next.isAfter(now) ? next : null;
    if (current != null && current.validAt(now, EXPIRY_MARGIN)) {
      return new Status(Status.Level.VALID, current.expiresAt(), nextOrNull);
    }
    if (inFlight != null) {
      return new Status(nextOrNull != null ? Status.Level.WAITING_ISSUANCE : Status.Level.ISSUING, null, nextOrNull);
    }
    return new Status(Status.Level.NONE, null, nextOrNull);
  }

  /** The earliest instant at which another access-token issuance is allowed. */
  public synchronized Instant nextIssueAllowedAt() {
    return lastIssue == null ? Instant.MIN : lastIssue.plus(minIssueInterval);
  }

  /** Access tokens requested from KIS by this instance (for tests and metrics). */
  public synchronized int accessIssuances() {
    return accessIssuances;
  }

  /** EGW00133 refusals seen (should stay 0: the manager paces itself). */
  public synchronized int tooFrequentRefusals() {
    return tooFrequentRefusals;
  }

  /** Approval keys requested from KIS by this instance. */
  public synchronized int approvalIssuances() {
    return approvalIssuances;
  }

  private CompletableFuture<AccessToken> startIssue(Instant now) {
    CompletableFuture<AccessToken> result = new CompletableFuture<>();
    inFlight = result;
    Duration wait = positive(Duration.between(now, nextIssueAllowedAt().equals(Instant.MIN) ? now : nextIssueAllowedAt()));
    if (!wait.isZero()) {
      LOG.info("waiting {} ms before issuing a KIS access token (one issuance per minute)", wait.toMillis());
    }
    delayer.delay(wait)
        .thenCompose(v -> requestAccessToken(true))
        .whenComplete((token, ex) -> {
          synchronized (this) {
            inFlight = null;
            if (token != null) {
              current = token;
              persist();
            }
          }
          if (ex != null) {
            result.completeExceptionally(unwrap(ex));
          } else {
            result.complete(token);
          }
        });
    return result;
  }

  private CompletionStage<AccessToken> requestAccessToken(boolean mayRetryTooFrequent) {
    synchronized (this) {
      // Recorded before the call: a request that fails still counts against KIS's limit.
      lastIssue = clock.instant();
      accessIssuances++;
      persist();
    }
    return issuer.issueAccessToken().whenComplete((token, ex) -> {
      synchronized (this) {
        // KIS counts the minute from when it received the request, somewhere before the reply:
        // counting from the reply too keeps the next issuance from landing inside KIS's minute.
        lastIssue = clock.instant();
        persist();
      }
    }).exceptionallyCompose(ex -> {
      Throwable cause = unwrap(ex);
      if (cause instanceof KisApiException k && TOO_FREQUENT.equals(k.msgCd())) {
        synchronized (this) {
          tooFrequentRefusals++;
        }
      }
      if (mayRetryTooFrequent && cause instanceof KisApiException k && TOO_FREQUENT.equals(k.msgCd())) {
        // Another process issued for this key; wait out the interval once.
        LOG.warn("KIS refused token issuance as too frequent (EGW00133); retrying after {}", minIssueInterval);
        return delayer.delay(minIssueInterval).thenCompose(v -> requestAccessToken(false));
      }
      return CompletableFuture.failedFuture(cause);
    });
  }

  private CompletableFuture<Secret> startApproval(Instant now) {
    CompletableFuture<Secret> result = new CompletableFuture<>();
    approvalInFlight = result;
    Duration wait = lastApprovalRequest == null
        ? Duration.ZERO : positive(Duration.between(now, lastApprovalRequest.plus(APPROVAL_MIN_INTERVAL)));
    delayer.delay(wait)
        .thenCompose(v -> requestApproval())
        .whenComplete((key, ex) -> {
          synchronized (this) {
            approvalInFlight = null;
            if (key != null) {
              approvalKey = key;
              approvalIssuedAt = clock.instant();
              persist();
            }
          }
          if (ex != null) {
            result.completeExceptionally(unwrap(ex));
          } else {
            result.complete(key);
          }
        });
    return result;
  }

  private CompletionStage<Secret> requestApproval() {
    synchronized (this) {
      lastApprovalRequest = clock.instant();
      approvalIssuances++;
    }
    return issuer.issueApprovalKey();
  }

  private void persist() {
    cache.store(new TokenCache.Entry(current, lastIssue, approvalKey, approvalIssuedAt));
  }

  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

}
