package kis.actors.agent;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;

/** Configuration of an ActorSystem on the real LevelDB journal and local snapshot store under a dir. */
final class LevelDbTestSystem {
  private LevelDbTestSystem() {}

  static Config config(Path dataDir) {
    String d = dataDir.toAbsolutePath().toString().replace("\\", "/");
    return ConfigFactory.parseString(String.join("\n",
            "pekko.persistence.journal.plugin = \"pekko.persistence.journal.leveldb\"",
            "pekko.persistence.journal.leveldb.dir = \"" + d + "/journal\"",
            "pekko.persistence.journal.leveldb.native = on",
            "pekko.persistence.journal.leveldb.fsync = on",
            "pekko.persistence.snapshot-store.plugin = \"pekko.persistence.snapshot-store.local\"",
            "pekko.persistence.snapshot-store.local.dir = \"" + d + "/snapshots\"",
            "pekko.loglevel = WARNING",
            "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off"))
        .withFallback(ConfigFactory.load());
  }
}
