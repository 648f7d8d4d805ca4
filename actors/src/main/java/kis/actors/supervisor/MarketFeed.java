package kis.actors.supervisor;

import kis.journal.PrintSource;
import kis.journal.Symbol;

/**
 * One realtime market-data registration at KIS: {@code symbol}'s prints (or book) on
 * {@code source}'s feed. KIS counts each against its per-session limit, whichever TR it is.
 */
public record MarketFeed(PrintSource source, Symbol symbol) {
  public MarketFeed {
    if (source == null || symbol == null) {
      throw new IllegalArgumentException("a market feed needs a source and a symbol");
    }
  }

  @Override
  public String toString() {
    return symbol.code() + "@" + source;
  }
}
