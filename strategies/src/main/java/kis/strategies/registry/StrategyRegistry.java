package kis.strategies.registry;

import kis.strategies.StrategyFactory;
import kis.strategies.StrategyConfigException;
import kis.strategies.Strategy;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kis.strategies.builtin.ForeignFollower;
import kis.strategies.builtin.PairSpread;
import kis.strategies.builtin.VolatilityBand;
import kis.strategies.builtin.VolumeTrigger;

/**
 * Creates strategies from configuration:
 *
 * <pre>
 * strategy {
 *   type = volume-trigger            # a built-in name, or a class name such as com.example.MyStrategy
 *   params { symbol = "005930", quantity = 10 }
 * }
 * </pre>
 *
 * A user class named by {@code type} must implement {@link Strategy} and have a
 * {@code public static <T> fromConfig(com.typesafe.config.Config params)} method.
 */
public final class StrategyRegistry {
  private static final Map<String, StrategyFactory> BUILT_IN = new TreeMap<>(Map.of(
      VolumeTrigger.NAME, VolumeTrigger::fromConfig,
      VolatilityBand.NAME, VolatilityBand::fromConfig,
      ForeignFollower.NAME, ForeignFollower::fromConfig,
      PairSpread.NAME, PairSpread::fromConfig));

  private StrategyRegistry() {}

  /** The names of the built-in strategies. */
  public static List<String> builtInNames() {
    return List.copyOf(BUILT_IN.keySet());
  }

  /** A strategy from a block with {@code type} and optional {@code params}. */
  public static Strategy create(Config strategyBlock) {
    if (!strategyBlock.hasPath("type")) {
      throw new StrategyConfigException("?", List.of(
          "type: is required (one of " + BUILT_IN.keySet() + " or a class name)"));
    }
    String type = strategyBlock.getString("type");
    Config params = strategyBlock.hasPath("params") ? strategyBlock.getConfig("params") : ConfigFactory.empty();
    return create(type, params);
  }

  /** A strategy by built-in name or class name. */
  public static Strategy create(String type, Config params) {
    StrategyFactory f = BUILT_IN.get(type);
    if (f == null) {
      f = reflective(type);
    }
    return f.create(params);
  }

  private static StrategyFactory reflective(String className) {
    Class<?> c;
    try {
      c = Class.forName(className);
    } catch (ClassNotFoundException e) {
      throw new StrategyConfigException(className, List.of(
          "type: '" + className + "' is neither a built-in strategy " + BUILT_IN.keySet()
              + " nor a class on the class path"));
    }
    if (!Strategy.class.isAssignableFrom(c)) {
      throw new StrategyConfigException(className, List.of("type: " + className + " does not implement " + Strategy.class.getName()));
    }
    Method m;
    try {
      m = c.getMethod("fromConfig", Config.class);
    } catch (NoSuchMethodException e) {
      throw new StrategyConfigException(className, List.of(
          "type: " + className + " needs a public static fromConfig(com.typesafe.config.Config) method"));
    }
    if (!Modifier.isStatic(m.getModifiers()) || !Strategy.class.isAssignableFrom(m.getReturnType())) {
      throw new StrategyConfigException(className, List.of(
          "type: " + className + ".fromConfig must be static and return a Strategy"));
    }
    return params -> {
      try {
        return (Strategy) m.invoke(null, params);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(className + ".fromConfig failed", e.getCause());
      } catch (IllegalAccessException e) {
        throw new StrategyConfigException(className, List.of("type: " + className + " is not public"));
      }
    };
  }
}
