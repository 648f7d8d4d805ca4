package kis.actors.agent;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import kis.journal.Symbol;
import kis.strategies.WarmUp;

/**
 * Why an agent has not traded: one line for the dashboard and {@code status}, worked out from what
 * its strategy host knows (a pure function, so every case is pinned by a unit test). Empty while
 * the agent trades: an order of it was accepted since the host started and none was refused after.
 */
public final class IdleReason {
  /** A symbol without a print for this long, while the session is open, counts as having no data. */
  public static final Duration QUIET = Duration.ofMinutes(2);
  private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.of("Asia/Seoul"));

  private IdleReason() {}

  /**
   * What the host knows.
   *
   * @param now the engine's clock
   * @param since when the host started
   * @param symbols the strategy's symbols
   * @param lastPrint when the host last received a print, empty if never
   * @param warmUp the strategy's warm-up
   * @param accepted orders KIS accepted since the host started
   * @param refusedSinceAccepted orders denied (risk, checks) or rejected (KIS) since the last accepted one
   * @param lastRefusal the last refusal's reason and detail, "" if none
   * @param held placements held back (paused, reconciliation pending, engine facts unknown)
   * @param lastHeld why the last one was held, "" if none
   * @param connection the KIS connection state the host last heard, {@code unknown} if never
   */
  public record Facts(Instant now, Instant since, List<Symbol> symbols, Optional<Instant> lastPrint, WarmUp warmUp,
      long accepted, long refusedSinceAccepted, String lastRefusal, long held, String lastHeld, boolean sessionOpen,
      boolean tradingEnabled, boolean paused, boolean strategyStopped, boolean killSwitchEngaged,
      boolean connectionLive, String connection) {}

  /** Why the agent is not trading, or "" when it is. */
  public static String of(Facts f) {
    boolean trading = f.accepted() > 0 && f.refusedSinceAccepted() == 0;
    if (trading) {
      return "";
    }
    if (f.strategyStopped()) {
      return "strategy stopped after repeated failures; the agent is parked until resumed";
    }
    if (f.paused()) {
      return "paused: no new orders";
    }
    if (f.killSwitchEngaged()) {
      return "kill switch engaged: every new order is denied";
    }
    if (!f.sessionOpen()) {
      return "market closed";
    }
    String codes = f.symbols().stream().map(Symbol::code).sorted().collect(Collectors.joining(", "));
    if (f.lastPrint().isEmpty()) {
      return "no market data: no prints for " + codes + " since start (" + HMS.format(f.since()) + ")";
    }
    Duration quiet = Duration.between(f.lastPrint().get(), f.now());
    if (quiet.compareTo(QUIET) >= 0) {
      return "no market data: no prints for " + codes + " since " + HMS.format(f.lastPrint().get()) + " ("
          + quiet.toMinutes() + " min)";
    }
    if (!f.warmUp().done()) {
      return "warming up (" + f.warmUp().have() + " of " + f.warmUp().need() + " " + f.warmUp().unit() + ")";
    }
    if (f.refusedSinceAccepted() > 0) {
      return (f.accepted() == 0 ? "every order denied (" + f.refusedSinceAccepted() + ")"
          : "the last " + f.refusedSinceAccepted() + " order(s) denied") + ": " + f.lastRefusal();
    }
    if (!f.tradingEnabled()) {
      return "waiting for the first reconciliation";
    }
    if (!f.connectionLive()) {
      return "KIS connection " + f.connection() + ": new orders wait until it is live";
    }
    if (f.held() > 0) {
      return "placements held back (" + f.held() + "): " + f.lastHeld();
    }
    return "no signal: the strategy has not asked to trade" + (f.warmUp().need() > 0 ? " since its warm-up" : "");
  }
}
