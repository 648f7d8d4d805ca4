package kis.engine.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a configuration key holds, and whether a value fits it (with Typesafe Config's own conversions). */
enum KeyKind {
  BOOLEAN,
  WHOLE_NUMBER,
  NUMBER,
  /** A non-negative duration such as {@code 5s}. */
  DURATION,
  STRING,
  LIST,
  /** A list whose elements are blocks with known keys ({@code key[]} in a schema path). */
  OBJECT_LIST,
  /** A block whose keys are known. */
  OBJECT,
  /** A block whose keys belong to someone else and are not checked here. */
  FREE_OBJECT;

  private static final Pattern DURATION_TEXT = Pattern.compile("\\s*[0-9]+(\\.[0-9]+)?\\s*[a-zA-Z]+\\s*");

  /** The kind a default value implies: {@code 5s} a duration, {@code 3} a whole number, {@code {}} a block. */
  static KeyKind of(ConfigValue dflt) {
    switch (dflt.valueType()) {
      case BOOLEAN:
        return BOOLEAN;
      case NUMBER:
        Object n = dflt.unwrapped();
        return n instanceof Integer || n instanceof Long ? WHOLE_NUMBER : NUMBER;
      case LIST:
        com.typesafe.config.ConfigList l = (com.typesafe.config.ConfigList) dflt;
        return !l.isEmpty() && l.stream().allMatch(v -> v.valueType() == ConfigValueType.OBJECT) ? OBJECT_LIST : LIST;
      case OBJECT:
        // Even an empty default block (all its keys optional substitutions, e.g. ${?PORT}) has known
        // keys; a block of free keys is declared free-object in optional-keys.conf.
        return OBJECT;
      default:
        String s = String.valueOf(dflt.unwrapped());
        return DURATION_TEXT.matcher(s).matches() && converts(dflt, DURATION) ? DURATION : STRING;
    }
  }

  /** The kind named in {@code optional-keys.conf}: {@code whole-number}, {@code duration}, ... */
  static KeyKind named(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** Why {@code v} does not fit this kind, or empty when it does. */
  Optional<String> problem(ConfigValue v) {
    ConfigValueType t = v.valueType();
    switch (this) {
      case OBJECT:
      case FREE_OBJECT:
        return t == ConfigValueType.OBJECT ? Optional.empty() : wrong("a block { ... }", v);
      case LIST:
        return t == ConfigValueType.LIST ? Optional.empty() : wrong("a list [ ... ]", v);
      case OBJECT_LIST:
        return t == ConfigValueType.LIST
            && ((com.typesafe.config.ConfigList) v).stream().allMatch(e -> e.valueType() == ConfigValueType.OBJECT)
            ? Optional.empty() : wrong("a list of blocks [ { ... } ]", v);
      case STRING:
        return t == ConfigValueType.OBJECT || t == ConfigValueType.LIST || t == ConfigValueType.NULL
            ? wrong("a string", v) : Optional.empty();
      case BOOLEAN:
        return converts(v, this) ? Optional.empty() : wrong("true or false", v);
      case NUMBER:
        return converts(v, this) ? Optional.empty() : wrong("a number", v);
      case WHOLE_NUMBER:
        if (!converts(v, NUMBER)) {
          return wrong("a whole number", v);
        }
        double d = ConfigFactory.empty().withValue("v", v).getDouble("v");
        return d == Math.rint(d) && Math.abs(d) < 9.2e18 ? Optional.empty() : wrong("a whole number", v);
      case DURATION:
        if (!converts(v, DURATION)) {
          return wrong("a duration (e.g. 500ms, 5s, 2m)", v);
        }
        Duration p = ConfigFactory.empty().withValue("v", v).getDuration("v");
        return p.isNegative() ? Optional.of("must not be negative, got " + v.unwrapped()) : Optional.empty();
      default:
        throw new AssertionError(this);
    }
  }

  private static boolean converts(ConfigValue v, KeyKind k) {
    var c = ConfigFactory.empty().withValue("v", v);
    try {
      switch (k) {
        case BOOLEAN -> c.getBoolean("v");
        case NUMBER -> c.getDouble("v");
        case DURATION -> c.getDuration("v");
        default -> throw new AssertionError(k);
      }
      return true;
    } catch (ConfigException e) {
      return false;
    }
  }

  private static Optional<String> wrong(String expected, ConfigValue v) {
    // The value itself is left out: it may be a secret in the wrong place.
    return Optional.of("must be " + expected + ", got " + describe(v.valueType()));
  }

  private static String describe(ConfigValueType t) {
    return switch (t) {
      case OBJECT -> "a block";
      case LIST -> "a list";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case STRING -> "a string";
    };
  }
}
