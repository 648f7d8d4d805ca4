package kis.connector.record;

import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * {@code kis-trader.recording}: whether {@code run} records the market-data frames it receives,
 * how many days of recordings it keeps, and how many frames may wait for the writer before new ones
 * are dropped (counted) rather than hold up the feed.
 *
 * @param folder where the daily files go ({@code <data-dir>/recordings})
 */
public record RecordingSettings(boolean enabled, int retentionDays, int queueCapacity, Path folder) {
  public static final int DEFAULT_RETENTION_DAYS = 30;
  public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
  /** Records nothing (tests and tools that start a desk without a data dir). */
  public static final RecordingSettings OFF = new RecordingSettings(false, 0, 1, Path.of("recordings"));

  public RecordingSettings {
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("kis-trader.recording.queue-capacity must be at least 1");
    }
  }

  /** From the engine's configuration, for the data dir {@code dataDir}; defaults for any key left out. */
  public static RecordingSettings fromConfig(Config root, Path dataDir) {
    String p = "kis-trader.recording";
    Config c = root.hasPath(p) ? root.getConfig(p) : com.typesafe.config.ConfigFactory.empty();
    return new RecordingSettings(!c.hasPath("enabled") || c.getBoolean("enabled"),
        c.hasPath("retention-days") ? c.getInt("retention-days") : DEFAULT_RETENTION_DAYS,
        c.hasPath("queue-capacity") ? c.getInt("queue-capacity") : DEFAULT_QUEUE_CAPACITY,
        RecordingFiles.folderOf(dataDir));
  }
}
