package kis.engine.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentConfig;
import kis.actors.agent.StrategyHost;
import kis.journal.calendar.SessionSchedule;
import kis.actors.live.HostSignals;
import kis.actors.live.LiveEngine;
import kis.actors.live.ReconcileOutcomes;
import kis.actors.manager.AgentManager;
import kis.actors.reconcile.ReconcileReport;
import kis.actors.reconcile.ReconcilerActor;
import kis.actors.risk.KillSwitch;
import kis.actors.risk.KillSwitchState;
import kis.actors.supervisor.KisSupervisor;
import kis.engine.dashboard.AgentDetail;
import kis.engine.dashboard.AgentRow;
import kis.engine.dashboard.AgentRunState;
import kis.engine.dashboard.ConnectionStatus;
import kis.engine.dashboard.ControlResult;
import kis.engine.dashboard.FeedStaleness;
import kis.engine.dashboard.KillSwitchStatus;
import kis.engine.dashboard.LevelState;
import kis.engine.dashboard.LimitsView;
import kis.engine.dashboard.MarketClock;
import kis.engine.dashboard.Operator;
import kis.engine.dashboard.ReconcileStatus;
import kis.engine.dashboard.live.AgentJournalView;
import kis.engine.dashboard.live.AgentPortViews;
import kis.engine.dashboard.live.DashboardStack;
import kis.engine.dashboard.live.JournalFeed;
import kis.engine.dashboard.live.LevelTracker;
import kis.engine.dashboard.live.LimitUsage;
import kis.engine.dashboard.live.LiveMetrics;
import kis.engine.dashboard.live.MarketWatch;
import kis.journal.Symbol;
import kis.journal.AgentId;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;

/**
 * The dashboard's ports over the live engine's actors. Reads come from a cache refreshed every
 * second in the background (agent states, supervisor status, the last reconcile report), the
 * agents' journals ({@link JournalFeed}: events, fills, P&L over the day) and the dashboard's own
 * market-data subscription ({@link MarketWatch}: marks for unrealized P&L); each refresh also
 * feeds {@link LiveMetrics}. Controls go to the agent manager, the agents and the reconciler and
 * complete with their answers.
 *
 * <p>The kill switch is the engine's journaled {@code KillSwitch}: engaging it cancels every
 * agent's working orders and denies new ones, across restarts, until an operator resets it.
 */
public final class LiveDashboardPorts implements DashboardStack.Ports {
  private static final ZoneId KST = ZoneId.of("Asia/Seoul");
  private static final Duration ASK = Duration.ofSeconds(5);

  private record Cached(AgentManager.ManagedAgent agent, AgentState state, boolean paused, String idleReason) {}

  /**
   * What the ports read besides the actors.
   *
   * @param restCallsPerSecondLimit the account's REST pacing, shown next to the calls made
   */
  public record Feeds(JournalFeed journal, MarketWatch market, LiveMetrics metrics, int restCallsPerSecondLimit) {}

  private final ActorSystem<?> system;
  private final LiveEngine.Handles engine;
  private final SessionSchedule schedule;
  private final Clock clock;
  private final Optional<Feeds> feeds;
  private final Map<AgentId, Cached> agents = new ConcurrentHashMap<>();
  private final LevelTracker websocket = new LevelTracker();
  private volatile ReconcileStatus reconcile = ReconcileStatus.never();
  private volatile ReconcileReport lastReport;
  private volatile KillSwitchStatus killSwitch = KillSwitchStatus.off();
  private volatile Optional<HostSignals.AccountStatus> account = Optional.empty();
  /** The supervisor's last frame of any kind on its current connection. */
  private volatile Optional<Instant> lastFrame = Optional.empty();
  private final Cancellable refresher;
  private final Instant started;

  /** Without journal, market data and metrics feeds: rows and orders only. */
  public LiveDashboardPorts(ActorSystem<?> system, LiveEngine.Handles engine, SessionSchedule schedule, Clock clock) {
    this(system, engine, schedule, clock, Optional.empty());
  }

  public LiveDashboardPorts(ActorSystem<?> system, LiveEngine.Handles engine, SessionSchedule schedule, Clock clock,
      Optional<Feeds> feeds) {
    this.system = system;
    this.engine = engine;
    this.schedule = schedule;
    this.clock = clock;
    this.feeds = feeds;
    this.started = clock.instant();
    this.refresher = system.scheduler().scheduleWithFixedDelay(Duration.ZERO, Duration.ofSeconds(1), this::refresh,
        system.executionContext());
  }

