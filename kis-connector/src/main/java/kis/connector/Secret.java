package kis.connector;

import java.util.Objects;

/**
 * A credential value (app key, app secret, access token, approval key, account number) that must
 * never reach a log, an exception message or a journal. {@link #toString()} always prints
 * {@code ***}; the value is only reachable through {@link #reveal()}, which the wire code calls
 * when it writes a header or a body.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a non-blank value; the message of the exception never contains the value. */
  public static Secret of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("secret value is missing or blank");
    }
    return new Secret(value.trim());
  }

  /** The raw value, for the wire only. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  @Override
  public String toString() {
    return "***";
  }
}
