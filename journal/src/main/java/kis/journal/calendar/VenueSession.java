package kis.journal.calendar;

import java.time.LocalTime;

/**
 * One session of a venue's day: a phase from {@code start} (inclusive) to {@code end} (exclusive),
 * Asia/Seoul local time.
 */
public record VenueSession(MarketPhase phase, LocalTime start, LocalTime end) {
  public VenueSession {
    if (phase == null || start == null || end == null) {
      throw new IllegalArgumentException("phase, start and end are required");
    }
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException(phase + " must start before it ends: " + start + " .. " + end);
    }
  }

  public boolean contains(LocalTime t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
