package kis.engine.dashboard.live;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import kis.actors.agent.JournalWrites;
import kis.actors.supervisor.KisSupervisor;
import kis.connector.rest.RestListener;
import kis.connector.rest.Tr;
import kis.engine.dashboard.EngineMetrics;
import kis.engine.dashboard.LevelState;
import kis.journal.AgentId;
import kis.journal.event.AgentEvent;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRejected;

/**
 * Feeds {@link EngineMetrics} from the live engine's hooks: the REST client's
 * {@link RestListener} (latency per TR, orders sent, calls per second, token and REST levels), the
 * agents' {@link JournalWrites} (journal write latency), new journal events from the
 * {@link JournalFeed} (rejections, denials, fills), and the supervisor's status (reconnects per
 * level). All callbacks are thread-safe and cheap.
 */
public final class LiveMetrics implements RestListener, JournalWrites.Listener, JournalFeed.Listener {
  private static final long SECOND = 1_000_000_000L;
  /** Our own refusal codes ({@code RejectReason} names): a {@code ModifyRejected} with one is a revise our checks refused. */
  private static final java.util.Set<String> OWN_REFUSALS = java.util.Arrays.stream(kis.journal.RejectReason.values())
      .map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

  private final EngineMetrics metrics;
  private final Clock clock;
  private final ConcurrentLinkedDeque<Long> recentCalls = new ConcurrentLinkedDeque<>();
  private final Map<KisSupervisor.Level, Long> reconnectsSeen = new ConcurrentHashMap<>();
  private final LevelTracker token = new LevelTracker();
  private final LevelTracker rest = new LevelTracker();
  private volatile kis.connector.auth.TokenManager tokens;
  private volatile java.util.function.IntSupplier heldForToken = () -> 0;

  public LiveMetrics(EngineMetrics metrics, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  public EngineMetrics metrics() {
    return metrics;
  }

  @Override
  public void onCall(Tr tr, Duration latency, boolean replied) {
    metrics.observeRestLatency(endpoint(tr), latency);
    if (tr == Tr.ORDER_CASH_BUY || tr == Tr.ORDER_CASH_SELL) {
      metrics.onOrderSent();
    }
    long now = System.nanoTime();
    recentCalls.addLast(now);
    prune(now);
    token.mark(LevelState.LIVE, clock.instant(), "");
    rest.mark(replied ? LevelState.LIVE : "DISCONNECTED", clock.instant(),
        replied ? "" : tr.name() + " got no reply");
  }

  @Override
  public void onNoToken(Tr tr) {
    token.mark("DISCONNECTED", clock.instant(), "no access token for " + tr.name());
  }

  @Override
  public void written(AgentId agent, int events, Duration latency) {
    metrics.observeJournalWrite(latency);
  }

  @Override
  public void onNewEvent(AgentId agent, AgentEvent e) {
    if (e instanceof OrderRejected r) {
      metrics.onOrderRejected(r.msgCd() == null || r.msgCd().isBlank() ? "unknown" : r.msgCd());
    } else if (e instanceof OrderDenied d) {
      metrics.onOrderDenied(d.reason().name(), d.attempts()); // a run's record stands for each of its repeats
    } else if (e instanceof ModifyRejected m && OWN_REFUSALS.contains(m.msgCd())) {
      metrics.onReviseRefused(m.msgCd(), m.attempts()); // our own checks' refusal, not KIS's
    } else if (e instanceof OrderFilled) {
      metrics.onFill();
    }
  }

  /** Counts the reconnects the supervisor made since the last look. */
  public void onSupervisorStatus(KisSupervisor.Status s) {
    for (Map.Entry<KisSupervisor.Level, Long> e : s.reconnects().entrySet()) {
      long before = reconnectsSeen.getOrDefault(e.getKey(), 0L);
      if (e.getValue() > before) {
        metrics.onReconnects(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue() - before);
        reconnectsSeen.put(e.getKey(), e.getValue());
      }
    }
  }

  /** REST requests put on the wire in the last second. */
  public int restCallsLastSecond() {
    prune(System.nanoTime());
    return recentCalls.size();
  }

  /**
   * Reads the access token's level from the connector's token manager from now on (instead of
   * guessing it from calls), and the orders held for it from {@code ordersHeld}
   * ({@code KisRestClient.ordersAwaitingToken}): {@code LIVE} valid until its expiry, {@code WAITING_ISSUANCE} while
   * KIS's one-per-minute rule holds the next issuance back, {@code ISSUING}, {@code NO_TOKEN}.
   */
  public void watchTokens(kis.connector.auth.TokenManager manager, java.util.function.IntSupplier ordersHeld) {
    this.heldForToken = ordersHeld;
    this.tokens = manager;
  }

  /** Order calls waiting for an access token right now (0 when the token manager is not watched). */
  public int ordersHeldForToken() {
    return heldForToken.getAsInt();
  }

  /**
   * The access token level: from the token manager when watched ({@link #watchTokens}); otherwise
   * LIVE once a request carried a token, down when none could be had.
   */
  public LevelState tokenLevel() {
    kis.connector.auth.TokenManager m = tokens;
    if (m != null) {
      markToken(m.status(), ordersHeldForToken());
    }
    return token.get();
  }

  private void markToken(kis.connector.auth.TokenManager.Status st, int held) {
    String heldNote = held == 0 ? "" : "; " + held + " order(s) held for it";
    switch (st.level()) {
      case VALID -> token.mark(LevelState.LIVE, clock.instant(), "valid until " + st.validUntil());
      case WAITING_ISSUANCE -> token.mark("WAITING_ISSUANCE", clock.instant(), "no valid access token: KIS allows one"
          + " issuance a minute (EGW00133), the next at " + st.nextIssueAt() + heldNote);
      case ISSUING -> token.mark("ISSUING", clock.instant(), "asking KIS for an access token" + heldNote);
      default -> token.mark("NO_TOKEN", clock.instant(), "no access token yet" + heldNote);
    }
  }

  /** REST reachability: LIVE while requests get replies, DISCONNECTED after one got none. */
  public LevelState restLevel() {
    return rest.get();
  }

  private void prune(long now) {
    Long first;
    while ((first = recentCalls.peekFirst()) != null && now - first > SECOND) {
      recentCalls.pollFirst();
    }
  }

  static String endpoint(Tr tr) {
    return tr.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
