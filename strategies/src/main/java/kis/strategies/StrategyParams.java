package kis.strategies;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kis.journal.Symbol;

/**
 * Reads a strategy's parameters from HOCON and collects every problem instead of stopping at the
 * first, so a user fixes a configuration in one go. Unknown keys are problems too (a misspelt
 * {@code quantiy} must not silently fall back to a default).
 *
 * <p>Use: read every parameter, then call {@link #validate()} before using any value.
 */
public final class StrategyParams {
  private final String strategy;
  private final String path;
  private final Config config;
  private final Set<String> known = new LinkedHashSet<>();
  private final List<String> problems = new ArrayList<>();

  private StrategyParams(String strategy, String path, Config config) {
    this.strategy = strategy;
    this.path = path;
    this.config = config == null ? ConfigFactory.empty() : config;
  }

  /**
   * @param strategy the strategy's name, for messages
   * @param path where {@code config} sits in the user's file, for messages (e.g. {@code strategy.params})
   */
  public static StrategyParams of(String strategy, String path, Config config) {
    return new StrategyParams(strategy, path, config);
  }

  public Symbol symbol(String key, String defaultCode) {
    String raw = string(key, defaultCode);
    if (raw == null) {
      return null;
    }
    try {
      return Symbol.of(raw);
    } catch (IllegalArgumentException e) {
      problem(key, e.getMessage());
      return null;
    }
  }

  public Symbol symbol(String key) {
    return symbol(key, null);
  }

  /** A string, or {@code defaultValue} when absent; required when {@code defaultValue} is null. */
  public String string(String key, String defaultValue) {
    known.add(key);
    if (!config.hasPath(key)) {
      if (defaultValue == null) {
        problem(key, "is required");
      }
      return defaultValue;
    }
    try {
      return config.getString(key);
    } catch (ConfigException.WrongType e) {
      problem(key, "must be a string");
      return defaultValue;
    }
  }

  public String oneOf(String key, String defaultValue, Set<String> allowed) {
    String v = string(key, defaultValue);
    if (v != null && !allowed.contains(v)) {
      problem(key, "must be one of " + new TreeSet<>(allowed) + ", got '" + v + "'");
      return defaultValue;
    }
    return v;
  }

  /** A boolean ({@code true}/{@code false}, {@code on}/{@code off}, {@code yes}/{@code no}). */
  public boolean bool(String key, boolean defaultValue) {
    known.add(key);
    if (!config.hasPath(key)) {
      return defaultValue;
    }
    try {
      return config.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      problem(key, "must be true or false, got '" + config.getValue(key).unwrapped() + "'");
      return defaultValue;
    }
  }

  /** A whole number in {@code [min, max]}; required when {@code defaultValue} is null. */
  public long longIn(String key, Long defaultValue, long min, long max) {
    known.add(key);
    long fallback = defaultValue == null ? min : defaultValue;
    if (!config.hasPath(key)) {
      if (defaultValue == null) {
        problem(key, "is required");
      }
      return fallback;
    }
    long v;
    try {
      v = config.getLong(key);
    } catch (ConfigException.WrongType e) {
      problem(key, "must be a whole number, got '" + config.getValue(key).unwrapped() + "'");
      return fallback;
    }
    if (v < min || v > max) {
      problem(key, "must be between " + min + " and " + max + ", got " + v);
      return fallback;
    }
    return v;
  }

  public int intIn(String key, Integer defaultValue, int min, int max) {
    return (int) longIn(key, defaultValue == null ? null : (long) defaultValue, min, max);
  }

  /** A number in {@code [min, max]}; required when {@code defaultValue} is null. */
  public double doubleIn(String key, Double defaultValue, double min, double max) {
    known.add(key);
    double fallback = defaultValue == null ? min : defaultValue;
    if (!config.hasPath(key)) {
      if (defaultValue == null) {
        problem(key, "is required");
      }
      return fallback;
    }
    double v;
    try {
      v = config.getDouble(key);
    } catch (ConfigException.WrongType e) {
      problem(key, "must be a number, got '" + config.getValue(key).unwrapped() + "'");
      return fallback;
    }
    if (!(v >= min && v <= max)) {
      problem(key, "must be between " + min + " and " + max + ", got " + v);
      return fallback;
    }
    return v;
  }

  /** Record a problem that involves more than one key (e.g. exit threshold above entry). */
  public void check(boolean ok, String key, String message) {
    if (!ok) {
      problem(key, message);
    }
  }

  /** Throws {@link StrategyConfigException} listing every problem, unknown keys included. */
  public void validate() {
    List<String> all = new ArrayList<>(problems);
    for (String key : new TreeSet<>(config.root().keySet())) {
      if (!known.contains(key)) {
        all.add(qualified(key) + ": unknown parameter (known: " + String.join(", ", known) + ")");
      }
    }
    if (!all.isEmpty()) {
      throw new StrategyConfigException(strategy, all);
    }
  }

  private void problem(String key, String message) {
    problems.add(qualified(key) + ": " + message);
  }

  private String qualified(String key) {
    return path == null || path.isEmpty() ? key : path + "." + key;
  }
}
