package kis.connector.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import kis.connector.Secret;

/**
 * A bearer token from {@code /oauth2/tokenP} and the instant it expires ({@code
 * access_token_token_expired}, KST).
 */
public record AccessToken(Secret token, Instant expiresAt) {
  public AccessToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Whether the token is still usable at {@code now} with {@code margin} to spare. */
  public boolean validAt(Instant now, Duration margin) {
    return now.plus(margin).isBefore(expiresAt);
  }
}