  private void refresh() {
    AskPattern.<AgentManager.Command, List<AgentManager.ManagedAgent>>ask(engine.manager(),
        AgentManager.GetAgents::new, ASK, system.scheduler()).thenAccept(list -> {
          // A fresh-started agent's old journal is no longer one of the engine's agents.
          agents.keySet().retainAll(list.stream().map(AgentManager.ManagedAgent::journalId).toList());
          for (AgentManager.ManagedAgent a : list) {
            if (a.damaged()) {
              // Not started, or stopped when its recovery failed: shown (and alerted) as DAMAGED,
              // its journal not followed; an agent damaged after it was shown keeps its last books.
              agents.compute(a.journalId(), (k, v) -> new Cached(a,
                  v == null ? AgentState.empty(a.journalId().value()) : v.state(), false, ""));
              continue;
            }
            feeds.ifPresent(f -> {
              f.journal().follow(a.journalId());
              f.market().watch(a.symbol());
            });
            if (a.agent().isEmpty()) {
              agents.computeIfPresent(a.journalId(), (k, v) -> new Cached(a, v.state(), false, ""));
              continue;
            }
            CompletionStage<Optional<StrategyHost.HostStatus>> host = a.host().isEmpty()
                ? CompletableFuture.completedFuture(Optional.empty())
                : AskPattern.<StrategyHost.Command, StrategyHost.HostStatus>ask(a.host().get(),
                    StrategyHost.GetStatus::new, ASK, system.scheduler()).thenApply(Optional::of)
                    .exceptionally(e -> Optional.empty());
            AskPattern.<Agent.Command, AgentState>ask(a.agent().get(), Agent.GetState::new, ASK, system.scheduler())
                .thenCombine(host, (s, h) -> agents.put(a.journalId(), new Cached(a, s,
                    h.map(StrategyHost.HostStatus::paused).orElse(false),
                    h.map(StrategyHost.HostStatus::idleReason).orElse(""))));
          }
        });
    AskPattern.<KisSupervisor.Command, KisSupervisor.Status>ask(engine.supervisor(), KisSupervisor.GetStatus::new,
        ASK, system.scheduler()).thenAccept(s -> {
          websocket.mark(s.state().name(), s.since(), s.text());
          lastFrame = s.lastFrame();
          feeds.ifPresent(f -> f.metrics().onSupervisorStatus(s));
        });
    AskPattern.<ReconcilerActor.Command, Optional<ReconcileReport>>ask(engine.reconciler(),
        ReconcilerActor.GetLastReport::new, ASK, system.scheduler()).thenAccept(r -> r.ifPresent(this::onReport));
    feeds.ifPresent(this::feedMetrics);
    AskPattern.<KillSwitch.Command, KillSwitchState>ask(engine.killSwitch(), KillSwitch.Get::new, ASK,
        system.scheduler()).thenAccept(k -> killSwitch = AgentPortViews.killSwitch(k));
    AskPattern.<HostSignals.Command, HostSignals.AccountStatus>ask(engine.signals(), HostSignals.GetAccount::new, ASK,
        system.scheduler()).thenAccept(a -> account = Optional.of(a));
  }

  @Override
  public LimitsView limits() {
    Map<AgentId, AgentConfig> configs = new java.util.HashMap<>();
    engine.agents().forEach(c -> configs.put(c.id(), c));
    List<Map.Entry<AgentConfig, AgentState>> rows = new java.util.ArrayList<>();
    for (Cached c : agents.values()) {
      AgentConfig cfg = configs.get(c.agent().configuredId());
      if (cfg != null) {
        rows.add(Map.entry(cfg, c.state()));
      }
    }
    return LimitUsage.view(account, rows, feeds.map(f -> f.market().lastPrices()).orElse(Map.of()));
  }

  /** A report the ports have not seen is a new run: its time is when it was first seen. */
  private void onReport(ReconcileReport rep) {
    if (rep == lastReport) {
      return;
    }
    lastReport = rep;
    // Alarms only: differences still within their grace or on the user's own symbols are not drift.
    String result = !rep.alarms().isEmpty() ? "DRIFT" : rep.hasCorrections() ? "REPAIRED" : "CLEAN";
    reconcile = new ReconcileStatus(clock.instant(), result, rep.alarms());
  }

