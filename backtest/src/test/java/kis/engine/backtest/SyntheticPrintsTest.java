package kis.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kis.journal.KrxTick;
import kis.journal.PriceLimits;
import kis.journal.Symbol;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.Trade;
import org.junit.jupiter.api.Test;

class SyntheticPrintsTest {
  static final Symbol A = Symbol.of("005930");
  static final Symbol B = Symbol.of("000660");

  static SyntheticPrints.Spec spec(long seed, Map<Symbol, Long> start) {
    return new SyntheticPrints.Spec(seed, LocalDateTime.of(2026, 11, 24, 9, 30), 500, start, 2, 30, 0.1);
  }

  static Map<Symbol, Long> start(Symbol first, long p1, Symbol second, long p2) {
    Map<Symbol, Long> m = new LinkedHashMap<>();
    m.put(first, p1);
    m.put(second, p2);
    return m;
  }

  @Test
  void theSameSpecGivesTheSamePrintsWhateverTheOrderOfItsSymbols() {
    List<MarketEvent> one = SyntheticPrints.generate(spec(5, start(A, 71_000, B, 128_500))).events();
    List<MarketEvent> two = SyntheticPrints.generate(spec(5, start(B, 128_500, A, 71_000))).events();
    assertEquals(one, two);
    assertEquals(500, one.size());
    assertNotEquals(one, SyntheticPrints.generate(spec(6, start(A, 71_000, B, 128_500))).events());
  }

  @Test
  void printsAreOnTheGridInsideTheLimitsOneASecondAndMoveAtMostTheStep() {
    Map<Symbol, Long> last = new LinkedHashMap<>(start(A, 71_000, B, 128_500));
    List<MarketEvent> events = SyntheticPrints.generate(spec(9, start(A, 71_000, B, 128_500))).events();
    for (int i = 0; i < events.size(); i++) {
      Trade t = (Trade) events.get(i);
      assertTrue(KrxTick.isOnGrid(t.price()), t.toString());
      assertTrue(PriceLimits.forBase(t.symbol().equals(A) ? 71_000 : 128_500).contains(t.price()), t.toString());
      assertTrue(t.quantity() >= 1 && t.quantity() <= 30, t.toString());
      assertEquals(events.get(0).time().plusSeconds(i), t.time());
      long prev = last.put(t.symbol(), t.price());
      long tick = KrxTick.tickSize(Math.min(prev, t.price()));
      // the random step plus the pull back: at most 2 + 10 % of the distance travelled
      assertTrue(Math.abs(t.price() - prev) <= tick * 6, prev + " -> " + t);
    }
  }
}
