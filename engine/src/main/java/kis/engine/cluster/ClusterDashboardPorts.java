package kis.engine.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import kis.actors.agent.AgentConfig;
import kis.actors.live.AccountDesk;
import kis.actors.live.AgentRunner;
import kis.actors.live.HostSignals;
import kis.journal.calendar.SessionSchedule;
import kis.actors.risk.KillSwitchState;
import kis.cluster.ClusterEngine;
import kis.engine.dashboard.AgentDetail;
import kis.engine.dashboard.AgentRow;
import kis.engine.dashboard.ConnectionStatus;
import kis.engine.dashboard.ControlResult;
import kis.engine.dashboard.KillSwitchStatus;
import kis.engine.dashboard.FeedStaleness;
import kis.engine.dashboard.LevelState;
import kis.engine.dashboard.LimitsView;
import kis.engine.dashboard.MarketClock;
import kis.engine.dashboard.NodeStatus;
import kis.engine.dashboard.Operator;
import kis.engine.dashboard.ReconcileStatus;
import kis.engine.dashboard.live.AgentJournalView;
import kis.engine.dashboard.live.AgentPortViews;
import kis.engine.dashboard.live.DashboardStack;
import kis.engine.dashboard.live.JournalFeed;
import kis.engine.dashboard.live.LimitUsage;
import kis.engine.dashboard.live.LiveMetrics;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.pattern.StatusReply;

/**
 * The dashboard's ports over one node of the cluster profile, showing the whole cluster: every
 * configured agent wherever sharding runs it (asked through its entity), the account's KIS
 * connection, last reconciliation, kill switch and last prices from the account singleton on
 * whichever node (asked through the singleton proxy), the agents' journals through the JDBC read
 * journal ({@link JournalFeed}), and one line per cluster member. Reads come from a cache refreshed
 * every second in the background; controls go to the agent's entity or the account singleton
 * wherever they run and complete with their answers.
 *
 * <p>The refresh asks the account singleton every second but an agent's entity only when its
 * books may have changed ({@link AgentRefresh}: its journal moved, as the journal feed reads it, or
 * its journal id changed, or a control touched it) plus a slow sweep of every agent once per
 * {@value #SWEEP_SECONDS} s, with at most {@value #MAX_ASKS_IN_FLIGHT} asks outstanding: hundreds
 * of quiet agents cost a few asks a second, not hundreds.
 */
public final class ClusterDashboardPorts implements DashboardStack.Ports {
  private static final ZoneId KST = ZoneId.of("Asia/Seoul");
  private static final Duration ASK = Duration.ofSeconds(5);
  static final int SWEEP_SECONDS = 30;
  static final int MAX_ASKS_IN_FLIGHT = 32;

  private record Cached(AgentConfig config, AgentState state) {}

  /**
   * What the ports read besides the actors; either may be absent (tests).
   *
   * @param restCallsPerSecondLimit the account's REST pacing, shown next to the calls made
   */
  public record Feeds(Optional<JournalFeed> journal, Optional<LiveMetrics> metrics, int restCallsPerSecondLimit) {}

  private final ActorSystem<?> system;
  private final ClusterEngine.Handles cluster;
  private final SessionSchedule schedule;
  private final Clock clock;
  private final Feeds feeds;
  /** By journal id (a row's id), as the dashboard's controls name agents. */
  private final Map<AgentId, Cached> agents = new ConcurrentHashMap<>();
  private final Map<String, Long> reconnectsSeen = new ConcurrentHashMap<>();
  private volatile AccountDesk.DeskStatus desk;
  private volatile KillSwitchStatus killSwitch = KillSwitchStatus.off();
  private volatile Optional<HostSignals.AccountStatus> account = Optional.empty();
  private final AgentRefresh refresh;
  private final Cancellable refresher;

