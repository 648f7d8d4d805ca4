package kis.actors.handle;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import kis.actors.live.HostSignals;
import kis.actors.risk.KillSwitchState;
import kis.journal.Symbol;

/**
 * The account as the engine shows it.
 *
 * @param connection the KIS supervisor's connection state
 * @param kisHere this JVM holds the account's KIS connection (always on a single node; in the
 *     cluster, on the singleton's node): only there do the connector's token and REST levels mean the account's
 * @param killSwitch the account's kill switch
 * @param limits the account's limits across agents and their usage, empty until known
 * @param lastPrices the last KIS trade price per symbol the agents trade (marks for unrealized P&L);
 *     on a single node the dashboard keeps its own subscription, so this may be empty
 * @param lastFrame when the account's websocket last delivered a frame, empty if never or unknown
 * @param disk this node's data-dir free space
 * @param cash the account's cash figures as the last reconciliation read them ({@code known} false before)
 */
public record AccountView(ConnectionView connection, boolean kisHere, ReconcileView reconcile,
    KillSwitchState killSwitch, Optional<HostSignals.AccountStatus> limits, Map<Symbol, Long> lastPrices,
    Optional<Instant> lastFrame, DiskView disk, kis.adapter.account.AccountCash cash) {

  public AccountView {
    cash = cash == null ? kis.adapter.account.AccountCash.UNKNOWN : cash;
  }

  /**
   * @param state a {@code ConnectionState} name, {@code UNKNOWN} before the supervisor said
   * @param reconnects the supervisor's reconnects per level name
   * @param withoutViNews the symbol codes left without a market-status registration (no live VI news)
   */
  public record ConnectionView(String state, Optional<Instant> since, String cause, Map<String, Long> reconnects,
      java.util.List<String> withoutViNews) {
    public ConnectionView {
      withoutViNews = withoutViNews == null ? java.util.List.of() : java.util.List.copyOf(withoutViNews);
    }

    public ConnectionView(String state, Optional<Instant> since, String cause, Map<String, Long> reconnects) {
      this(state, since, cause, reconnects, java.util.List.of());
    }

    public static ConnectionView unknown() {
      return new ConnectionView("UNKNOWN", Optional.empty(), "", Map.of());
    }
  }

  /** The data dir's free space; {@code known} false where no disk watch runs. */
  public record DiskView(boolean known, boolean low, long freeBytes, long minFreeBytes, Instant since, String detail) {
    public static DiskView unknown() {
      return new DiskView(false, false, 0, 0, null, "");
    }
  }
}
