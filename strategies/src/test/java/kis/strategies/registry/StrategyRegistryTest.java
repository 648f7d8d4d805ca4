package kis.strategies.registry;

import kis.strategies.StrategyConfigException;
import kis.strategies.Intent;
import kis.strategies.StrategyContext;
import kis.strategies.StrategyParams;
import kis.strategies.Strategy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Set;
import kis.journal.Symbol;
import kis.strategies.builtin.PairSpread;
import kis.strategies.builtin.VolumeTrigger;
import kis.strategies.event.StrategyEvent;
import org.junit.jupiter.api.Test;

class StrategyRegistryTest {

  /** A user strategy, found by class name. */
  public static final class Custom implements Strategy {
    final long size;

    Custom(long size) {
      this.size = size;
    }

    public static Custom fromConfig(Config c) {
      StrategyParams p = StrategyParams.of("custom", "strategy.params", c);
      long size = p.longIn("size", 1L, 1, 100);
      p.validate();
      return new Custom(size);
    }

    @Override
    public Set<Symbol> symbols() {
      return Set.of();
    }

    @Override
    public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
      return List.of();
    }
  }

  private static Strategy create(String hocon) {
    return StrategyRegistry.create(ConfigFactory.parseString(hocon));
  }

  @Test
  void createsBuiltInsByName() {
    assertEquals(List.of("foreign-follower", "pair-spread", "volatility-band", "volume-trigger"),
        StrategyRegistry.builtInNames());
    assertInstanceOf(VolumeTrigger.class,
        create("type = volume-trigger, params { symbol = \"005930\", quantity = 1 }"));
    Strategy pair = create("type = pair-spread, params { notional = 1000000 }");
    assertInstanceOf(PairSpread.class, pair);
    assertEquals(Set.of(Symbol.of("005930"), Symbol.of("005935")), pair.symbols());
  }

  @Test
  void createsUserStrategiesByClassName() {
    Strategy s = create("type = \"" + Custom.class.getName() + "\", params { size = 3 }");
    assertEquals(3, ((Custom) s).size);
  }

  @Test
  void listsEveryProblemWithItsPath() {
    StrategyConfigException e = assertThrows(StrategyConfigException.class, () -> create(
        "type = volume-trigger, params { symbol = \"5930\", quantity = -1, volume-ratio = lots, quantiy = 3 }"));
    List<String> p = e.problems();
    assertEquals(4, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("strategy.params.symbol: not a KRX short code"), p.get(0));
    assertTrue(p.get(1).startsWith("strategy.params.quantity: must be between 1 and"), p.get(1));
    assertTrue(p.get(2).startsWith("strategy.params.volume-ratio: must be a number, got 'lots'"), p.get(2));
    assertTrue(p.get(3).startsWith("strategy.params.quantiy: unknown parameter"), p.get(3));
    assertTrue(e.getMessage().contains("volume-trigger"));
  }

  @Test
  void reportsMissingRequiredParameters() {
    StrategyConfigException e = assertThrows(StrategyConfigException.class,
        () -> create("type = foreign-follower, params { symbol = \"005930\" }"));
    assertEquals(List.of("strategy.params.quantity: is required", "strategy.params.entry-net-buy: is required"),
        e.problems());
  }

  @Test
  void checksRulesAcrossParameters() {
    StrategyConfigException e = assertThrows(StrategyConfigException.class,
        () -> create("type = pair-spread, params { notional = 1000, entry-z = 1, exit-z = 1.5, preferred = \"005930\" }"));
    assertEquals(2, e.problems().size(), e.problems().toString());
  }

  @Test
  void rejectsAnUnknownTypeNamingTheBuiltIns() {
    StrategyConfigException e = assertThrows(StrategyConfigException.class, () -> create("type = momentum"));
    assertTrue(e.getMessage().contains("volume-trigger"), e.getMessage());
    assertThrows(StrategyConfigException.class, () -> create("type = java.lang.String"));
    assertThrows(StrategyConfigException.class, () -> create("params { }"));
  }
}