  private void feedMetrics(Feeds f) {
    Map<AgentId, AgentState> states = new java.util.HashMap<>();
    agents.values().forEach(c -> states.put(c.agent().journalId(), c.state()));
    AgentPortViews.sample(states, Optional.of(f.journal()), f.metrics(), clock.instant(), f.market().lastPrices());
    FeedStaleness feed = feed(f);
    if (feed.sinceLastFrameSeconds() != null) {
      f.metrics().metrics().setWebsocketStaleness(Duration.ofMillis(Math.round(feed.sinceLastFrameSeconds() * 1000)));
    }
    for (FeedStaleness.SymbolTrades t : feed.symbols()) {
      f.metrics().metrics().setTradeStaleness(t.symbol(), t.sinceLastTradeSeconds() == null ? null
          : Duration.ofMillis(Math.round(t.sinceLastTradeSeconds() * 1000)));
    }
  }

  /**
   * The websocket's staleness: since its last frame of any kind (the supervisor's count, so a
   * quiet market with PINGPONGs still looks alive), and per symbol since its last trade during
   * continuous trading, when a silent symbol means something.
   */
  private FeedStaleness feed(Feeds f) {
    Instant now = clock.instant();
    boolean marketHours = schedule.phaseAt(now).tradesContinuously();
    Optional<Instant> frame = lastFrame;
    List<FeedStaleness.SymbolTrades> symbols = f.market().symbols().stream().sorted(
        java.util.Comparator.comparing(Symbol::code)).map(sym -> {
          Optional<Instant> t = f.market().lastTrade(sym);
          Instant since = t.orElse(null);
          Double seconds = marketHours ? seconds(t.orElse(null), now) : null;
          return new FeedStaleness.SymbolTrades(sym.code(), since, seconds);
        }).toList();
    return new FeedStaleness(frame.orElse(null), frame.map(x -> seconds(x, now)).orElse(null), marketHours, symbols);
  }

  /** Seconds from {@code at} to {@code now}; a symbol that never traded counts from the dashboard's start. */
  private Double seconds(Instant at, Instant now) {
    Instant from = at == null ? started : at;
    return Math.max(0, Duration.between(from, now).toMillis()) / 1000.0;
  }

  @Override
  public List<AgentRow> agents() {
    return agents.values().stream().map(this::row).toList();
  }

  private AgentRow row(Cached c) {
    Map<Symbol, Long> marks = feeds.map(f -> f.market().lastPrices()).orElse(Map.of());
    AgentRow row = AgentPortViews.row(c.state(), c.agent().symbol(), c.agent().strategy(), c.paused(),
        !c.agent().running(), marks, killSwitch, journal(c)).withIdleReason(c.idleReason());
    return c.agent().damaged() ? new AgentRow(row.id(), row.symbols(), row.strategy(), AgentRunState.DAMAGED,
        row.position(), row.averagePrice(), row.realizedPnl(), row.unrealizedPnl(), row.workingOrders(),
        row.lastFill(), row.riskState()).withIdleReason(row.idleReason()) : row;
  }

  private Optional<AgentJournalView> journal(Cached c) {
    return feeds.flatMap(f -> f.journal().view(c.agent().journalId()));
  }

  @Override
  public Optional<AgentDetail> agent(AgentId id) {
    Cached c = agents.get(id);
    if (c == null) {
      return Optional.empty();
    }
    return Optional.of(AgentPortViews.detail(row(c), c.state(), journal(c)));
  }

  @Override
  public ConnectionStatus connection() {
    LevelState ws = websocket.get();
    return feeds.map(f -> new ConnectionStatus(f.metrics().tokenLevel(), ws, f.metrics().restLevel(),
            f.metrics().restCallsLastSecond(), f.restCallsPerSecondLimit(), feed(f), f.metrics().ordersHeldForToken()))
        .orElse(new ConnectionStatus(LevelState.unknown(), ws, LevelState.unknown(), 0, 0));
  }

  /** From the engine's {@link kis.actors.live.DiskWatch}. */
  @Override
  public kis.engine.dashboard.DiskStatus disk() {
    return kis.actors.live.DiskWatch.get(system).disk().map(d -> {
      kis.actors.live.DiskSpace.State st = d.state();
      return new kis.engine.dashboard.DiskStatus(st.low(), st.freeBytes(), d.settings().minFreeBytes(), st.since(),
          st.detail());
    }).orElse(kis.engine.dashboard.DiskStatus.unknown());
  }

