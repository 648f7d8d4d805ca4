package kis.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import kis.journal.KrxTick;
import kis.journal.PriceLimits;
import kis.journal.Symbol;
import kis.strategies.event.Bar;
import kis.strategies.event.InvestorFlow;
import kis.strategies.event.MarketEvent;
import org.junit.jupiter.api.Test;

class SyntheticMarketTest {

  @Test
  void theSameSeedGivesTheSameMarketAndAnotherSeedAnother() {
    MarketData a = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(3, 3));
    MarketData b = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(3, 3));
    MarketData c = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(4, 3));
    assertEquals(a.events(), b.events());
    assertNotEquals(a.events(), c.events());
  }

  @Test
  void barsCoverTheRegularSessionOfWeekdaysOnTheGridInsideTheLimits() {
    MarketData md = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(5, 6));
    assertEquals(6, md.tradingDates().size());
    assertTrue(md.tradingDates().stream().noneMatch(d -> d.getDayOfWeek() == DayOfWeek.SATURDAY
        || d.getDayOfWeek() == DayOfWeek.SUNDAY));
    Map<Symbol, Long> prevClose = new HashMap<>();
    Map<Symbol, Long> dayClose = new HashMap<>();
    LocalDate day = null;
    int bars = 0;
    int flows = 0;
    for (MarketEvent e : md.events()) {
      if (e instanceof InvestorFlow) {
        flows++;
        continue;
      }
      Bar b = (Bar) e;
      bars++;
      LocalDate d = b.time().atZone(kis.strategies.StrategyContext.KST).toLocalDate();
      if (!d.equals(day)) {
        prevClose.putAll(dayClose);
        day = d;
      }
      for (long p : new long[] {b.open(), b.high(), b.low(), b.close()}) {
        assertTrue(KrxTick.isOnGrid(p), "off grid: " + b);
        Long base = prevClose.get(b.symbol());
        assertTrue(base == null || PriceLimits.forBase(base).contains(p), "outside limits: " + b);
      }
      dayClose.put(b.symbol(), b.close());
    }
    assertEquals(6 * SyntheticMarket.BARS_PER_DAY * 2, bars);
    assertEquals(6 * 2, flows);
  }
}
