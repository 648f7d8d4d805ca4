package kis.actors.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import kis.journal.calendar.MarketPhase;

/**
 * Decides whether a websocket that has not closed has nevertheless gone silent. Two limits:
 * no frame at all (KIS's {@code PINGPONG} heartbeat included) for {@code heartbeatSilence} at any
 * time, and no trade frame for {@code tradeSilence} while the market trades continuously (outside
 * continuous trading a quiet trade feed is normal). Pure: the caller passes the times it saw.
 *
 * @param heartbeatSilence the longest gap between any two frames
 * @param tradeSilence the longest gap without a trade frame during continuous trading
 */
public record StalenessWatchdog(Duration heartbeatSilence, Duration tradeSilence) {

  public StalenessWatchdog {
    if (heartbeatSilence == null || tradeSilence == null || heartbeatSilence.isNegative() || heartbeatSilence.isZero()
        || tradeSilence.isNegative() || tradeSilence.isZero()) {
      throw new IllegalArgumentException("silence limits must be positive");
    }
  }

  /**
   * What the supervisor last saw on the socket.
   *
   * @param connectedAt when the socket went live: the reference while nothing has arrived yet
   * @param lastFrame the last frame of any kind, if any
   * @param lastTrade the last trade frame, if any
   * @param tradesSubscribed whether any trade feed is subscribed (no feed, no trade silence)
   */
  public record Observed(Instant connectedAt, Optional<Instant> lastFrame, Optional<Instant> lastTrade,
      boolean tradesSubscribed) {}

  /** The watchdog's finding; {@code reason} says which limit was passed. */
  public record Verdict(boolean stale, String reason) {
    static final Verdict FRESH = new Verdict(false, "fresh");
  }

  /**
   * @param phase the market phase now
   * @param phaseSince when that phase began (from {@code SessionClock}); trade silence is never
   *     counted from before it, so the open does not look like an hour-long silence
   */
  public Verdict check(Observed seen, Instant now, MarketPhase phase, Instant phaseSince) {
    Instant frame = latest(seen.connectedAt(), seen.lastFrame());
    Duration quiet = Duration.between(frame, now);
    if (quiet.compareTo(heartbeatSilence) > 0) {
      return new Verdict(true, "no frame for " + quiet.toSeconds() + " s (limit " + heartbeatSilence.toSeconds()
          + " s)");
    }
    if (seen.tradesSubscribed() && phase.tradesContinuously()) {
      // Silence is measured from the latest of the last trade, the connect and the phase start, so
      // a fresh connection or a fresh session gets the full allowance before the first trade.
      Instant from = latest(latest(seen.connectedAt(), Optional.ofNullable(phaseSince)), seen.lastTrade());
      Duration noTrade = Duration.between(from, now);
      if (noTrade.compareTo(tradeSilence) > 0) {
        return new Verdict(true, "no trade for " + noTrade.toSeconds() + " s during continuous trading (limit "
            + tradeSilence.toSeconds() + " s)");
      }
    }
    return Verdict.FRESH;
  }

  private static Instant latest(Instant a, Optional<Instant> b) {
    return b.filter(x -> x.isAfter(a)).orElse(a);
  }
}