  @Override
  public ReconcileStatus lastReconcile() {
    ReconcileOutcomes.Snapshot o = engine.reconcileOutcomes().snapshot();
    ReconcileStatus r = reconcile;
    // The watch knows when the run finished; the report is asked for once a second.
    if (o.lastSuccess().isPresent() && r.at() != null) {
      r = new ReconcileStatus(o.lastSuccess().get(), r.result(), r.drift());
    }
    return r.withFailures(o.lastFailure().map(ReconcileOutcomes.Failure::at).orElse(null),
        o.lastFailure().map(ReconcileOutcomes.Failure::reason).orElse(null), o.consecutiveFailures(), o.failures());
  }

  @Override
  public KillSwitchStatus killSwitch() {
    return killSwitch;
  }

  @Override
  public MarketClock clock() {
    Instant now = clock.instant();
    return new MarketClock(schedule.phaseAt(now).name(), now.atZone(KST));
  }

  /**
   * A real pause at the agent's strategy host: no new orders, while market data, fills and working
   * orders go on. Not journaled: a restarted engine runs the agent unpaused.
   */
  @Override
  public CompletionStage<ControlResult> pause(AgentId agent, Operator who) {
    return toHost(agent, true).thenApply(r -> {
      if (r.ok()) {
        agents.computeIfPresent(agent, (k, v) -> new Cached(v.agent(), v.state(), true, v.idleReason()));
      }
      return r;
    });
  }

  /** Unpauses the host and, for a parked agent, resumes it (journaled {@code AgentResumed}). */
  @Override
  public CompletionStage<ControlResult> resume(AgentId agent, Operator who) {
    Cached c = agents.get(agent);
    boolean parked = c != null && c.state().parked();
    return toHost(agent, false).thenCompose(r -> {
      if (!r.ok()) {
        return CompletableFuture.completedFuture(r);
      }
      agents.computeIfPresent(agent, (k, v) -> new Cached(v.agent(), v.state(), false, v.idleReason()));
      return parked ? toManager(agent, (id, rt) -> new AgentManager.ResumeAgent(id, who.name(), rt), "resumed")
          : CompletableFuture.completedFuture(ControlResult.done(agent + " resumed"));
    });
  }

  private CompletionStage<ControlResult> toHost(AgentId agent, boolean pause) {
    Cached c = agents.get(agent);
    if (c == null || c.agent().host().isEmpty()) {
      return CompletableFuture.completedFuture(ControlResult.refused("no running agent " + agent));
    }
    return AskPattern.<StrategyHost.Command, Done>ask(c.agent().host().get(), r -> new StrategyHost.Pause(pause, r),
            ASK, system.scheduler())
        .thenApply(d -> ControlResult.done(agent + (pause ? " paused: no new orders; working orders stay" : " unpaused")));
  }

  @Override
  public CompletionStage<ControlResult> park(AgentId agent, Operator who) {
    return toManager(agent, (id, r) -> new AgentManager.ParkAgent(id, "parked by " + who.name(), r), "parked");
  }

  @Override
  public CompletionStage<ControlResult> cancelOrders(AgentId agent, Operator who) {
    Cached c = agents.get(agent);
    if (c == null || c.agent().agent().isEmpty()) {
      return CompletableFuture.completedFuture(ControlResult.refused("no running agent " + agent));
    }
    int n = 0;
    for (Order o : c.state().openOrders().values()) {
      c.agent().agent().get().tell(new Agent.CancelOrder(o.id(), "cancel by " + who.name(), system.ignoreRef()));
      n++;
    }
    return CompletableFuture.completedFuture(ControlResult.done(n + " cancel(s) sent"));
  }

  /**
   * The agent manager checks the rule ({@code FreshStartRule}: parked, no working or in-doubt
   * order, no position unless handed over) against the agent's own books and moves it to a new journal; the old row leaves the page.
   */
  @Override
  public CompletionStage<ControlResult> freshStart(AgentId agent, Operator who, boolean handover) {
    Cached c = agents.get(agent);
    if (c == null) {
      return CompletableFuture.completedFuture(ControlResult.refused("no agent " + agent));
    }
    AgentId configured = c.agent().configuredId();
    return AskPattern.<AgentManager.Command, StatusReply<AgentId>>ask(engine.manager(),
            r -> new AgentManager.FreshStart(configured, handover, who.name(), r), ASK.multipliedBy(3),
            system.scheduler())
        .thenApply(r -> {
          if (r.isError()) {
            return ControlResult.refused(r.getError().getMessage());
          }
          agents.remove(agent);
          feeds.ifPresent(f -> f.journal().unfollow(agent));
          return ControlResult.done(configured + " started afresh on journal " + r.getValue() + " by " + who.name()
              + "; the old journal " + agent + " is kept" + kis.actors.manager.FreshStartRule.handoverNote(c.state(), handover));
        });
  }

