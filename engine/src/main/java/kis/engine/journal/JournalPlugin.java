package kis.engine.journal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;

/**
 * Which journal class writes the single node's LevelDB: {@code kis-trader.journal.group-commit}
 * {@code on} (the default) replaces the engine's {@link MarkedLeveldbJournal} (one fsync per write
 * request) in {@code pekko.persistence.journal.leveldb.class} with {@link GroupCommitLeveldbJournal}
 * (one fsync for every write that queued behind the previous one); {@code off} leaves it. Both
 * keep the same data dir format and the same high-water marks. A class the configuration names
 * that is not the engine's writer (Pekko's own LevelDB journal, say) is chosen on purpose and kept.
 */
public final class JournalPlugin {
  public static final String KEY = "kis-trader.journal.group-commit";
  static final String CLASS_KEY = "pekko.persistence.journal.leveldb.class";

  private JournalPlugin() {}

  /** {@code c} with the journal class {@link #KEY} chooses. */
  public static Config configure(Config c) {
    boolean replaceable = !c.hasPath(CLASS_KEY) || MarkedLeveldbJournal.class.getName().equals(c.getString(CLASS_KEY));
    if (c.hasPath(KEY) && c.getBoolean(KEY) && replaceable) {
      return c.withValue(CLASS_KEY, ConfigValueFactory.fromAnyRef(GroupCommitLeveldbJournal.class.getName()));
    }
    return c;
  }

  /** Whether {@code className} is one of the engine's own LevelDB journals (marks, start check). */
  public static boolean isEngineJournal(String className) {
    return MarkedLeveldbJournal.class.getName().equals(className)
        || GroupCommitLeveldbJournal.class.getName().equals(className);
  }
}
