package kis.actors.supervisor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kis.journal.Symbol;
import kis.journal.Venue;

/**
 * The adaptive staleness watchdog of the websocket's market-data streams: each stream (symbol and
 * TR) learns its own gap between data frames while its venue trades continuously, and is stale when
 * its silence passes {@link AdaptiveStaleness#multiple()} times that gap. PINGPONG, subscription
 * replies and notices are not data frames: a socket whose heartbeat still beats can carry a dead
 * stream. What is not judged: a stream still learning (fewer than {@code minGaps} gaps), a venue
 * outside continuous trading ({@link StreamSessions}), a symbol whose own frames say it is halted or
 * in a single-price auction (a volatility interruption), and a stream whose silence is its own
 * because another stream on the same socket delivered data within the stale stream's allowance
 * (a reconnect would not bring the silent one back).
 *
 * <p>Each stale verdict doubles that stream's allowance until its next data frame (up to the
 * ceiling times the multiple), so a symbol that is silent for a reason the watchdog cannot see
 * costs a few reconnects, not one every few seconds. Pure: the time comes from the injected clock,
 * and the supervisor acts on the verdict.
 */
public final class StreamWatch {

  /** One subscription: a symbol's trades or book on one TR, whose venue's sessions apply. */
  public record Key(Symbol symbol, String trId, Venue venue) {
    @Override
    public String toString() {
      return symbol.code() + " " + trId;
    }
  }

  /** How a stream is being judged now. */
  public enum Judged {
    /** Fewer gaps learned than the minimum: not judged yet. */
    LEARNING,
    /** Its venue does not trade continuously now: silence expected. */
    OFF_SESSION,
    /** Its own frames say the symbol is halted or in a single-price auction (a VI). */
    AUCTION,
    /** Judged against its expected gap. */
    WATCHED,
    /**
     * Not a websocket stream: the feed got no registration (KIS's 41 ran out) and its price is
     * polled by REST ({@link PollSchedule}); its expected gap is the poll interval, never judged stale.
     */
    POLLED
  }

  /**
   * One stream as the dashboard shows it.
   *
   * @param expectedGap the learned gap (percentile, floor and ceiling applied); empty while learning
   * @param staleAfter the silence that makes it stale now (escalation included); empty while learning
   * @param silence since its last data frame, the last (re)connect or the session's start, whichever is latest
   * @param lastData its last data frame, empty before the first
   * @param strikes stale verdicts since its last data frame
   */
  public record Health(Key key, Judged judged, Optional<Duration> expectedGap, Optional<Duration> staleAfter,
      Duration silence, Optional<Instant> lastData, int strikes) {}

  /** A stream found stale, with why. */
  public record Stale(Key key, String reason) {}

  private static final class Stream {
    final GapWindow gaps;
    Instant lastData;
    /** Whether the next frame's gap spans a reconnect or a pause in the session (not learned). */
    boolean broken = true;
    int strikes;

    Stream(int window) {
      this.gaps = new GapWindow(window);
    }
  }

  private final AdaptiveStaleness settings;
  private final Duration ceiling;
  private final StreamSessions sessions;
  private final Clock clock;
  private final Map<Key, Stream> streams = new LinkedHashMap<>();
  /** Symbols whose last frame said halted or auction. */
  private final Map<Symbol, Boolean> auction = new LinkedHashMap<>();
  /** Per venue: since when data has been due without a break, as the watchdog saw it. */
  private final Map<Venue, Instant> dueSince = new LinkedHashMap<>();
  /**
   * Per venue: whether data was due at the last look. Frames read this rather than the calendar:
   * they come up to a thousand a second, the phase changes a few times a day, and a frame at a
   * phase change is at most one look off.
   */
  private final Map<Venue, Boolean> dueAtLastLook = new LinkedHashMap<>();
  private Instant restartedAt;

  /**
   * @param ceiling the largest expected gap: the connection's no-frame limit (raised to the floor
   *     if below it; a no-frame limit that short reconnects first anyway)
   */
  public StreamWatch(AdaptiveStaleness settings, Duration ceiling, StreamSessions sessions, Clock clock) {
    this.settings = settings;
    this.ceiling = ceiling.compareTo(settings.floor()) < 0 ? settings.floor() : ceiling;
    this.sessions = sessions;
    this.clock = clock;
    this.restartedAt = clock.instant();
  }

  /**
   * The socket was replaced (a reconnect, or LIVE again after one): silence counts from now, and
   * no gap spanning it is learned.
   */
  public void restart() {
    restartedAt = clock.instant();
    streams.values().forEach(s -> s.broken = true);
  }

  /**
   * Watches only {@code registered} from now on: a stream whose registration went to a feed of
   * higher priority (its feed is polled now) is silent by design, not stale.
   */
  public void keepOnly(java.util.Set<Key> registered) {
    streams.keySet().retainAll(registered);
  }

