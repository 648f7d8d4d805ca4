package kis.engine.dashboard.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import kis.actors.agent.AgentConfig;
import kis.journal.calendar.SessionSchedule;
import kis.actors.handle.AccountView;
import kis.actors.handle.AgentView;
import kis.actors.handle.ControlOutcome;
import kis.actors.handle.EngineHandle;
import kis.actors.handle.NodeView;
import kis.actors.handle.ReconcileView;
import kis.engine.dashboard.AgentDetail;
import kis.engine.dashboard.AgentRow;
import kis.engine.dashboard.AgentRunState;
import kis.engine.dashboard.ConnectionStatus;
import kis.engine.dashboard.ControlResult;
import kis.engine.dashboard.DiskStatus;
import kis.engine.dashboard.FeedStaleness;
import kis.engine.dashboard.KillSwitchStatus;
import kis.engine.dashboard.LevelState;
import kis.engine.dashboard.LimitsView;
import kis.engine.dashboard.MarketClock;
import kis.engine.dashboard.NodeStatus;
import kis.engine.dashboard.Operator;
import kis.engine.dashboard.ReconcileStatus;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The dashboard's ports over a running engine, in either profile, through its {@link EngineHandle}:
 * reads come from a cache refreshed every second in the background (the handle's agents, account
 * and cluster members), the agents' journals ({@link JournalFeed}: events, fills, P&L over the day;
 * read from the first time the connection is LIVE, so that a start's recovery and gap fill go first)
 * and, on a single node, the dashboard's own market-data subscription ({@link MarketWatch}; in the
 * cluster the account singleton's last prices are the marks); each refresh also feeds
 * {@link LiveMetrics}. Controls go to the handle, which gives each one the same meaning in both
 * profiles (DASHBOARD.md, "What each control does"); the agent a control touched is read again
 * before the control completes, so the page shows its effect at once.
 */
public final class EnginePorts implements DashboardStack.Ports {
  private static final ZoneId KST = ZoneId.of("Asia/Seoul");

