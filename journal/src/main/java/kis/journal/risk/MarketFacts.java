package kis.journal.risk;

import java.util.Map;
import java.util.Optional;
import kis.journal.Symbol;

/** Last prices and price bands of the symbols an agent trades or holds. */
public record MarketFacts(Map<Symbol, SymbolFacts> bySymbol) {
  public MarketFacts {
    bySymbol = Map.copyOf(bySymbol);
  }

  public static MarketFacts of(Map<Symbol, SymbolFacts> bySymbol) {
    return new MarketFacts(bySymbol);
  }

  public Optional<SymbolFacts> get(Symbol symbol) {
    return Optional.ofNullable(bySymbol.get(symbol));
  }

  /** The current mark of {@code symbol}: last price, else {@code fallback}. */
  public long markOr(Symbol symbol, long fallback) {
    SymbolFacts f = bySymbol.get(symbol);
    return f == null ? fallback : f.lastPrice();
  }

  /** The day-start mark of {@code symbol}: the base price (previous close), else {@code fallback}. */
  public long baseOr(Symbol symbol, long fallback) {
    SymbolFacts f = bySymbol.get(symbol);
    return f == null ? fallback : f.basePrice();
  }
}
