package kis.actors.supervisor;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The per-stream staleness watchdog's settings ({@code kis-trader.supervisor.stream-watchdog}).
 * Each subscribed stream (symbol and TR) learns its own gap between data frames while its venue
 * trades continuously: the {@code percentile} of its last {@code window} gaps, held between
 * {@code floor} and the connection's no-frame limit ({@code stale-without-frames}, the ceiling). The
 * stream is stale once its silence passes {@code multiple} times that gap; a stream is judged only
 * after {@code minGaps} gaps have been learned.
 *
 * @param enabled off: only the connection-wide limits of {@link StalenessWatchdog} apply
 * @param floor the smallest expected gap: a liquid symbol's 10 ms gaps never make 50 ms of silence stale
 * @param percentile which high percentile of the recent gaps is the expected gap, in (0, 1]
 * @param multiple how far past the expected gap the silence must be, at least 1
 * @param window how many recent gaps are kept per stream
 * @param minGaps gaps learned before a stream is judged at all
 */
public record AdaptiveStaleness(boolean enabled, Duration floor, double percentile, double multiple, int window,
    int minGaps) {

  /** On: p99 of the last 200 gaps, at least 2 s, stale at twice that, judged after 10 gaps. */
  public static final AdaptiveStaleness DEFAULTS = new AdaptiveStaleness(true, Duration.ofSeconds(2), 0.99, 2.0,
      200, 10);

  public static final AdaptiveStaleness OFF = new AdaptiveStaleness(false, DEFAULTS.floor(), DEFAULTS.percentile(),
      DEFAULTS.multiple(), DEFAULTS.window(), DEFAULTS.minGaps());

  public AdaptiveStaleness {
    if (floor == null || floor.isNegative() || floor.isZero()) {
      throw new IllegalArgumentException("stream-watchdog.floor must be positive");
    }
    if (!(percentile > 0 && percentile <= 1)) {
      throw new IllegalArgumentException("stream-watchdog.percentile must be in (0, 1], not " + percentile);
    }
    if (!(multiple >= 1)) {
      throw new IllegalArgumentException("stream-watchdog.multiple must be at least 1, not " + multiple);
    }
    if (window < 1 || minGaps < 1 || minGaps > window) {
      throw new IllegalArgumentException("stream-watchdog needs 1 <= min-gaps <= window, not " + minGaps + " and "
          + window);
    }
  }

  /** {@code <at>stream-watchdog { enabled, floor, percentile, multiple, window, min-gaps }}, each optional. */
  static AdaptiveStaleness fromConfig(Config c, String at) {
    String p = at + "stream-watchdog.";
    AdaptiveStaleness d = DEFAULTS;
    return new AdaptiveStaleness(
        c.hasPath(p + "enabled") ? c.getBoolean(p + "enabled") : d.enabled(),
        c.hasPath(p + "floor") ? c.getDuration(p + "floor") : d.floor(),
        c.hasPath(p + "percentile") ? c.getDouble(p + "percentile") : d.percentile(),
        c.hasPath(p + "multiple") ? c.getDouble(p + "multiple") : d.multiple(),
        c.hasPath(p + "window") ? c.getInt(p + "window") : d.window(),
        c.hasPath(p + "min-gaps") ? c.getInt(p + "min-gaps") : d.minGaps());
  }
}
