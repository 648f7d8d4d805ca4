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
 *   <li>Shares the cache with every other process using the same app key: before issuing it
 *       re-reads the file and takes a token another process has issued meanwhile; an issuance is
 *       claimed in the file (its time written under the file's lock) before the request goes out,
 *       so two processes starting together issue once, the second taking the first's token.
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
  /** How often a manager waiting on another process's issuance looks at the shared cache. */
  static final Duration CLAIM_POLL = Duration.ofSeconds(1);

  private final TokenIssuer issuer;
  private final TokenCache cache;
  private final Clock clock;
  private final Delayer delayer;
  private final Duration refreshBefore;
  private final Duration minIssueInterval;
  private final Duration approvalLifetime;

  private AccessToken current;
  private Instant lastIssue;
  /** The issuance this manager claimed last: a wait for it needs no look at the file meanwhile. */
  private Instant ownClaim;
  private CompletableFuture<AccessToken> inFlight;
  private Secret approvalKey;
  private Instant approvalIssuedAt;
  private Instant lastApprovalRequest;
  private CompletableFuture<Secret> approvalInFlight;
  /** The token and approval key KIS refused, so a merge with the file never brings them back. */
  private Secret rejectedToken;
  private Secret rejectedApproval;
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
    cache.load().ifPresent(this::absorb);
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
    // Another process (kis, run, a cluster node) may have issued one for this app key meanwhile.
    cache.load().ifPresent(this::absorb);
    if (current != null && current.validAt(now, refreshBefore)) {
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
    rejectedToken = rejected.token();
    current = null;
    persist();
    if (current != null && current.validAt(clock.instant(), EXPIRY_MARGIN)) {
      return CompletableFuture.completedFuture(current); // another process's newer token, from the file
    }
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
    rejectedApproval = rejected;
    approvalKey = null;
    persist();
    if (approvalKey != null) {
      return CompletableFuture.completedFuture(approvalKey); // another process's newer key, from the file
    }
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
    delayer.delay(step(wait))
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
    Instant now;
    Instant waitUntil = null;
    AccessToken theirs = null;
    synchronized (this) {
      now = clock.instant();
      Instant[] wait = {null};
      AccessToken[] found = {null};
      // The claim: under the file's lock, take a token another process issued, or wait for the
      // one it is issuing, or record this issuance (before the call: a request that fails still
      // counts against KIS's limit) so that others wait for ours.
      cache.update(disk -> {
        absorb(disk);
        if (current != null && current.validAt(now, refreshBefore)) {
          found[0] = current;
        } else if (now.isBefore(nextIssueAllowedAt())) {
          wait[0] = nextIssueAllowedAt();
        } else {
          lastIssue = now;
          ownClaim = now;
          accessIssuances++;
        }
        return entry();
      });
      theirs = found[0];
      waitUntil = wait[0];
    }
    if (theirs != null) {
      return CompletableFuture.completedFuture(theirs);
    }
    if (waitUntil != null) {
      // Another process claimed the issuance: look again shortly (its token usually lands within
      // a second) and at the latest when the interval allows one of our own.
      return delayer.delay(step(Duration.between(now, waitUntil))).thenCompose(v -> requestAccessToken(mayRetryTooFrequent));
    }
    return issuer.issueAccessToken().whenComplete((token, ex) -> {
      synchronized (this) {
        // KIS counts the minute from when it received the request, somewhere before the reply:
        // counting from the reply too keeps the next issuance from landing inside KIS's minute.
        lastIssue = clock.instant();
        ownClaim = lastIssue;
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

  /** Writes this manager's state merged with what other processes wrote meanwhile (see {@link #absorb}). */
  private void persist() {
    cache.update(disk -> {
      absorb(disk);
      return entry();
    });
  }

  private TokenCache.Entry entry() {
    return new TokenCache.Entry(current, lastIssue, approvalKey, approvalIssuedAt);
  }

  /**
   * Takes from another process's entry what is newer than this manager's: the token expiring
   * later, the later issuance time, the later approval key. A token or key KIS refused is never
   * taken back.
   */
  private void absorb(TokenCache.Entry disk) {
    AccessToken t = disk.accessToken();
    if (t != null && !t.token().equals(rejectedToken)
        && (current == null || t.expiresAt().isAfter(current.expiresAt()))) {
      current = t;
    }
    if (disk.lastAccessIssue() != null && (lastIssue == null || disk.lastAccessIssue().isAfter(lastIssue))) {
      lastIssue = disk.lastAccessIssue();
    }
    Secret a = disk.approvalKey();
    if (a != null && !a.equals(rejectedApproval) && disk.approvalIssuedAt() != null
        && (approvalKey == null || approvalIssuedAt == null || disk.approvalIssuedAt().isAfter(approvalIssuedAt))) {
      approvalKey = a;
      approvalIssuedAt = disk.approvalIssuedAt();
    }
  }

  /**
   * How long to wait before looking again, of {@code left} until an issuance is allowed: all of it
   * when the interval runs from this manager's own issuance, else a short step, since the wait is
   * then for another process's issuance, whose token ends it early.
   */
  private synchronized Duration step(Duration left) {
    if (lastIssue != null && lastIssue.equals(ownClaim)) {
      return left;
    }
    return left.compareTo(CLAIM_POLL) < 0 ? left : CLAIM_POLL;
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
