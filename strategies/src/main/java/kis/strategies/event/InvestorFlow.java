package kis.strategies.event;

import java.time.Instant;
import java.time.LocalDate;
import kis.journal.Symbol;

/**
 * Net buying by investor type over one trading day (KIS {@code inquire-investor}:
 * {@code frgn_ntby_qty}, {@code orgn_ntby_qty}, {@code prsn_ntby_qty}), in shares; negative is
 * net selling. Delivered when it becomes known, which is after that day's close.
 */
public record InvestorFlow(
    Symbol symbol,
    Instant time,
    LocalDate tradingDate,
    long foreignNetBuy,
    long institutionNetBuy,
    long individualNetBuy)
    implements MarketEvent {
  public InvestorFlow {
    if (symbol == null || time == null || tradingDate == null) {
      throw new IllegalArgumentException("symbol, time and trading date are required");
    }
  }
}