  /**
   * A data frame of {@code key}; {@code halted} when it says its symbol is halted or in a
   * single-price auction (its silence is then expected until a frame says otherwise).
   */
  public void frame(Key key, boolean halted) {
    Instant now = clock.instant();
    Stream s = streams.computeIfAbsent(key, k -> new Stream(settings.window()));
    Boolean was = auction.put(key.symbol(), halted);
    Boolean looked = dueAtLastLook.get(key.venue());
    boolean due = looked != null ? looked : due(key.venue(), now);
    if (s.lastData != null && !s.broken && due && !halted && !Boolean.TRUE.equals(was)) {
      s.gaps.add(Duration.between(s.lastData, now));
    }
    s.lastData = now;
    s.broken = !due || halted;
    s.strikes = 0;
  }

  /**
   * The most overdue stale stream, if any (its allowance is doubled: see the class comment).
   * Call it periodically (the supervisor's watchdog tick); it also notes session changes.
   */
  public Optional<Stale> check() {
    Instant now = clock.instant();
    if (!settings.enabled()) {
      // Still shown on the dashboard: keep what frames learn in step with the sessions.
      streams.keySet().stream().map(Key::venue).distinct().toList().forEach(v -> due(v, now));
      return Optional.empty();
    }
    Stale worst = null;
    double worstRatio = 0;
    for (Map.Entry<Key, Stream> e : streams.entrySet()) {
      Health h = health(e.getKey(), e.getValue(), now);
      if (h.judged() != Judged.WATCHED || h.silence().compareTo(h.staleAfter().orElseThrow()) <= 0
          || carriedElsewhere(e.getKey(), now, h.staleAfter().orElseThrow())) {
        continue;
      }
      double ratio = (double) h.silence().toMillis() / Math.max(1, h.staleAfter().orElseThrow().toMillis());
      if (worst == null || ratio > worstRatio) {
        worstRatio = ratio;
        worst = new Stale(e.getKey(), String.format(Locale.ROOT,
            "no data on %s for %.1f s (expected gap %.1f s, stale after %.1f s)", e.getKey(),
            h.silence().toMillis() / 1000.0, h.expectedGap().orElseThrow().toMillis() / 1000.0,
            h.staleAfter().orElseThrow().toMillis() / 1000.0));
      }
    }
    if (worst != null) {
      streams.get(worst.key()).strikes++;
    }
    return Optional.ofNullable(worst);
  }

  /** Every stream seen, by symbol and TR. */
  public List<Health> health() {
    Instant now = clock.instant();
    List<Health> out = new ArrayList<>();
    streams.forEach((k, s) -> out.add(health(k, s, now)));
    out.sort(Comparator.comparing((Health h) -> h.key().symbol().code()).thenComparing(h -> h.key().trId()));
    return out;
  }

  private Health health(Key key, Stream s, Instant now) {
    boolean due = due(key.venue(), now);
    if (!due) {
      s.broken = true;
    }
    Instant from = latest(latest(restartedAt, s.lastData), dueSince.get(key.venue()));
    Duration silence = Duration.between(from, now);
    if (silence.isNegative()) {
      silence = Duration.ZERO;
    }
    Optional<Instant> last = Optional.ofNullable(s.lastData);
    if (s.gaps.size() < settings.minGaps()) {
      return new Health(key, Judged.LEARNING, Optional.empty(), Optional.empty(), silence, last, s.strikes);
    }
    Duration expected = clamp(s.gaps.percentile(settings.percentile()));
    Duration allowance = allowance(expected, s.strikes);
    Judged judged = !due ? Judged.OFF_SESSION : Boolean.TRUE.equals(auction.get(key.symbol())) ? Judged.AUCTION
        : Judged.WATCHED;
    return new Health(key, judged, Optional.of(expected), Optional.of(allowance), silence, last, s.strikes);
  }

  /** Whether data is due on {@code venue} now, noting since when it has been due without a break. */
  private boolean due(Venue venue, Instant now) {
    boolean due = sessions.dataDue(venue, now);
    dueAtLastLook.put(venue, due);
    if (!due) {
      dueSince.remove(venue);
    } else {
      dueSince.putIfAbsent(venue, now);
    }
    return due;
  }

  /** Another stream delivered data within {@code allowance}: the socket works, this silence is the stream's own. */
  private boolean carriedElsewhere(Key key, Instant now, Duration allowance) {
    Instant since = now.minus(allowance);
    return streams.entrySet().stream().anyMatch(e -> !e.getKey().equals(key) && e.getValue().lastData != null
        && e.getValue().lastData.isAfter(since));
  }

  private Duration clamp(Duration gap) {
    Duration d = gap.compareTo(settings.floor()) < 0 ? settings.floor() : gap;
    return d.compareTo(ceiling) > 0 ? ceiling : d;
  }

  private Duration allowance(Duration expected, int strikes) {
    double factor = settings.multiple() * Math.pow(2, Math.min(strikes, 20));
    long millis = (long) Math.min(expected.toMillis() * factor, ceiling.toMillis() * settings.multiple());
    long base = (long) (expected.toMillis() * settings.multiple());
    return Duration.ofMillis(Math.max(base, millis));
  }

  private static Instant latest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b != null && b.isAfter(a) ? b : a;
  }
}