  /**
   * What the ports read besides the handle; each may be absent (tests).
   *
   * @param market the dashboard's own market-data subscription (single node)
   * @param restCallsPerSecondLimit the account's REST pacing, shown next to the calls made
   */
  public record Feeds(Optional<JournalFeed> journal, Optional<MarketWatch> market, Optional<LiveMetrics> metrics,
      int restCallsPerSecondLimit) {
    public static Feeds none() {
      return new Feeds(Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }
  }

  private final EngineHandle handle;
  private final Map<AgentId, AgentConfig> configs = new HashMap<>();
  private final SessionSchedule schedule;
  private final Clock clock;
  private final Feeds feeds;
  /** By journal id, as rows name agents. */
  private final Map<AgentId, AgentView> agents = new ConcurrentHashMap<>();
  private final Map<String, Long> reconnectsSeen = new ConcurrentHashMap<>();
  private volatile Optional<AccountView> account = Optional.empty();
  private volatile List<NodeView> nodes = List.of();
  private final Cancellable refresher;
  private final Instant started;
  /**
   * Refreshes without the connection LIVE after which the agents' journals are read anyway (a
   * connection that does not come up must not hide the books' day from the page).
   */
  static final int FOLLOW_AFTER_REFRESHES = 30;
  /**
   * Whether the agents' journals are read yet ({@link JournalFeed#follow}): from the first time the
   * account's connection is LIVE, or after {@link #FOLLOW_AFTER_REFRESHES}. Each followed journal is
   * read from the day's start (a snapshot, folded forward, then today's events), on the dispatchers
   * that also run the agents' own recovery and the gap fill that gate LIVE; at start those go first.
   */
  private volatile boolean following;
  /** Refreshes so far; only the refresher touches it (one run at a time). */
  private int refreshes;

  /** @param configured the engine's configured agents (their limits, for the limits view) */
  public EnginePorts(ActorSystem<?> system, EngineHandle handle, List<AgentConfig> configured,
      SessionSchedule schedule, Clock clock, Feeds feeds) {
    this.handle = handle;
    configured.forEach(c -> configs.put(c.id(), c));
    this.schedule = schedule;
    this.clock = clock;
    this.feeds = feeds;
    this.started = clock.instant();
    this.refresher = system.scheduler().scheduleWithFixedDelay(Duration.ZERO, Duration.ofSeconds(1), this::refresh,
        system.executionContext());
  }

  private void refresh() {
    if (!following && ++refreshes > FOLLOW_AFTER_REFRESHES) {
      startFollowing();
    }
    handle.agents().thenAccept(list -> {
      // A fresh-started agent's old journal is no longer one of the engine's agents.
      List<AgentId> current = list.stream().map(AgentView::journalId).toList();
      agents.keySet().stream().filter(id -> !current.contains(id)).toList().forEach(this::drop);
      list.forEach(this::show);
    });
    handle.account().thenAccept(this::onAccount);
    handle.nodes().thenAccept(n -> nodes = n);
    feeds.metrics().ifPresent(this::feedMetrics);
  }

  private void show(AgentView v) {
    agents.put(v.journalId(), v);
    if (!v.damaged()) {
      // A damaged agent's journal is not followed: it shows (and alerts) as DAMAGED with its last books.
      if (following) {
        follow(v);
      }
      feeds.market().ifPresent(m -> m.watch(v.symbol()));
    }
  }

  private void follow(AgentView v) {
    if (!v.damaged()) {
      feeds.journal().ifPresent(j -> j.follow(v.journalId()));
    }
  }

  /** Set before the agents are read, and {@link #show} puts before it looks: every agent is followed once shown. */
  private void startFollowing() {
    following = true;
    agents.values().forEach(this::follow);
  }

  private void drop(AgentId journalId) {
    agents.remove(journalId);
    feeds.journal().ifPresent(j -> j.unfollow(journalId));
  }

  private void onAccount(AccountView a) {
    account = Optional.of(a);
    if (!following && LevelState.LIVE.equals(a.connection().state())) {
      startFollowing();
    }
    feeds.metrics().ifPresent(m -> a.connection().reconnects().forEach((level, n) -> {
      long before = reconnectsSeen.getOrDefault(level, 0L);
      if (n > before) {
        m.metrics().onReconnects(level.toLowerCase(Locale.ROOT), n - before);
        reconnectsSeen.put(level, n);
      }
    }));
  }

  private void feedMetrics(LiveMetrics m) {
    Map<AgentId, AgentState> states = new HashMap<>();
    agents.forEach((id, v) -> states.put(id, v.books()));
    AgentPortViews.sample(states, feeds.journal(), m, clock.instant(), marks());
    FeedStaleness feed = feed();
    if (feed.sinceLastFrameSeconds() != null) {
      m.metrics().setWebsocketStaleness(Duration.ofMillis(Math.round(feed.sinceLastFrameSeconds() * 1000)));
    }
    for (FeedStaleness.SymbolTrades t : feed.symbols()) {
      m.metrics().setTradeStaleness(t.symbol(), t.sinceLastTradeSeconds() == null ? null
          : Duration.ofMillis(Math.round(t.sinceLastTradeSeconds() * 1000)));
    }
  }

  /** The marks for unrealized P&L: the account's last prices, the dashboard's own where it has them. */
  public Map<Symbol, Long> marks() {
    Map<Symbol, Long> out = new HashMap<>(account.map(AccountView::lastPrices).orElse(Map.of()));
    feeds.market().ifPresent(m -> out.putAll(m.lastPrices()));
    return out;
  }

  /**
   * The websocket's staleness: since its last frame of any kind (so a quiet market with PINGPONGs
   * still looks alive), and per symbol the dashboard watches since its last trade during
   * continuous trading, when a silent symbol means something.
   */
  private FeedStaleness feed() {
    Instant now = clock.instant();
    boolean marketHours = schedule.phaseAt(now).tradesContinuously();
    Optional<Instant> frame = account.flatMap(AccountView::lastFrame);
    List<FeedStaleness.SymbolTrades> symbols = feeds.market().map(m -> m.symbols().stream()
        .sorted(Comparator.comparing(Symbol::code)).map(sym -> {
          Optional<Instant> t = m.lastTrade(sym);
          return new FeedStaleness.SymbolTrades(sym.code(), t.orElse(null),
              marketHours ? seconds(t.orElse(null), now) : null);
        }).toList()).orElse(List.of());
    List<FeedStaleness.StreamGap> streams = feeds.market().map(m -> m.streams().stream().map(h ->
        new FeedStaleness.StreamGap(h.key().symbol().code(), h.key().trId(), h.key().venue().name(), h.judged().name(),
            h.expectedGap().map(EnginePorts::secondsOf).orElse(null), h.staleAfter().map(EnginePorts::secondsOf)
                .orElse(null), secondsOf(h.silence()), h.strikes())).toList()).orElse(List.of());
    return new FeedStaleness(frame.orElse(null), frame.map(x -> seconds(x, now)).orElse(null), marketHours, symbols,
        streams);
  }

  private static Double secondsOf(Duration d) {
    return d.toMillis() / 1000.0;
  }

  /** Seconds from {@code at} to {@code now}; a symbol that never traded counts from the dashboard's start. */
  private Double seconds(Instant at, Instant now) {
    Instant from = at == null ? started : at;
    return Math.max(0, Duration.between(from, now).toMillis()) / 1000.0;
  }

  @Override
  public List<AgentRow> agents() {
    KillSwitchStatus k = killSwitch();
    Map<Symbol, Long> marks = marks();
    return agents.values().stream().map(v -> row(v, k, marks)).toList();
  }

  private AgentRow row(AgentView v, KillSwitchStatus k, Map<Symbol, Long> marks) {
    AgentRow row = AgentPortViews.row(v.books(), v.symbol(), v.strategy(), v.paused(),
        !v.running() && !v.damaged() && !v.recovering(), marks, k, journal(v)).withIdleReason(v.idleReason());
    AgentRunState state = v.damaged() ? AgentRunState.DAMAGED : v.recovering() ? AgentRunState.RECOVERING : null;
    return state != null ? new AgentRow(row.id(), row.symbols(), row.strategy(), state,
        row.position(), row.averagePrice(), row.realizedPnl(), row.unrealizedPnl(), row.workingOrders(),
        row.lastFill(), row.riskState()).withIdleReason(row.idleReason()) : row;
  }

  private Optional<AgentJournalView> journal(AgentView v) {
    return feeds.journal().flatMap(j -> j.view(v.journalId()));
  }

  @Override
  public Optional<AgentDetail> agent(AgentId id) {
    AgentView v = cached(id);
    if (v == null) {
      return Optional.empty();
    }
    return Optional.of(AgentPortViews.detail(row(v, killSwitch(), marks()), v.books(), journal(v)));
  }

  /** By journal id (what rows show) or configured id. */
  private AgentView cached(AgentId id) {
    AgentView v = agents.get(id);
    return v != null ? v : agents.values().stream().filter(x -> x.named(id)).findFirst().orElse(null);
  }

  @Override
  public LimitsView limits() {
    List<Map.Entry<AgentConfig, AgentState>> rows = new java.util.ArrayList<>();
    for (AgentView v : agents.values()) {
      AgentConfig cfg = configs.get(v.configuredId());
      if (cfg != null) {
        rows.add(Map.entry(cfg, v.books()));
      }
    }
    return LimitUsage.view(account.flatMap(AccountView::limits), rows, marks());
  }

  @Override
  public ConnectionStatus connection() {
    if (account.isEmpty()) {
      return ConnectionStatus.unknown();
    }
    AccountView a = account.get();
    LevelState ws = new LevelState(a.connection().state(), a.connection().since().orElse(null),
        a.connection().cause());
    // Only the node holding the account's connection talks REST to KIS; elsewhere the supervisor's state stands for all levels.
    java.util.List<String> noViNews = a.connection().withoutViNews();
    if (!a.kisHere()) {
      return new ConnectionStatus(ws, ws, ws, 0, feeds.restCallsPerSecondLimit(), feed(), 0, noViNews);
    }
    return feeds.metrics().map(m -> new ConnectionStatus(m.tokenLevel(), ws, m.restLevel(), m.restCallsLastSecond(),
            feeds.restCallsPerSecondLimit(), feed(), m.ordersHeldForToken(), noViNews))
        .orElse(new ConnectionStatus(LevelState.unknown(), ws, LevelState.unknown(), 0, 0, FeedStaleness.unknown(), 0,
            noViNews));
  }

  @Override
  public DiskStatus disk() {
    return account.map(AccountView::disk).filter(AccountView.DiskView::known)
        .map(d -> new DiskStatus(d.low(), d.freeBytes(), d.minFreeBytes(), d.since(), d.detail()))
        .orElse(DiskStatus.unknown());
  }

  @Override
  public ReconcileStatus lastReconcile() {
    ReconcileView r = account.map(AccountView::reconcile).orElse(ReconcileView.never());
    ReconcileStatus s = r.at().isEmpty() ? ReconcileStatus.never()
        : new ReconcileStatus(r.at().get(), r.result(), r.drift());
    return s.withFailures(r.lastFailureAt().orElse(null), r.lastFailure().orElse(null), r.consecutiveFailures(),
        r.failures());
  }

  @Override
  public kis.engine.dashboard.AccountPanel account(List<AgentRow> rows) {
    kis.adapter.account.AccountCash c = account.map(AccountView::cash).orElse(kis.adapter.account.AccountCash.UNKNOWN);
    kis.actors.risk.AccountFigures.Totals totals = account.flatMap(AccountView::limits)
        .map(kis.actors.live.HostSignals.AccountStatus::totals).orElse(kis.actors.risk.AccountFigures.Totals.ZERO);
    kis.adapter.account.AccountCash.Figures f = c.figures();
    Instant at = c.known() ? account.flatMap(a -> a.reconcile().at()).orElse(null) : null;
    return new kis.engine.dashboard.AccountPanel(c.known(), at, c.cashD2(), f.deposit(), f.securitiesValue(),
        f.totalValue(), c.todayBuyAmount(), c.todaySellAmount(), f.todayCosts(), 0, 0, 0, 0)
        .withBooks(rows, totals.grossExposure(), totals.ordersToday());
  }

  @Override
  public KillSwitchStatus killSwitch() {
    return AgentPortViews.killSwitch(account.map(AccountView::killSwitch).orElse(null));
  }

  @Override
  public MarketClock clock() {
    Instant now = clock.instant();
    return new MarketClock(schedule.phaseAt(now).name(), now.atZone(KST));
  }

  @Override
  public List<NodeStatus> nodes() {
    return nodes.stream().map(n -> new NodeStatus(n.address(), n.status(), n.reachable(), n.accountSingleton(),
        n.agents(), n.self())).toList();
  }

  @Override
  public CompletionStage<ControlResult> pause(AgentId agent, Operator who) {
    return reread(agent, handle.pause(agent, true, who.name()));
  }

  @Override
  public CompletionStage<ControlResult> resume(AgentId agent, Operator who) {
    return reread(agent, handle.resume(agent, who.name()));
  }

  @Override
  public CompletionStage<ControlResult> park(AgentId agent, Operator who) {
    return reread(agent, handle.park(agent, who.name()));
  }

  @Override
  public CompletionStage<ControlResult> cancelOrders(AgentId agent, Operator who) {
    return reread(agent, handle.cancelWorking(agent, who.name()));
  }

  /** The old journal's row leaves the page; the agent is listed on its new journal. */
  @Override
  public CompletionStage<ControlResult> freshStart(AgentId agent, Operator who, boolean handover) {
    AgentView before = cached(agent);
    AgentId configured = before == null ? agent : before.configuredId();
    return handle.freshStart(agent, who.name(), handover).thenCompose(o -> {
      if (o.done() && before != null) {
        drop(before.journalId());
      }
      return reread(configured, java.util.concurrent.CompletableFuture.completedFuture(o));
    });
  }

  @Override
  public CompletionStage<ControlResult> killSwitchOn(Operator who, String reason) {
    return handle.killSwitch(true, reason, who.name()).thenCompose(this::rereadAccount);
  }

  @Override
  public CompletionStage<ControlResult> killSwitchReset(Operator who) {
    return handle.killSwitch(false, "", who.name()).thenCompose(this::rereadAccount);
  }

  @Override
  public CompletionStage<ControlResult> reconcile(Operator who) {
    return handle.reconcileNow(who.name()).thenCompose(this::rereadAccount);
  }

  @Override
  public CompletionStage<ControlResult> acceptCash(Operator who) {
    return handle.acceptCash(who.name()).thenCompose(this::rereadAccount);
  }

  @Override
  public CompletionStage<ControlResult> bookBack(AgentId agent, Operator who) {
    return reread(agent, handle.bookBack(agent, who.name()));
  }

  /** The control's answer once the agent's books were read again (or could not be). */
  private CompletionStage<ControlResult> reread(AgentId agent, CompletionStage<ControlOutcome> control) {
    return control.thenCompose(o -> handle.books(agent).handle((v, e) -> {
      if (v != null) {
        v.ifPresent(this::show);
      }
      return result(o);
    }));
  }

  private CompletionStage<ControlResult> rereadAccount(ControlOutcome o) {
    return handle.account().handle((a, e) -> {
      if (a != null) {
        onAccount(a);
      }
      return result(o);
    });
  }

  private static ControlResult result(ControlOutcome o) {
    return o.done() ? ControlResult.done(o.message()) : ControlResult.refused(o.message());
  }

  /** Stops the refresh and the handle's own background work. */
  @Override
  public void close() {
    refresher.cancel();
    handle.close();
  }
}
