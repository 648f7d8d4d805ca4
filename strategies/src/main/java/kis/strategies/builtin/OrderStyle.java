package kis.strategies.builtin;

import java.util.Set;
import kis.journal.KrxTick;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;

/**
 * How the built-in strategies send orders: at market, or as a limit at the last price (rounded
 * onto the KRX grid towards the passive side, so a limit never pays more than the price seen).
 */
enum OrderStyle {
  MARKET,
  LIMIT;

  static final Set<String> NAMES = Set.of("market", "limit");

  static OrderStyle of(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }

  OrderSpec spec(Symbol symbol, Side side, long quantity, long lastPrice) {
    if (this == MARKET) {
      return OrderSpec.market(symbol, side, quantity);
    }
    long price = side == Side.BUY ? KrxTick.roundDown(lastPrice) : KrxTick.roundUp(lastPrice);
    return OrderSpec.limit(symbol, side, quantity, price);
  }
}
