package kis.engine.journal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueFactory;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iq80.leveldb.DBFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which LevelDB the journal runs on: the native one through leveldbjni (the default, fastest) or
 * the pure-Java port {@code org.iq80.leveldb}, which Pekko's LevelDB journal supports with
 * {@code pekko.persistence.journal.leveldb.native = off}. leveldbjni 1.8 ships x86 libraries only,
 * so on arm64 (Apple Silicon, Graviton, a Raspberry Pi) only the Java one runs. Both use LevelDB's
 * on-disk format (Snappy-compressed tables read through {@code org.iq80.snappy}): a journal the
 * native one wrote opens on the Java one (journal/README.md says which direction is proven).
 *
 * <p>{@code kis-trader.journal.native}: {@code auto} (native when its library loads here, else
 * Java), {@code on} (native or fail at start), {@code off} (always Java).
 */
public enum LevelDbBackend {
  NATIVE, JAVA;

  public static final String KEY = "kis-trader.journal.native";
  static final String PEKKO_KEY = "pekko.persistence.journal.leveldb.native";
  private static final Logger log = LoggerFactory.getLogger(LevelDbBackend.class);
  private static final AtomicBoolean logged = new AtomicBoolean();

  /** What {@link #KEY} asks for, the native library's availability decided for {@code auto}. */
  public static LevelDbBackend chosen(Config c) {
    String mode = c.hasPath(KEY) ? c.getString(KEY).trim().toLowerCase(java.util.Locale.ROOT) : "auto";
    return switch (mode) {
      case "on", "true", "yes" -> NATIVE;
      case "off", "false", "no" -> JAVA;
      case "auto" -> NativeLevelDb.unavailable().isEmpty() ? NATIVE : JAVA;
      default -> throw new ConfigException.BadValue(c.getValue(KEY).origin(), KEY,
          "must be auto, on or off, not '" + mode + "'");
    };
  }

  /** The backend Pekko's journal in {@code c} runs on. */
  public static LevelDbBackend of(Config c) {
    return !c.hasPath(PEKKO_KEY) || c.getBoolean(PEKKO_KEY) ? NATIVE : JAVA;
  }

  /**
   * {@code c} with Pekko's journal set to the {@link #chosen} backend; the first time a JVM falls
   * back to Java it says so, and why, once.
   */
  public static Config configure(Config c) {
    LevelDbBackend b = chosen(c);
    if (b == JAVA && logged.compareAndSet(false, true)) {
      String why = NativeLevelDb.unavailable().map(r -> "the native LevelDB library cannot load here (" + r + ")")
          .orElse(KEY + " = off");
      log.warn("Journal: {}; using the pure-Java LevelDB (org.iq80.leveldb), same on-disk format", why);
    }
    return c.withValue(PEKKO_KEY, ConfigValueFactory.fromAnyRef(b == NATIVE));
  }

  /** The factory Pekko's journal uses for this backend (for the probe and the tools). */
  public DBFactory factory() {
    return this == NATIVE ? NativeLevelDb.factory() : org.iq80.leveldb.impl.Iq80DBFactory.factory;
  }

  /** Whether leveldbjni's library loads on this machine, tried once per JVM. */
  static final class NativeLevelDb {
    private static final Optional<String> UNAVAILABLE = probe();

    private NativeLevelDb() {}

    static Optional<String> unavailable() {
      return UNAVAILABLE;
    }

    static DBFactory factory() {
      if (UNAVAILABLE.isPresent()) {
        throw new IllegalStateException("the native LevelDB library cannot load here (" + UNAVAILABLE.get()
            + "); set " + KEY + " = auto or off to use the pure-Java LevelDB");
      }
      return org.fusesource.leveldbjni.JniDBFactory.factory;
    }

    private static Optional<String> probe() {
      try {
        // The class's initializer loads the library (and fails for good in this JVM if it cannot).
        Class.forName("org.fusesource.leveldbjni.JniDBFactory", true, LevelDbBackend.class.getClassLoader());
        return Optional.empty();
      } catch (ClassNotFoundException | LinkageError e) {
        String os = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
        return Optional.of(os + ": " + e);
      }
    }
  }
}
