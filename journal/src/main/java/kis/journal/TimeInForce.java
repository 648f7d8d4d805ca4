package kis.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * How long an armed protective order lives if it never fires: the trading day it was armed
 * ({@link Kind#DAY}, to the end of that day in Seoul), to the end of a date
 * ({@link Kind#GOOD_TILL_DATE}), or to its venue's regular close on the day it was armed
 * ({@link Kind#GOOD_TILL_CLOSE}). Resolved to an instant when the order is armed
 * ({@code ProtectiveArmed.expiresAt}), so a calendar change later never moves a journaled expiry.
 */
public record TimeInForce(Kind kind, LocalDate until) {

  public enum Kind {
    DAY,
    GOOD_TILL_DATE,
    GOOD_TILL_CLOSE
  }

  public static final TimeInForce DAY = new TimeInForce(Kind.DAY, null);
  public static final TimeInForce GOOD_TILL_CLOSE = new TimeInForce(Kind.GOOD_TILL_CLOSE, null);

  public TimeInForce {
    if (kind == null) {
      kind = Kind.DAY;
    }
    if ((kind == Kind.GOOD_TILL_DATE) != (until != null)) {
      throw new IllegalArgumentException(kind + (until == null ? " needs a date" : " takes no date"));
    }
  }

  public static TimeInForce goodTill(LocalDate date) {
    return new TimeInForce(Kind.GOOD_TILL_DATE, date);
  }

  /**
   * When an order armed on trading day {@code day} expires: the start of the next day (after
   * {@code day}, or after its date) in {@code zone} for DAY and GOOD_TILL_DATE, {@code close} (the
   * end of that day's session) for GOOD_TILL_CLOSE.
   */
  public Instant expiresAt(LocalDate day, Instant close, ZoneId zone) {
    switch (kind) {
      case GOOD_TILL_CLOSE:
        return close;
      case GOOD_TILL_DATE:
        return until.plusDays(1).atStartOfDay(zone).toInstant();
      default:
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
  }
}