  public ClusterDashboardPorts(ActorSystem<?> system, ClusterEngine.Handles cluster, SessionSchedule schedule,
      Clock clock, Feeds feeds) {
    this.system = system;
    this.cluster = cluster;
    this.schedule = schedule;
    this.clock = clock;
    this.feeds = feeds;
    // Without a journal feed nothing says which journals moved: every agent on every tick, as bounded.
    this.refresh = new AgentRefresh(cluster.agents(),
        a -> cluster.agent(a.id()).<AgentState>ask(AgentRunner.GetState::new, ASK),
        journalId -> feeds.journal().map(j -> j.lastSequenceNr(journalId)).orElse(-1L), this::onBooks,
        MAX_ASKS_IN_FLIGHT, feeds.journal().isPresent() ? SWEEP_SECONDS : 1);
    this.refresher = system.scheduler().scheduleWithFixedDelay(Duration.ZERO, Duration.ofSeconds(1), this::refresh,
        system.executionContext());
  }

  private void refresh() {
    AskPattern.<AccountDesk.Command, AccountDesk.DeskStatus>ask(cluster.account(), AccountDesk.GetStatus::new, ASK,
        system.scheduler()).thenAccept(this::onDesk);
    AskPattern.<AccountDesk.Command, HostSignals.AccountStatus>ask(cluster.account(), AccountDesk.GetAccount::new,
        ASK, system.scheduler()).thenAccept(a -> account = Optional.of(a));
    AccountDesk.DeskStatus d = desk;
    refresh.tick(d == null ? Map.of() : d.journalIds());
    feeds.metrics().ifPresent(this::feedMetrics);
  }

  private void onBooks(AgentConfig a, AgentState s) {
    AgentId journalId = new AgentId(s.agentId());
    dropOtherJournals(a.id(), journalId);
    agents.put(journalId, new Cached(a, s));
    feeds.journal().ifPresent(j -> j.follow(journalId));
  }

  /** A fresh start moved the agent to {@code current}: the old journal's row goes and is no longer followed. */
  private void dropOtherJournals(AgentId configured, AgentId current) {
    agents.entrySet().removeIf(e -> {
      boolean left = e.getValue().config().id().equals(configured) && !e.getKey().equals(current);
      if (left) {
        feeds.journal().ifPresent(j -> j.unfollow(e.getKey()));
      }
      return left;
    });
  }

  /** Agent entities asked for their books since the start (the refresh's cost). */
  public long agentAsks() {
    return refresh.asks();
  }

  private void onDesk(AccountDesk.DeskStatus s) {
    desk = s;
    KillSwitchState k = s.killSwitch();
    killSwitch = AgentPortViews.killSwitch(k);
    feeds.metrics().ifPresent(m -> s.reconnects().forEach((level, n) -> {
      long before = reconnectsSeen.getOrDefault(level, 0L);
      if (n > before) {
        m.metrics().onReconnects(level.toLowerCase(java.util.Locale.ROOT), n - before);
        reconnectsSeen.put(level, n);
      }
    }));
  }

  private void feedMetrics(LiveMetrics m) {
    Map<AgentId, AgentState> states = new java.util.HashMap<>();
    agents.forEach((id, c) -> states.put(id, c.state()));
    AgentPortViews.sample(states, feeds.journal(), m, clock.instant(), marks());
    AccountDesk.DeskStatus d = desk;
    if (d != null && d.lastFrame() != null) {
      m.metrics().setWebsocketStaleness(Duration.between(d.lastFrame(), clock.instant()));
    }
  }

  /** The account's last trade prices (from the singleton), for unrealized P&L. */
  public Map<Symbol, Long> marks() {
    AccountDesk.DeskStatus d = desk;
    Map<Symbol, Long> out = new java.util.HashMap<>();
    if (d != null) {
      d.lastPrices().forEach((code, price) -> out.put(Symbol.of(code), price));
    }
    return out;
  }

  @Override
  public LimitsView limits() {
    return LimitUsage.view(account, agents.values().stream().map(c -> Map.entry(c.config(), c.state())).toList(),
        marks());
  }

  @Override
  public List<AgentRow> agents() {
    return agents.values().stream().map(this::row).toList();
  }

  private AgentRow row(Cached c) {
    return AgentPortViews.row(c.state(), c.config().symbol(), c.config().strategy(), false, false, marks(),
        killSwitch, journal(c));
  }

  private Optional<AgentJournalView> journal(Cached c) {
    return feeds.journal().flatMap(j -> j.view(new AgentId(c.state().agentId())));
  }

