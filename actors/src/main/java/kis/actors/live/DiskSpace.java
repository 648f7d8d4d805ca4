package kis.actors.live;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data dir's free space against a margin, with hysteresis. Below {@code min-free} the engine
 * stops placing new orders (cancels still go out) until {@code resume-free} is available again.
 * The margin is what keeps the engine away from a full disk: LevelDB (leveldbjni) writes through
 * native code, and a write that finds no room ends in an I/O error at best and a SIGBUS that kills
 * the JVM at worst, so the engine must stop adding orders (and with them journal writes) long
 * before. Journal writes of what is already on its way (replies, fills, cancels) go on: they are
 * small, and the books must record them.
 *
 * <p>{@link #check} is called on a schedule (every {@code check-every}); the free-space reader and
 * the clock are injected so the behaviour is tested without filling a disk. Thread-safe.
 */
public final class DiskSpace {
  private static final Logger LOG = LoggerFactory.getLogger(DiskSpace.class);

  /**
   * {@code kis-trader.disk}.
   *
   * @param minFreeBytes below this many usable bytes, no new orders
   * @param resumeFreeBytes at least this many usable bytes again to resume (≥ {@code minFreeBytes})
   * @param checkEvery how often the free space is read
   */
  public record Settings(long minFreeBytes, long resumeFreeBytes, Duration checkEvery) {
    public static final long DEFAULT_MIN_FREE = 256L << 20;

    public Settings {
      if (minFreeBytes < 0 || resumeFreeBytes < minFreeBytes) {
        throw new IllegalArgumentException("kis-trader.disk: need 0 <= min-free <= resume-free, got " + minFreeBytes
            + " and " + resumeFreeBytes);
      }
      if (checkEvery.isNegative() || checkEvery.isZero()) {
        throw new IllegalArgumentException("kis-trader.disk.check-every must be positive");
      }
    }

    /** The defaults: 256 MiB, resume at 512 MiB, every 5 s. */
    public static Settings defaults() {
      return new Settings(DEFAULT_MIN_FREE, 2 * DEFAULT_MIN_FREE, Duration.ofSeconds(5));
    }

    /** From {@code kis-trader.disk}; absent keys take the defaults ({@code resume-free}: twice {@code min-free}). */
    public static Settings fromConfig(Config root) {
      String p = "kis-trader.disk";
      Config c = root.hasPath(p) ? root.getConfig(p) : com.typesafe.config.ConfigFactory.empty();
      long min = c.hasPath("min-free") ? c.getBytes("min-free") : DEFAULT_MIN_FREE;
      long resume = c.hasPath("resume-free") ? c.getBytes("resume-free") : 2 * min;
      Duration every = c.hasPath("check-every") ? c.getDuration("check-every") : Duration.ofSeconds(5);
      return new Settings(min, resume, every);
    }
  }

  /**
   * What the last look found.
   *
   * @param low new orders are stopped
   * @param freeBytes usable bytes at the last look ({@code -1} before the first, or when unreadable)
   * @param since when {@code low} last changed (null before the first look)
   * @param detail why, in words; empty while there is room
   */
  public record State(boolean low, long freeBytes, Instant since, String detail) {
    public static State unknown() {
      return new State(false, -1, null, "");
    }
  }

  private final LongSupplier usable;
  private final Settings settings;
  private final Path dir;
  private final Clock clock;
  private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
  private volatile State state = State.unknown();

  /**
   * @param usable the usable bytes of the file system holding {@code dir}; may throw
   *     {@link UncheckedIOException}
   * @param dir named in messages only
   */
  public DiskSpace(LongSupplier usable, Settings settings, Path dir, Clock clock) {
    this.usable = usable;
    this.settings = settings;
    this.dir = dir;
    this.clock = clock;
  }

  /** Reads {@code FileStore.getUsableSpace()} of the file system that holds {@code dir} (or its nearest existing parent). */
  public static LongSupplier usableSpaceOf(Path dir) {
    return () -> {
      Path p = dir.toAbsolutePath();
      while (p != null && !Files.exists(p)) {
        p = p.getParent();
      }
      try {
        return Files.getFileStore(p == null ? dir.toAbsolutePath().getRoot() : p).getUsableSpace();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /** Hears every change of {@link State#low()} (on the checking thread); must be quick. */
  public void onChange(Consumer<State> listener) {
    listeners.add(listener);
  }

  public Settings settings() {
    return settings;
  }

  public State state() {
    return state;
  }

  /** Reads the free space and moves between room and low; returns the new state. */
  public synchronized State check() {
    long free;
    try {
      free = usable.getAsLong();
    } catch (RuntimeException e) {
      // Unreadable is no reason to stop trading by itself; the journal's own errors park agents.
      LOG.warn("cannot read the free space of {}: {}", dir, e.toString());
      return state;
    }
    State before = state;
    Instant now = clock.instant();
    boolean low = before.low() ? free < settings.resumeFreeBytes() : free < settings.minFreeBytes();
    String detail = low ? "disk almost full: " + mib(free) + " free in " + dir + ", below the margin of "
        + mib(settings.minFreeBytes()) + " (kis-trader.disk.min-free); no new orders until "
        + mib(settings.resumeFreeBytes()) + " are free, cancels still go out" : "";
    boolean changed = low != before.low() || before.since() == null;
    state = new State(low, free, changed ? now : before.since(), detail);
    if (low != before.low()) {
      if (low) {
        LOG.error("{}", detail);
      } else {
        LOG.warn("disk space back: {} free in {}; new orders resume", mib(free), dir);
      }
      for (Consumer<State> l : listeners) {
        try {
          l.accept(state);
        } catch (RuntimeException e) {
          LOG.warn("disk space listener failed: {}", e.toString());
        }
      }
    }
    return state;
  }

  static String mib(long bytes) {
    return (bytes >> 20) + " MiB";
  }
}
