package kis.journal.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import kis.journal.Venue;
import org.junit.jupiter.api.Test;

class SessionTableTest {

  @Test
  void aCorrectionIsOneRow() {
    List<SessionTable.Rule> corrected = new ArrayList<>();
    for (SessionTable.Rule r : SessionTable.RULES) {
      boolean nxtMain = r.venue() == Venue.NXT && r.phase() == MarketPhase.CONTINUOUS;
      corrected.add(nxtMain ? new SessionTable.Rule(r.venue(), r.phase(), "09:00:30", r.end(), r.days(), r.from(),
          r.until(), true, "a fixture's 09:00:30") : r);
    }
    MarketCalendar cal = new MarketCalendar(KrxCalendar.defaults(), corrected);
    VenueDay nxt = cal.hours(Venue.NXT, LocalDate.of(2026, 11, 24)).orElseThrow();
    assertEquals(MarketPhase.CLOSED, nxt.phaseAt(LocalTime.of(9, 0, 10)), "between the halt's end and the main market");
    assertEquals(MarketPhase.CONTINUOUS, nxt.phaseAt(LocalTime.of(9, 0, 30)));
  }

  @Test
  void theTransitionOfSeptember2026IsMarkedSecondHandAndTheRegimesDoNotOverlap() {
    for (SessionTable.Rule r : SessionTable.RULES) {
      if (r.phase() == MarketPhase.AFTER_MARKET && r.venue() == Venue.KRX) {
        assertTrue(r.secondHand());
        assertEquals(SessionTable.KRX_AFTER_MARKET_START, r.from());
      }
      if (r.phase() == MarketPhase.AFTER_HOURS_SINGLE_PRICE) {
        assertEquals(SessionTable.KRX_AFTER_MARKET_START, r.until());
      }
      assertFalse(r.source().isBlank(), r.toString());
    }
  }

  @Test
  void noVenueRunsTwoSessionsOfOnePhaseAtOnceOnAnyDayOf2026() {
    MarketCalendar cal = MarketCalendar.defaults();
    for (LocalDate d = LocalDate.of(2026, 1, 1); d.getYear() == 2026; d = d.plusDays(1)) {
      for (Venue v : Venue.values()) {
        VenueDay day = cal.hours(v, d).orElse(null);
        if (day == null) {
          continue;
        }
        List<VenueSession> s = day.sessions();
        for (int i = 0; i < s.size(); i++) {
          for (int j = i + 1; j < s.size(); j++) {
            boolean overlap = s.get(i).start().isBefore(s.get(j).end()) && s.get(j).start().isBefore(s.get(i).end());
            assertFalse(overlap && s.get(i).phase() == s.get(j).phase(), v + " " + d + " " + s);
          }
        }
      }
    }
  }
}
