package kis.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import kis.engine.journal.JournalPlugin;

/**
 * The engine's own configuration ({@code conf/application.conf}, packed into the engine jar) with
 * only the data directory moved, so the benchmarks journal exactly as the engine does: the
 * engine's LevelDB journal (group commit unless {@code kis-trader.journal.group-commit = off}),
 * native JNI, fsync on, local snapshot store.
 */
final class BenchConfig {
  private BenchConfig() {}

  /** A fresh directory under {@code -Dbench.dir} (default: the JVM's temp dir, which must be a real disk). */
  static Path tempDir(String prefix) throws java.io.IOException {
    Path base = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))).toAbsolutePath();
    java.nio.file.Files.createDirectories(base);
    return java.nio.file.Files.createTempDirectory(base, prefix);
  }

  /** Journal and snapshots under {@code dataDir}; {@code extra} HOCON is layered on top. */
  static Config engine(Path dataDir, String extra) {
    String dir = dataDir.toAbsolutePath().toString().replace("\\", "/");
    Config overrides = ConfigFactory.parseString(extra + "\n"
        + "kis-trader.data-dir = \"" + dir + "\"\n"
        + "pekko.loglevel = WARNING\n"
        + "pekko.log-dead-letters = off\n");
    Config app = ConfigFactory.parseResourcesAnySyntax("application");
    if (!app.hasPath("pekko.persistence.journal.leveldb.fsync")) {
      throw new IllegalStateException("application.conf (from conf/) is not on the classpath");
    }
    // The writer the engine picks from kis-trader.journal.group-commit (EngineConfig.load does the same).
    return JournalPlugin.configure(overrides.withFallback(app).withFallback(ConfigFactory.defaultReference()).resolve());
  }
}
