package kis.sim;

import java.util.Map;
import java.util.TreeMap;
import kis.journal.Symbol;

/** Cash and holdings of the one simulated account. Mutable, guarded by the {@link Exchange} lock. */
final class Account {
  static final class Holding {
    long qty;
    /** Purchase cost of the shares held (for the average price). */
    long purchaseAmount;
    long todayBuyQty;
    long todaySellQty;
    long prevDayBuyQty;
    long prevDaySellQty;
  }

  long cash;
  long todayBuyAmount;
  long todaySellAmount;
  long todayCosts;
  long prevDayBuyAmount;
  long prevDaySellAmount;
  long prevDayCosts;
  final Map<Symbol, Holding> holdings = new TreeMap<>();

  Account(long cash) {
    this.cash = cash;
  }

  Holding holding(Symbol s) {
    return holdings.computeIfAbsent(s, k -> new Holding());
  }

  long qty(Symbol s) {
    Holding h = holdings.get(s);
    return h == null ? 0 : h.qty;
  }

  void applyBuy(Symbol s, long qty, long value, long costs) {
    Holding h = holding(s);
    h.qty += qty;
    h.purchaseAmount += value;
    h.todayBuyQty += qty;
    cash -= value + costs;
    todayBuyAmount += value;
    todayCosts += costs;
  }

  void applySell(Symbol s, long qty, long value, long costs) {
    Holding h = holding(s);
    long costOut = h.qty == 0 ? 0 : Math.round((double) h.purchaseAmount * qty / h.qty);
    h.purchaseAmount -= costOut;
    h.qty -= qty;
    h.todaySellQty += qty;
    cash += value - costs;
    todaySellAmount += value;
    todayCosts += costs;
  }

  /** Day roll: today's figures become yesterday's; sold-out rows drop off. */
  void rollDay() {
    prevDayBuyAmount = todayBuyAmount;
    prevDaySellAmount = todaySellAmount;
    prevDayCosts = todayCosts;
    todayBuyAmount = 0;
    todaySellAmount = 0;
    todayCosts = 0;
    holdings.values().removeIf(h -> h.qty == 0 && h.todayBuyQty == 0 && h.todaySellQty == 0);
    for (Holding h : holdings.values()) {
      h.prevDayBuyQty = h.todayBuyQty;
      h.prevDaySellQty = h.todaySellQty;
      h.todayBuyQty = 0;
      h.todaySellQty = 0;
    }
  }
}
