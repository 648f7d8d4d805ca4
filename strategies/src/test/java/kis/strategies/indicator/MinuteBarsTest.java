package kis.strategies.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import kis.journal.Symbol;
import kis.strategies.event.Bar;
import kis.strategies.event.Trade;
import org.junit.jupiter.api.Test;

class MinuteBarsTest {
  private static final Symbol S = Symbol.of("005930");
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z"); // 09:00 KST

  private static Trade trade(long seconds, long price, long qty) {
    return new Trade(S, T0.plusSeconds(seconds), price, qty, 0);
  }

  @Test
  void aTradeOfTheNextMinuteCompletesTheBar() {
    MinuteBars b = new MinuteBars(S);
    assertEquals(Optional.empty(), b.add(trade(1, 100, 5)));
    assertEquals(Optional.empty(), b.add(trade(20, 103, 1)));
    assertEquals(Optional.empty(), b.add(trade(59, 99, 2)));
    Optional<Bar> bar = b.add(trade(61, 101, 7));
    assertEquals(Optional.of(new Bar(S, T0.plusSeconds(60), Bar.MINUTE, 100, 103, 99, 99, 8)), bar);
    assertEquals(Optional.empty(), b.flush(T0.plusSeconds(119)));
    Bar next = b.flush(T0.plusSeconds(120)).orElseThrow();
    assertEquals(101, next.open());
    assertEquals(7, next.volume());
    assertTrue(b.flush(T0.plusSeconds(500)).isEmpty());
  }

  @Test
  void minutesWithoutTradesMakeNoBar() {
    MinuteBars b = new MinuteBars(S);
    b.add(trade(0, 100, 1));
    Bar bar = b.add(trade(600, 100, 1)).orElseThrow();
    assertEquals(T0.plusSeconds(60), bar.time());
  }

  @Test
  void refusesAnotherSymbolsTrades() {
    assertThrows(IllegalArgumentException.class,
        () -> new MinuteBars(S).add(new Trade(Symbol.of("005935"), T0, 1, 1, 0)));
  }
}
