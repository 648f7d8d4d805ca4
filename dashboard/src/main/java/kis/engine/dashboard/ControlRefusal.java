package kis.engine.dashboard;

/**
 * Why a control request was turned away before the engine was asked. The set is closed on purpose:
 * refusals are counted per reason and minute ({@link RefusalTally}), so a flood of them costs a
 * bounded number of audit lines.
 */
public enum ControlRefusal {
  /** No {@code Authorization: Bearer} header. */
  NO_TOKEN(401, "control needs the dashboard token (Authorization: Bearer ...)"),
  /** A bearer token that is not the engine's. */
  BAD_TOKEN(401, "control needs the dashboard token (Authorization: Bearer ...)"),
  /**
   * The token came as {@code ?token=}: a URL ends up in logs, proxies and the browser's history,
   * so a control never takes it from there (only the read-only stream does).
   */
  TOKEN_IN_QUERY(401, "a control takes its token from the Authorization header only, never from ?token="),
  /** {@code Origin} names another site, or {@code Sec-Fetch-Site} says the request is cross-site. */
  CROSS_SITE(403, "cross-site control requests are refused");

  private final int status;
  private final String message;

  ControlRefusal(int status, String message) {
    this.status = status;
    this.message = message;
  }

  /** The HTTP status answered. */
  public int status() {
    return status;
  }

  /** The message answered (never the token). */
  public String message() {
    return message;
  }

  /** The audit's short reason, e.g. {@code bad token}. */
  public String reason() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
