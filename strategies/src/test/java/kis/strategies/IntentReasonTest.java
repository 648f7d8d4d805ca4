package kis.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.concurrent.atomic.AtomicInteger;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import org.junit.jupiter.api.Test;

class IntentReasonTest {
  private static final OrderSpec BUY = OrderSpec.market(Symbol.of("005930"), Side.BUY, 1);

  @Test
  void aLaterReasonIsBuiltOnceWhenFirstRead() {
    AtomicInteger built = new AtomicInteger();
    Intent.Place p = new Intent.Place(BUY, Intent.Reason.later(() -> "close " + built.incrementAndGet()));

    assertEquals(0, built.get());
    assertEquals("close 1", p.reason());
    assertEquals("close 1", p.reason());
    assertEquals(1, built.get());
  }

  @Test
  void placementsAreEqualWhenTheirReasonsReadTheSame() {
    Intent.Place known = new Intent.Place(BUY, "below band");
    Intent.Place later = new Intent.Place(BUY, Intent.Reason.later(() -> "below band"));

    assertEquals(known, later);
    assertEquals(known.hashCode(), later.hashCode());
    assertNotEquals(known, new Intent.Place(BUY, "above band"));
    assertEquals("", new Intent.Place(BUY, (String) null).reason());
    assertEquals(known.reason(), known.on(kis.journal.Venue.NXT).reason());
  }
}
