package kis.actors.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The feeds without a websocket registration and their REST polls: one poll per call interval,
 * round robin, so each feed is polled every {@link #symbolInterval()} (the call interval times the
 * number of polled feeds). The call interval comes from the app key's REST budget
 * ({@link Budget}): the poller takes a share of it and leaves the rest to orders and the
 * reconciler. A poll's answer becomes a {@link PolledPrint} when the day's volume grew since the
 * previous one (the first answer only sets the baseline: its volume spans the whole day). Pure:
 * the supervisor keeps the timer and makes the calls.
 */
public final class PollSchedule {

  /**
   * How the poller uses the REST budget ({@code kis-trader.supervisor.market-poll}).
   *
   * @param share of the app key's REST calls the poller may use at most (0 < share <= 1)
   * @param minInterval no feed is polled more often than this, however few are polled
   */
  public record Budget(double share, Duration minInterval) {
    /** Half the budget; no feed more often than once a second. */
    public static final Budget DEFAULT = new Budget(0.5, Duration.ofSeconds(1));

    public Budget {
      if (!(share > 0 && share <= 1) || minInterval == null || minInterval.isNegative()) {
        throw new IllegalArgumentException("market-poll: budget-share must be in (0, 1] and min-interval >= 0");
      }
    }

    /** The time between two polls at {@code permits} calls per {@code window}, for {@code feeds} polled feeds. */
    public Duration callInterval(int permits, Duration window, int feeds) {
      long byBudget = (long) Math.ceil(window.toNanos() / (permits * share));
      long byFloor = feeds == 0 ? 0 : minInterval.toNanos() / feeds;
      return Duration.ofNanos(Math.max(byBudget, byFloor));
    }
  }

  private static final class Polled {
    Instant lastAnswer;
    long lastVolume = -1;
    long lastPrice;
    String lastFailure;
  }

  private final Map<MarketFeed, Polled> feeds = new LinkedHashMap<>();
  private final Budget budget;
  private final int permits;
  private final Duration window;
  private final Instant since;
  private int cursor;

  /** For an app key allowing {@code permits} REST calls per {@code window}. */
  public PollSchedule(Budget budget, int permits, Duration window, Instant since) {
    this.budget = budget;
    this.permits = permits;
    this.window = window;
    this.since = since;
  }

  /** Polls exactly {@code now} from here on; a feed that stays keeps its baseline and freshness. */
  public void poll(Set<MarketFeed> now) {
    feeds.keySet().retainAll(now);
    now.forEach(f -> feeds.computeIfAbsent(f, x -> new Polled()));
  }

  public Set<MarketFeed> feeds() {
    return Set.copyOf(feeds.keySet());
  }

  /** The next feed to poll, round robin; empty when none is polled. */
  public Optional<MarketFeed> next() {
    if (feeds.isEmpty()) {
      return Optional.empty();
    }
    List<MarketFeed> all = new ArrayList<>(feeds.keySet());
    cursor = cursor % all.size();
    return Optional.of(all.get(cursor++));
  }

  /** The time between two polls (of any feeds) now. */
  public Duration callInterval() {
    return budget.callInterval(permits, window, feeds.size());
  }

  /** How often each feed is polled now. */
  public Duration symbolInterval() {
    return callInterval().multipliedBy(Math.max(1, feeds.size()));
  }

  /** A poll's answer: a print when volume traded since the previous answer. */
  public Optional<PolledPrint> answered(MarketFeed feed, long price, long cumulativeVolume, Instant at) {
    Polled p = feeds.get(feed);
    if (p == null || price <= 0) {
      return Optional.empty(); // no longer polled (now streamed), or no price yet (before the open)
    }
    long before = p.lastVolume;
    p.lastAnswer = at;
    p.lastPrice = price;
    p.lastFailure = null;
    p.lastVolume = Math.max(before, cumulativeVolume);
    if (before < 0 || cumulativeVolume <= before) {
      return Optional.empty();
    }
    return Optional.of(new PolledPrint(feed, at, price, cumulativeVolume - before, cumulativeVolume));
  }

  /** A poll that failed: the feed's silence keeps growing. */
  public void failed(MarketFeed feed, String why) {
    Polled p = feeds.get(feed);
    if (p != null) {
      p.lastFailure = why;
    }
  }

  /** The last price polled for {@code feed}, if any. */
  public Optional<Long> lastPrice(MarketFeed feed) {
    Polled p = feeds.get(feed);
    return p == null || p.lastAnswer == null ? Optional.empty() : Optional.of(p.lastPrice);
  }

  /**
   * Each polled feed as the dashboard's stream rows show them: judged {@link StreamWatch.Judged#POLLED},
   * the poll interval as its expected gap, the time since its last answer as its silence.
   */
  public List<StreamWatch.Health> health(Instant now) {
    List<StreamWatch.Health> out = new ArrayList<>();
    Duration every = symbolInterval();
    feeds.forEach((f, p) -> {
      Instant from = p.lastAnswer == null ? since : p.lastAnswer;
      out.add(new StreamWatch.Health(new StreamWatch.Key(f.symbol(), TR, venue(f)), StreamWatch.Judged.POLLED,
          Optional.of(every), Optional.empty(), Duration.between(from, now).isNegative() ? Duration.ZERO
              : Duration.between(from, now), Optional.ofNullable(p.lastAnswer), 0));
    });
    return out;
  }

  /** What the dashboard shows in the TR column of a polled feed. */
  public static final String TR = "REST inquire-price";

  private static kis.journal.Venue venue(MarketFeed f) {
    switch (f.source()) {
      case NXT:
        return kis.journal.Venue.NXT;
      case INTEGRATED:
        return kis.journal.Venue.SOR;
      default:
        return kis.journal.Venue.KRX;
    }
  }
}