  @Override
  public Optional<AgentDetail> agent(AgentId id) {
    Cached c = cached(id);
    if (c == null) {
      return Optional.empty();
    }
    return Optional.of(AgentPortViews.detail(row(c), c.state(), journal(c)));
  }

  /** By journal id (what rows show) or configured id. */
  private Cached cached(AgentId id) {
    Cached c = agents.get(id);
    if (c != null) {
      return c;
    }
    return agents.values().stream().filter(x -> x.config().id().equals(id)).findFirst().orElse(null);
  }

  @Override
  public ConnectionStatus connection() {
    AccountDesk.DeskStatus d = desk;
    if (d == null) {
      return ConnectionStatus.unknown();
    }
    LevelState ws = new LevelState(d.connection(), d.connectionSince(), d.connectionCause());
    boolean here = d.node().equals(selfAddress().toString());
    // Only the singleton's node talks REST to KIS; elsewhere the supervisor's state stands for all levels.
    LevelState token = here ? feeds.metrics().map(LiveMetrics::tokenLevel).orElse(ws) : ws;
    LevelState rest = here ? feeds.metrics().map(LiveMetrics::restLevel).orElse(ws) : ws;
    int calls = here ? feeds.metrics().map(LiveMetrics::restCallsLastSecond).orElse(0) : 0;
    int held = here ? feeds.metrics().map(LiveMetrics::ordersHeldForToken).orElse(0) : 0;
    return new ConnectionStatus(token, ws, rest, calls, feeds.restCallsPerSecondLimit(), FeedStaleness.unknown(), held);
  }

