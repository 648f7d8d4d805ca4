package kis.journal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KrxDayTest {
  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  @Test
  void isTheSeoulDateOfAnyInstantAcrossTheZonesHistoryAndMidnights() {
    Random rnd = new Random(3);
    long from = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      Instant t = Instant.ofEpochSecond(from + (long) (rnd.nextDouble() * (to - from)), rnd.nextInt(1_000_000_000));
      assertEquals(LocalDate.ofInstant(t, SEOUL), AgentState.krxDay(t), t.toString());
    }
    // Either side of Seoul's midnight (15:00 UTC), and of the zone's last offset change (1988).
    for (String s : new String[] {"2026-03-03T14:59:59.999999999Z", "2026-03-03T15:00:00Z", "1988-10-09T05:59:59Z",
        "1988-10-09T06:00:00Z", "1988-10-09T06:00:01Z", "1987-05-10T00:00:00Z"}) {
      Instant t = Instant.parse(s);
      assertEquals(LocalDate.ofInstant(t, SEOUL), AgentState.krxDay(t), s);
    }
  }
}
