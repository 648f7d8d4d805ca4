package kis.journal.calendar;

import java.time.LocalTime;

/**
 * The regular-market timetable of one trading day, in Asia/Seoul local time. Each phase runs from
 * its start (inclusive) to the next one's start (exclusive); {@code close} ends the day.
 *
 * @param preOpen the opening call auction starts taking orders
 * @param open the opening match; continuous trading starts
 * @param closingAuction continuous trading ends; the closing call auction takes orders
 * @param close the closing match; the regular session ends
 */
public record SessionHours(LocalTime preOpen, LocalTime open, LocalTime closingAuction, LocalTime close) {

  /** A normal day: 08:30 / 09:00 / 15:20 / 15:30. */
  public static final SessionHours REGULAR =
      new SessionHours(LocalTime.of(8, 30), LocalTime.of(9, 0), LocalTime.of(15, 20), LocalTime.of(15, 30));

  public SessionHours {
    if (preOpen == null || open == null || closingAuction == null || close == null) {
      throw new IllegalArgumentException("all four session times are required");
    }
    if (!(preOpen.isBefore(open) && open.isBefore(closingAuction) && closingAuction.isBefore(close))) {
      throw new IllegalArgumentException(
          "session times must increase: pre-open " + preOpen + " < open " + open + " < closing auction "
              + closingAuction + " < close " + close);
    }
  }

  /** The phase at {@code time} on this day. */
  public MarketPhase phaseAt(LocalTime time) {
    if (time.isBefore(preOpen) || !time.isBefore(close)) {
      return MarketPhase.CLOSED;
    }
    if (time.isBefore(open)) {
      return MarketPhase.PRE_OPEN;
    }
    return time.isBefore(closingAuction) ? MarketPhase.CONTINUOUS : MarketPhase.CLOSING_AUCTION;
  }
}
