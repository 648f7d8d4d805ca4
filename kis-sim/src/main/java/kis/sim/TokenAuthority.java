package kis.sim;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Access tokens and websocket approval keys, with KIS's rules: one token per minute per app key
 * (EGW00133), the same token again if asked within 6 hours, 24 h lifetime (shared/kis-api.md §2).
 */
final class TokenAuthority {
  static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(SessionClock.KST);

  record Token(String value, Instant issuedAt, Instant expiresAt) {
    @Override
    public String toString() {
      return "Token[***, expiresAt=" + expiresAt + "]";
    }
  }

  /** Outcome of a token request. */
  sealed interface Issue permits Issued, TooSoon {}

  record Issued(Token token) implements Issue {}

  record TooSoon() implements Issue {}

  enum Check { OK, NOT_FOUND, EXPIRED }

  private final SimCredentials creds;
  private final Duration reissueInterval;
  private final Duration lifetime;
  private final Clock clock;
  private final SecureRandom rnd = new SecureRandom();
  private final Map<String, Token> tokens = new HashMap<>();
  private final Map<String, String> approvalKeys = new HashMap<>();
  private Token current;
  private Instant lastIssue;

  TokenAuthority(SimCredentials creds, Duration reissueInterval, Duration lifetime, Clock clock) {
    this.creds = creds;
    this.reissueInterval = reissueInterval;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  synchronized Issue issue() {
    Instant now = clock.instant();
    if (lastIssue != null && now.isBefore(lastIssue.plus(reissueInterval))) {
      return new TooSoon();
    }
    lastIssue = now;
    if (current != null && now.isBefore(current.expiresAt())
        && now.isBefore(current.issuedAt().plus(Duration.ofHours(6)))) {
      return new Issued(current);
    }
    byte[] raw = new byte[192];
    rnd.nextBytes(raw);
    String value = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    current = new Token(value, now, now.plus(lifetime));
    tokens.put(value, current);
    return new Issued(current);
  }

  synchronized Check check(String value) {
    Token t = tokens.get(value);
    if (t == null) {
      return Check.NOT_FOUND;
    }
    return clock.instant().isBefore(t.expiresAt()) ? Check.OK : Check.EXPIRED;
  }

  synchronized boolean revoke(String value) {
    Token t = tokens.remove(value);
    if (t != null && t.equals(current)) {
      current = null;
    }
    return t != null;
  }

  /** Fault: every token expires now. */
  synchronized void expireAll() {
    Instant now = clock.instant();
    tokens.replaceAll((k, t) -> new Token(t.value(), t.issuedAt(), now));
    if (current != null) {
      current = tokens.get(current.value());
    }
  }

  synchronized String approvalKey() {
    String key = UUID.randomUUID().toString();
    approvalKeys.put(key, creds.appKey());
    return key;
  }

  synchronized boolean validApprovalKey(String key) {
    return key != null && approvalKeys.containsKey(key);
  }
}