  @Override
  public CompletionStage<ControlResult> killSwitchOn(Operator who, String reason) {
    return killSwitchAsk(r -> new KillSwitch.Engage(reason, who.name(), r),
        "kill switch engaged: working orders cancelled, new orders denied until reset");
  }

  @Override
  public CompletionStage<ControlResult> killSwitchReset(Operator who) {
    return killSwitchAsk(r -> new KillSwitch.Reset(who.name(), r), "kill switch reset: agents may trade again");
  }

  private CompletionStage<ControlResult> killSwitchAsk(
      java.util.function.Function<org.apache.pekko.actor.typed.ActorRef<StatusReply<KillSwitchState>>,
          KillSwitch.Command> command, String done) {
    return AgentPortViews.answer(AskPattern.<KillSwitch.Command, StatusReply<KillSwitchState>>ask(
            engine.killSwitch(), command::apply, ASK, system.scheduler()),
        k -> killSwitch = AgentPortViews.killSwitch(k), done);
  }

  @Override
  public CompletionStage<ControlResult> reconcile(Operator who) {
    // Joins the run in progress (a new one if none is): answered within one run, however busy.
    return AskPattern.<ReconcilerActor.Command, StatusReply<ReconcileReport>>ask(engine.reconciler(),
            ReconcilerActor.JoinRun::new, kis.engine.dashboard.EngineControl.LONG_CONTROL, system.scheduler())
        .thenApply(r -> {
          if (!r.isSuccess()) {
            return ControlResult.refused(r.getError().getMessage());
          }
          onReport(r.getValue());
          return ControlResult.done("reconciled: " + r.getValue().drifts().size() + " drift(s), "
              + r.getValue().unowned().size() + " symbol(s) with orders no agent owns"
              + r.getValue().cashDrift().map(d -> ", " + d.describe()).orElse(", no cash drift"));
        });
  }

  @Override
  public CompletionStage<ControlResult> acceptCash(Operator who) {
    return AskPattern.<ReconcilerActor.Command, StatusReply<String>>ask(engine.reconciler(),
            r -> new ReconcilerActor.AcceptCash(who.name(), r), ASK, system.scheduler())
        .thenApply(r -> r.isSuccess() ? ControlResult.done(r.getValue()) : ControlResult.refused(r.getError().getMessage()));
  }

  @Override
  public CompletionStage<ControlResult> bookBack(AgentId agent, Operator who) {
    Cached c = agents.get(agent);
    if (c == null) {
      return CompletableFuture.completedFuture(ControlResult.refused("no agent " + agent));
    }
    return AskPattern.<ReconcilerActor.Command, StatusReply<String>>ask(engine.reconciler(),
            r -> new ReconcilerActor.BookBackOrders(c.agent().journalId(), who.name(), Optional.empty(), r),
            kis.engine.dashboard.EngineControl.LONG_CONTROL, system.scheduler())
        .thenApply(r -> r.isSuccess() ? ControlResult.done(r.getValue()) : ControlResult.refused(r.getError().getMessage()));
  }

  private CompletionStage<ControlResult> toManager(AgentId journalId,
      java.util.function.BiFunction<AgentId, org.apache.pekko.actor.typed.ActorRef<StatusReply<Done>>,
          AgentManager.Command> command, String what) {
    Cached c = agents.get(journalId);
    if (c == null) {
      return CompletableFuture.completedFuture(ControlResult.refused("no agent " + journalId));
    }
    AgentId configured = c.agent().configuredId();
    return AskPattern.<AgentManager.Command, StatusReply<Done>>ask(engine.manager(),
            r -> command.apply(configured, r), ASK, system.scheduler())
        .thenApply(r -> r.isSuccess() ? ControlResult.done(journalId + " " + what)
            : ControlResult.refused(r.getError().getMessage()));
  }

  @Override
  public void close() {
    refresher.cancel();
  }
}
