package kis.engine.kis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import kis.connector.rest.OrderOutcome;
import org.junit.jupiter.api.Test;

class KisPrinterTest {

  private static String printed(OrderOutcome o) {
    StringWriter s = new StringWriter();
    new KisPrinter(new PrintWriter(s)).outcome(o);
    return s.toString();
  }

  @Test
  void anOrderThatNeverLeftSaysSoAndThatItIsSafeToSendAgain() {
    String line = printed(new OrderOutcome.NotSent(OrderOutcome.NotSent.CODE, "queued past its deadline"));
    assertTrue(line.startsWith("NOT SENT queued past its deadline"), line);
    assertTrue(line.contains("safe to send again"), line);
  }

  @Test
  void anOrderInDoubtTellsTheUserToCheckBeforeSendingAgain() {
    String line = printed(new OrderOutcome.InDoubt("no reply within 3s"));
    assertTrue(line.startsWith("IN DOUBT: no reply within 3s"), line);
  }
}
