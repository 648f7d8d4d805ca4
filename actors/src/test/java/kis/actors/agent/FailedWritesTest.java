package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How an agent's failed writes read beside its row, and that a cause never shows a credential. */
class FailedWritesTest {

  @Test
  void aHistoryReadsAsItsCountTheLastCauseAndWhenInSeoulTime() {
    FailedWrites.History h = new FailedWrites.History(2, 1, 3, "IOException: No space left on device",
        Instant.parse("2026-12-07T01:02:03Z"));
    assertEquals("journal writes failed 2 times since the engine started, the last at 2026-12-07 10:02:03 KST"
        + " (IOException: No space left on device)", h.describe());
  }

  @Test
  void theFailureThatParkedTheAgentSaysSo() {
    FailedWrites.History h = new FailedWrites.History(3, 3, 3, "the journal rejected the event",
        Instant.parse("2026-12-07T01:02:03Z"));
    assertEquals("journal writes failed 3 times since the engine started, the last at 2026-12-07 10:02:03 KST"
        + " (the journal rejected the event), 3 in a row, which parked it", h.describe());
  }

  @Test
  void credentialsInACauseAreMasked() {
    String cause = "PSQLException: jdbc:postgresql://kis:pw1@db:5432/kis?user=kis&password=pw2 refused;"
        + " appsecret=pw3 appkey: pw4 token=pw5 Authorization: Bearer pw6";
    String shown = FailedWrites.masked(cause);
    for (String secret : new String[] {"pw1", "pw2", "pw3", "pw4", "pw5", "pw6"}) {
      assertFalse(shown.contains(secret), secret + " in " + shown);
    }
    assertEquals("PSQLException: jdbc:postgresql://***@db:5432/kis?user=kis&password=*** refused;"
        + " appsecret=*** appkey: *** token=*** Authorization: ***", shown);
  }

  @Test
  void aCauseWithoutCredentialsIsShownAsItIs() {
    assertEquals("IOException: No space left on device", FailedWrites.masked("IOException: No space left on device"));
  }
}
