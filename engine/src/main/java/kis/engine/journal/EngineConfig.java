package kis.engine.journal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the engine configuration: {@code -D} system properties, then command-line overrides,
 * then an optional {@code --config FILE}, then {@code application.conf} (packed from
 * {@code conf/}), then every library's {@code reference.conf}. Resolved only at the end, so a
 * data dir set in any layer moves the journal and snapshots with it. The journal's LevelDB (native
 * or Java) is then fixed from {@code kis-trader.journal.native} ({@link LevelDbBackend}), its writer
 * from {@code kis-trader.journal.group-commit} ({@link JournalPlugin}), its replay threads from
 * {@code pekko.persistence.max-concurrent-recoveries} ({@link ReplayThreads}).
 */
public final class EngineConfig {
  private EngineConfig() {}

  public static Config load(Optional<Path> file, Optional<Path> dataDir) {
    Config c = ConfigFactory.parseResourcesAnySyntax("application");
    if (file.isPresent()) {
      c = ConfigFactory.parseFile(file.get().toFile(), ConfigParseOptions.defaults().setAllowMissing(false)).withFallback(c);
    }
    if (dataDir.isPresent()) {
      c = ConfigFactory.empty()
          .withValue("kis-trader.data-dir", ConfigValueFactory.fromAnyRef(dataDir.get().toString()))
          .withFallback(c);
    }
    return ReplayThreads.configure(JournalPlugin.configure(LevelDbBackend.configure(
        ConfigFactory.systemProperties().withFallback(c).withFallback(ConfigFactory.defaultReference()).resolve())));
  }

  public static Path dataDir(Config c) {
    return Path.of(c.getString("kis-trader.data-dir"));
  }

  public static Path journalDir(Config c) {
    return Path.of(c.getString("pekko.persistence.journal.leveldb.dir"));
  }
}
