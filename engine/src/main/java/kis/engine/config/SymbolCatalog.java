package kis.engine.config;

import com.typesafe.config.Config;
import java.util.Set;
import java.util.TreeSet;
import kis.connector.KisMode;
import kis.journal.Symbol;
import kis.sim.InstrumentSpec;
import kis.sim.SimConfig;

/**
 * The instruments the engine can trade, for refusing an agent on a symbol that does not exist. The
 * check at start is offline: against kis-sim the universe is {@code kis-sim.universe} (what the
 * embedded simulator lists; a standalone kis-sim is assumed to run the same configuration); against
 * KIS ({@code kis.mode = paper|real}) no list is known offline and every well-formed code passes
 * here; {@code run} then checks again with {@link KisSymbolCheck}, which asks KIS's
 * {@code search-stock-info} before anything starts.
 */
public interface SymbolCatalog {
  /** Whether the instrument exists. */
  boolean lists(Symbol s);

  /** Where the list comes from, for messages. */
  String describe();

  /** Every well-formed code: for when no list is known. */
  SymbolCatalog UNCHECKED = new SymbolCatalog() {
    @Override
    public boolean lists(Symbol s) {
      return true;
    }

    @Override
    public String describe() {
      return "no offline instrument list (KIS: run looks the symbols up with search-stock-info)";
    }
  };

  /** The offline catalog for this configuration. */
  static SymbolCatalog offline(Config c) {
    String mode = c.hasPath("kis.mode") ? c.getString("kis.mode") : "sim";
    if (KisMode.parse(mode) != KisMode.SIM) {
      return UNCHECKED;
    }
    Set<Symbol> universe = new TreeSet<>();
    for (InstrumentSpec i : SimConfig.fromConfig(c).universe()) {
      universe.add(i.symbol());
    }
    return of(universe, "kis-sim.universe " + universe);
  }

  static SymbolCatalog of(Set<Symbol> symbols, String description) {
    Set<Symbol> copy = Set.copyOf(symbols);
    return new SymbolCatalog() {
      @Override
      public boolean lists(Symbol s) {
        return copy.contains(s);
      }

      @Override
      public String describe() {
        return description;
      }
    };
  }
}