  @Override
  public ReconcileStatus lastReconcile() {
    AccountDesk.DeskStatus d = desk;
    if (d == null) {
      return ReconcileStatus.never();
    }
    ReconcileStatus r = d.reconciledAt() == null ? ReconcileStatus.never()
        : new ReconcileStatus(d.reconciledAt(), d.reconcileResult(), d.drift());
    // Failed runs as the single node shows them: the account's reconcile watch counts them in both profiles.
    return r.withFailures(d.lastReconcileFailureAt(),
        d.lastReconcileFailure().isEmpty() ? null : d.lastReconcileFailure(), d.reconcileFailuresInRow(),
        d.reconcileFailures());
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

  @Override
  public List<NodeStatus> nodes() {
    ClusterEvent.CurrentClusterState state = Cluster.get(system).state();
    java.util.Set<Member> unreachable = state.getUnreachable();
    AccountDesk.DeskStatus d = desk;
    Address self = selfAddress();
    List<NodeStatus> out = new ArrayList<>();
    StreamSupport.stream(state.getMembers().spliterator(), false)
        .sorted(Comparator.comparing(m -> m.address().toString()))
        .forEach(m -> {
          String address = m.address().toString();
          List<String> here = d == null ? List.of() : d.agentNodes().entrySet().stream()
              .filter(e -> e.getValue().equals(address)).map(Map.Entry::getKey).sorted().toList();
          out.add(new NodeStatus(address, m.status().toString(), !unreachable.contains(m),
              d != null && d.node().equals(address), here, m.address().equals(self)));
        });
    return out;
  }

  private Address selfAddress() {
    return Cluster.get(system).selfMember().address();
  }

  @Override
  public CompletionStage<ControlResult> pause(AgentId agent, Operator who) {
    return park(agent, who);
  }

  @Override
  public CompletionStage<ControlResult> resume(AgentId agent, Operator who) {
    return toEntity(agent, r -> new AgentRunner.Resume(who.name(), r), "resumed");
  }

  @Override
  public CompletionStage<ControlResult> park(AgentId agent, Operator who) {
    return toEntity(agent, r -> new AgentRunner.Park("parked by " + who.name(), r), "parked");
  }

  @Override
  public CompletionStage<ControlResult> cancelOrders(AgentId agent, Operator who) {
    Cached c = cached(agent);
    if (c == null) {
      return CompletableFuture.completedFuture(ControlResult.refused("no agent " + agent));
    }
    return cluster.agent(c.config().id()).<StatusReply<Integer>>ask(r -> new AgentRunner.CancelWorking(who.name(), r),
            ASK)
        .thenApply(r -> r.isSuccess() ? ControlResult.done(r.getValue() + " cancel(s) sent")
            : ControlResult.refused(r.getError().getMessage()));
  }

  /**
   * The agent's entity checks the rule ({@code FreshStartRule}: parked, no working or in-doubt
   * order, no position unless handed over) against its own books and moves the agent to a new journal, journaled cluster-wide; the
   * old row leaves the page and the new books are asked for at once.
   */
  @Override
  public CompletionStage<ControlResult> freshStart(AgentId agent, Operator who, boolean handover) {
    Cached c = cached(agent);
    if (c == null) {
      return CompletableFuture.completedFuture(ControlResult.refused("no agent " + agent));
    }
    AgentId configured = c.config().id();
    return cluster.agent(configured).<StatusReply<String>>ask(r -> new AgentRunner.FreshStart(who.name(), handover, r),
            ASK.multipliedBy(3))
        .thenApply(r -> {
          if (r.isError()) {
            return ControlResult.refused(r.getError().getMessage());
          }
          dropOtherJournals(configured, new AgentId(r.getValue()));
          refresh.force(configured);
          return ControlResult.done(configured + " started afresh on journal " + r.getValue() + " by " + who.name()
              + "; the old journal " + c.state().agentId() + " is kept"
              + kis.actors.manager.FreshStartRule.handoverNote(c.state(), handover));
        });
  }

  @Override
  public CompletionStage<ControlResult> killSwitchOn(Operator who, String reason) {
    return killSwitchAsk(r -> new AccountDesk.EngageKillSwitch(reason, who.name(), r),
        "kill switch engaged: working orders cancelled on every node, new orders denied until reset");
  }

  @Override
  public CompletionStage<ControlResult> killSwitchReset(Operator who) {
    return killSwitchAsk(r -> new AccountDesk.ResetKillSwitch(who.name(), r),
        "kill switch reset: agents may trade again");
  }

  private CompletionStage<ControlResult> killSwitchAsk(
      Function<ActorRef<StatusReply<KillSwitchState>>, AccountDesk.Command> command, String done) {
    return AgentPortViews.answer(AskPattern.<AccountDesk.Command, StatusReply<KillSwitchState>>ask(
            cluster.account(), command::apply, ASK, system.scheduler()),
        k -> killSwitch = AgentPortViews.killSwitch(k), done);
  }

  @Override
  public CompletionStage<ControlResult> reconcile(Operator who) {
    return AskPattern.<AccountDesk.Command, StatusReply<String>>ask(cluster.account(), AccountDesk.RunReconcile::new,
            kis.engine.dashboard.EngineControl.LONG_CONTROL, system.scheduler())
        .thenApply(r -> r.isSuccess() ? ControlResult.done(r.getValue()) : ControlResult.refused(
            r.getError().getMessage()));
  }

  @Override
  public CompletionStage<ControlResult> bookBack(AgentId agent, Operator who) {
    Cached c = cached(agent);
    if (c == null) {
      return CompletableFuture.completedFuture(ControlResult.refused("no agent " + agent));
    }
    return AskPattern.<AccountDesk.Command, StatusReply<String>>ask(cluster.account(),
            r -> new AccountDesk.BookBack(new AgentId(c.state().agentId()), who.name(), r), kis.engine.dashboard.EngineControl.LONG_CONTROL, system.scheduler())
        .thenApply(r -> r.isSuccess() ? ControlResult.done(r.getValue()) : ControlResult.refused(
            r.getError().getMessage()));
  }

  private CompletionStage<ControlResult> toEntity(AgentId agent,
      Function<ActorRef<StatusReply<Done>>, AgentRunner.Command> command, String what) {
    Cached c = cached(agent);
    if (c == null) {
      return CompletableFuture.completedFuture(ControlResult.refused("no agent " + agent));
    }
    return cluster.agent(c.config().id()).<StatusReply<Done>>ask(command::apply, ASK)
        .thenApply(r -> {
          refresh.force(c.config().id());
          return r.isSuccess() ? ControlResult.done(agent + " " + what) : ControlResult.refused(r.getError().getMessage());
        });
  }

  @Override
  public void close() {
    refresher.cancel();
  }
}
