package kis.adapter.account;

import kis.journal.Symbol;

/**
 * One row of {@code inquire-balance} {@code output1}: what the account holds of a symbol.
 *
 * @param quantity {@code hldg_qty}
 * @param averagePrice {@code pchs_avg_pric}, rounded down to whole won
 */
public record Holding(Symbol symbol, long quantity, long averagePrice) {
  public Holding {
    if (symbol == null || quantity < 0 || averagePrice < 0) {
      throw new IllegalArgumentException("bad holding " + symbol + " " + quantity + " @ " + averagePrice);
    }
  }
}
