package kis.engine.config;

import ch.qos.logback.core.util.FileSize;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

/**
 * {@code kis-trader.log}: whether {@code run} writes a log file in the data dir, and how it rolls.
 *
 * @param maxHistory days of rolled files kept
 */
public record LogSettings(boolean file, int maxHistory, FileSize maxFileSize, FileSize totalSizeCap) {
  public static final String CONFIG_PATH = "kis-trader.log";

  public static LogSettings fromAppConfig(Config root) {
    Config log = root.getConfig(CONFIG_PATH);
    int maxHistory = log.getInt("max-history");
    if (maxHistory < 1) {
      throw new ConfigException.BadValue(log.origin(), "max-history", "must be at least 1 day, was " + maxHistory);
    }
    return new LogSettings(log.getBoolean("file"), maxHistory, size(log, "max-file-size"), size(log, "total-size-cap"));
  }

  private static FileSize size(Config log, String key) {
    try {
      return FileSize.valueOf(log.getString(key));
    } catch (IllegalArgumentException e) {
      throw new ConfigException.BadValue(log.origin(), key, "is not a size such as 100MB: " + log.getString(key));
    }
  }
}
