package kis.actors.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kis.actors.agent.Agent;
import kis.actors.agent.GenerationStore;
import kis.actors.agent.OrderPort;
import kis.journal.calendar.SessionSchedule;
import kis.actors.gateway.GatewaySettings;
import kis.actors.gateway.OrderGateway;
import kis.actors.reconcile.AgentDirectory;
import kis.actors.reconcile.EarlierOrders;
import kis.actors.reconcile.ReconcileReport;
import kis.actors.reconcile.ReconcileRounds;
import kis.actors.reconcile.ReconcilerActor;
import kis.actors.reconcile.ReconcilerSettings;
import kis.actors.reconcile.TailProofs;
import kis.actors.risk.AccountLimits;
import kis.actors.risk.CancelAllWorkingOrders;
import kis.actors.risk.KillSwitch;
import kis.actors.risk.KillSwitchState;
import kis.actors.supervisor.KisSupervisor;
import kis.actors.supervisor.MarketFeed;
import kis.actors.supervisor.StreamSessions;
import kis.actors.supervisor.SupervisorSettings;
import kis.connector.assembly.KisConnector;
import kis.connector.record.FrameRecorder;
import kis.connector.record.RecordingSettings;
import kis.connector.ws.FrameTap;
import kis.connector.rest.Quote;
import kis.connector.ws.KisFeedEvent;
import kis.adapter.KisMarketData;
import kis.adapter.KisMarketStatus;
import kis.strategies.event.Trade;
import kis.journal.AgentId;
import kis.journal.JournalSerializable;
import kis.actors.supervisor.FeedPriority;
import kis.actors.supervisor.PolledPrint;
import kis.journal.PrintSource;
import kis.journal.Symbol;
import kis.journal.calendar.MarketCalendar;
import kis.journal.calendar.SessionClock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;

/**
 * One KIS account, run as a Cluster Singleton: its supervisor (the one websocket), order gateway
 * (the one rate budget per app key), reconciler and journaled kill switch, plus the desk itself,
 * where agent entities on any node register. The desk keeps the reconciler's directory of agents, registers each agent
 * with the gateway for notice routing, relays its symbols' trades from the websocket, and enables
 * an agent's trading only after a reconciliation that asked KIS for the account after it registered
 * and read its books (so orders left in doubt by a crashed node are resolved before its agents trade
 * again): whichever run that is (the supervisor's once connected, the desk's own, a periodic one),
 * each agent as soon as one ends, not after the last agent.
 *
 * <p>The safety pieces of the single-node engine live here too, fed to every agent wherever it
 * runs: the account's {@link KillSwitch} (journaled as {@code KillSwitch|<account name>} in the
 * shared journal, so a singleton that starts on another node recovers it latched, cancels again and
 * keeps denying) telling the gateway, which refuses new orders while it is latched, and
 * {@link HostSignals} (kill switch, KIS connection state, base prices) telling each runner as its
 * serializable commands. Market data goes the same way: one subscription per symbol, each trade
 * handed to every runner of the symbol.
 */
public final class AccountDesk {

  /** What the desk accepts; the public ones cross nodes through each node's {@code DeskLink}. */
  public sealed interface Command extends JournalSerializable
      permits AgentUp, GetAgents, GetStatus, Locate, EngageKillSwitch, ResetKillSwitch, RunReconcile, AcceptCash, BookBack, EntityGone,
          Reconciled, ReconcileNow, DayRoll, RollCheck, KillSwitchSeen, CancelAllSeen, ConnectionSeen, StatusReady, FeedSeen, PolledSeen,
          GetAccount, CloseOrderFlow, DiskCheck, AgentDamaged, GetParts, Replied, RunSeen {}

  /**
   * The desk's own actors and its directory of agents, for the node that spawned it as a child (the
   * single node's wiring, its shutdown and its tests); never sent across nodes.
   */
  public record GetParts(ActorRef<Parts> replyTo) implements Command {}

  /**
   * @param reconciler the reconciler as everyone reaches it (behind its {@link ReconcileWatch})
   * @param directory the agents the reconciler asks, by journal id
   */
  public record Parts(ActorRef<KisSupervisor.Command> supervisor, ActorRef<OrderGateway.Command> gateway,
      ActorRef<ReconcilerActor.Command> reconciler, ActorRef<KillSwitch.Command> killSwitch,
      ActorRef<HostSignals.Command> signals, AgentDirectory directory) {}

  /**
   * Agent {@code agentId}'s recovery on {@code journalId} gave up (its journal cannot be read): it
   * no longer runs, so the reconciler stops asking it, it may not trade, and the status lists it.
   */
  public record AgentDamaged(AgentId agentId, AgentId journalId, String why) implements Command {}

  /**
   * Close the order flow for good (the engine's coordinated shutdown, step 1): from now on every
   * order, revise or cancel an agent sends is refused back to it ({@code ENGINE_STOPPING}, journaled
   * as never sent) instead of going towards KIS. {@code replyTo} hears once the gateway is closed.
   */
  public record CloseOrderFlow(ActorRef<org.apache.pekko.Done> replyTo) implements Command {}

  /** The account's limits across agents and every agent's last figures (kept by the singleton's HostSignals). */
  public record GetAccount(ActorRef<HostSignals.AccountStatus> replyTo) implements Command {}

  /**
   * An agent entity (re)started, or fresh-started its agent: route notices of {@code journalId}
   * (the configured {@code agentId}, or its current generation) to {@code agent}, feed
   * {@code symbols}' prints of {@code prints}' feed (the agent's {@code market-data}) to
   * {@code entity}. Answered with {@link AgentRunner.AccountReady}; repeats are harmless.
   */
  public record AgentUp(AgentId agentId, AgentId journalId, ActorRef<Agent.Command> agent,
      ActorRef<AgentRunner.Command> entity, List<Symbol> symbols, List<GenerationStore.LeftBehind> leftBehind,
      PrintSource prints, FeedPriority priority) implements Command {
    /** At the default market-data priority. */
    public AgentUp(AgentId agentId, AgentId journalId, ActorRef<Agent.Command> agent,
        ActorRef<AgentRunner.Command> entity, List<Symbol> symbols, List<GenerationStore.LeftBehind> leftBehind,
        PrintSource prints) {
      this(agentId, journalId, agent, entity, symbols, leftBehind, prints, FeedPriority.PRINTS);
    }

    public AgentUp {
      priority = priority == null ? FeedPriority.PRINTS : priority;
      leftBehind = leftBehind == null ? List.of() : List.copyOf(leftBehind);
      prints = prints == null ? PrintSource.KRX : prints;
    }

    /** KRX's prints. */
    public AgentUp(AgentId agentId, AgentId journalId, ActorRef<Agent.Command> agent,
        ActorRef<AgentRunner.Command> entity, List<Symbol> symbols, List<GenerationStore.LeftBehind> leftBehind) {
      this(agentId, journalId, agent, entity, symbols, leftBehind, PrintSource.KRX);
    }

    public AgentUp(AgentId agentId, AgentId journalId, ActorRef<Agent.Command> agent,
        ActorRef<AgentRunner.Command> entity, List<Symbol> symbols) {
      this(agentId, journalId, agent, entity, symbols, List.of());
    }
  }

  /**
   * Answered with {@link Here}: how a node's {@code DeskLink} learns which desk instance its proxy
   * reaches, to watch it.
   */
  public record Locate(ActorRef<Here> replyTo) implements Command {}

  /** The desk instance that answered a {@link Locate}. */
  public record Here(ActorRef<Command> desk) implements JournalSerializable {}

  /** The agents registered now, by id. */
  public record GetAgents(ActorRef<Agents> replyTo) implements Command {}

  /** The desk's view: the registered agents by id (string keys: it crosses nodes) and which of them may trade. */
  public record Agents(Map<String, ActorRef<Agent.Command>> agents, Set<String> trading)
      implements JournalSerializable {}

  /** The account's state for the dashboard and the status log. */
  public record GetStatus(ActorRef<DeskStatus> replyTo) implements Command {}

  /**
   * The account as the desk sees it; everything crosses nodes.
   *
   * @param node the address of the node the singleton runs on
   * @param connection the KIS supervisor's {@code ConnectionState} name, {@code UNKNOWN} before it said
   * @param reconnects the supervisor's reconnects per level
   * @param reconcileResult {@code NEVER}, {@code CLEAN}, {@code REPAIRED} or {@code DRIFT} (last run)
   * @param reconciledAt when the desk first saw the last run's report, null if none yet
   * @param agentNodes each registered agent's node address
   * @param journalIds each registered agent's journal id (its configured id unless fresh-started)
   * @param trading the registered agents that may trade
   * @param lastPrices the last KIS trade price per symbol code the agents trade
   * @param lastFrame when the websocket last delivered one of their frames, null if never
   * @param reconcileFailuresInRow reconciliations failed since the last success (0 after a success)
   * @param lastReconcileFailure why the last failed run failed, empty if none failed
   * @param lastReconcileFailureAt when it failed, null if none failed
   * @param reconcileFailures reconciliations failed since this desk started
   * @param damaged the agents whose journal could not be recovered, by id, with why (DAMAGED)
   * @param accountCash the account's cash figures as the last reconciliation read them
   * @param withoutViNews the symbol codes the supervisor found no market-status registration for (no live VI news)
   */
  public record DeskStatus(String node, String connection, Instant connectionSince, String connectionCause,
      Map<String, Long> reconnects, KillSwitchState killSwitch, String reconcileResult, Instant reconciledAt,
      List<String> drift, Map<String, String> agentNodes, Map<String, String> journalIds, Set<String> trading,
      Map<String, Long> lastPrices, Instant lastFrame, int reconcileFailuresInRow, String lastReconcileFailure,
      Instant lastReconcileFailureAt, long reconcileFailures, Map<String, String> damaged,
      kis.adapter.account.AccountCash accountCash, List<String> withoutViNews)
      implements JournalSerializable {
    public DeskStatus {
      withoutViNews = withoutViNews == null ? List.of() : List.copyOf(withoutViNews);
    }
  }

  /**
   * Engage the account's {@link KillSwitch}: every agent's working orders are cancelled, new orders
   * denied until an operator resets it; {@code by} names who pulled it. Answered by the kill switch.
   */
  public record EngageKillSwitch(String reason, String by, ActorRef<StatusReply<KillSwitchState>> replyTo)
      implements Command {}

  /** Reset the account's {@link KillSwitch}; only an operator, named in {@code by}. Answered by the kill switch. */
  public record ResetKillSwitch(String by, ActorRef<StatusReply<KillSwitchState>> replyTo) implements Command {}

  /**
   * An operator's book-back of the orders no agent owns on {@code agent}'s symbols (journal id),
   * answered with what was booked ({@link ReconcilerActor.BookBackOrders}).
   */
  public record BookBack(AgentId agent, String operator, ActorRef<StatusReply<String>> replyTo) implements Command {}

  /** Run the reconciler now; answered with a one-line summary or the failure. */
  public record RunReconcile(ActorRef<StatusReply<String>> replyTo) implements Command {}

  /** An operator accepts the account's cash as it is ({@link ReconcilerActor.AcceptCash}). */
  public record AcceptCash(String operator, ActorRef<StatusReply<String>> replyTo) implements Command {}

  record KillSwitchSeen(KillSwitchState state) implements Command {}

  record CancelAllSeen(CancelAllWorkingOrders request) implements Command {}

  record ConnectionSeen(KisSupervisor.Status status) implements Command {}

  record FeedSeen(KisFeedEvent event) implements Command {}

  /** A polled price of a feed without a websocket registration. */
  record PolledSeen(PolledPrint print) implements Command {}

  record StatusReady(ActorRef<DeskStatus> replyTo, Optional<ReconcileReport> report) implements Command {}

  record EntityGone(AgentId agentId, ActorRef<AgentRunner.Command> entity) implements Command {}

  record Reconciled(ReconcileRounds.Outcome outcome) implements Command {}

  /** Any run of the reconciler ended (the desk's own, the supervisor's on connecting, the periodic ones). */
  record RunSeen(ReconcilerActor.RunEnded run) implements Command {}

  record ReconcileNow() implements Command {}

  /** An operator's reconcile was answered (nothing more to do: agents that registered meanwhile asked their own run). */
  record Replied() implements Command {}

  record DiskCheck() implements Command {}

  /** Time to look whether the day roll is due ({@link ReconcileRounds#scheduleDayRoll}). */
  record RollCheck() implements Command {}

  /**
   * A venue's day ended (sent by the desk's own day-roll timer at every venue's close, with each
   * venue's last close in {@code closedBy}: only the orders those venues cancelled expire); tests
   * send it without {@code closedBy} to roll a whole day without waiting for it.
   */
  public record DayRoll(LocalDate tradingDay, Map<kis.journal.Venue, Instant> closedBy) implements Command {
    public DayRoll {
      closedBy = closedBy == null ? Map.of() : Map.copyOf(closedBy);
    }

    /** Every working order of {@code tradingDay} and before expires. */
    public DayRoll(LocalDate tradingDay) {
      this(tradingDay, Map.of());
    }
  }


  /**
   * What the account needs.
   *
   * @param accountName the account's name ({@code kis-trader.cluster.account}), never its number: the
   *     kill switch's journal key
   * @param supervisor the KIS supervisor's watchdog limits ({@code kis-trader.supervisor})
   * @param reconciler how the reconciler runs (costs, in-doubt grace, interval)
   * @param accountLimits {@code kis-trader.risk.account}: kept by the desk's {@link HostSignals}, the one
   *     authority for the account's limits in both profiles, fed by every agent's host wherever it runs
   * @param disk the data dir whose free space gates new orders ({@link DiskSpace}, {@code kis-trader.disk}),
   *     with those settings; empty: not watched (the cluster's journal is PostgreSQL's disk)
   * @param proofs the lost tails {@code journal repair} proved, the evidence of a book-back (the single
   *     node's start check); none in the cluster
   */
  public record Setup(String accountName, KisConnector connector, Clock clock, SessionSchedule schedule,
      SessionClock sessions, GatewaySettings gateway, SupervisorSettings supervisor, ReconcilerSettings reconciler,
      AccountLimits accountLimits, Optional<DiskWatchSetup> disk, TailProofs proofs,
      Optional<RecordingSettings> recording) {

    public Setup(String accountName, KisConnector connector, Clock clock, SessionSchedule schedule,
        SessionClock sessions, GatewaySettings gateway, SupervisorSettings supervisor, ReconcilerSettings reconciler,
        AccountLimits accountLimits, Optional<DiskWatchSetup> disk, TailProofs proofs) {
      this(accountName, connector, clock, schedule, sessions, gateway, supervisor, reconciler, accountLimits, disk,
          proofs, Optional.empty());
    }

    /**
     * Records the market-data frames the desk's websocket receives while the desk runs on this node
     * ({@code kis-trader.recording}, README "Record and replay"); empty: not recorded.
     */
    public Setup withRecording(Optional<RecordingSettings> r) {
      return new Setup(accountName, connector, clock, schedule, sessions, gateway, supervisor, reconciler,
          accountLimits, disk, proofs, r);
    }

    public Setup(String accountName, KisConnector connector, Clock clock, SessionSchedule schedule,
        SessionClock sessions, GatewaySettings gateway, SupervisorSettings supervisor, ReconcilerSettings reconciler,
        AccountLimits accountLimits, Optional<DiskWatchSetup> disk) {
      this(accountName, connector, clock, schedule, sessions, gateway, supervisor, reconciler, accountLimits, disk,
          TailProofs.NONE);
    }

    public Setup(String accountName, KisConnector connector, Clock clock, SessionSchedule schedule,
        SessionClock sessions, GatewaySettings gateway, SupervisorSettings supervisor, ReconcilerSettings reconciler,
        AccountLimits accountLimits) {
      this(accountName, connector, clock, schedule, sessions, gateway, supervisor, reconciler, accountLimits,
          Optional.empty());
    }

    /** Without account limits across agents. */
    public Setup(String accountName, KisConnector connector, Clock clock, SessionSchedule schedule,
        SessionClock sessions, GatewaySettings gateway, SupervisorSettings supervisor, ReconcilerSettings reconciler) {
      this(accountName, connector, clock, schedule, sessions, gateway, supervisor, reconciler, AccountLimits.NONE);
    }
  }

  /** The data dir to watch and how ({@code kis-trader.disk}). */
  public record DiskWatchSetup(java.nio.file.Path dataDir, DiskSpace.Settings settings) {}


  private final Setup setup;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  /** The reconciler's view: by journal id. */
  private final Map<AgentId, ActorRef<Agent.Command>> directory = new ConcurrentHashMap<>();
  /** What each registered agent's recorded fresh starts left behind (configured id → records). */
  private final Map<AgentId, List<GenerationStore.LeftBehind>> leftBehind = new ConcurrentHashMap<>();
  /** The rest by configured id. */
  private final Map<AgentId, ActorRef<AgentRunner.Command>> entities = new ConcurrentHashMap<>();
  private final Map<AgentId, ActorRef<Agent.Command>> agents = new HashMap<>();
  private final Map<AgentId, AgentId> journals = new ConcurrentHashMap<>(); // the reconciler's directory reads it
  private final Set<AgentId> trading = new HashSet<>();
  /** Which agents see each feed's prints: the desk's one subscription per feed serves them all. */
  private final Map<MarketFeed, Set<AgentId>> traders = new HashMap<>();
  private final ActorRef<ReconcilerActor.Command> reconciler;
  private final ActorRef<OrderGateway.Command> gateway;
  private final ActorRef<OrderPort> port;
  private final ActorRef<KisSupervisor.Command> supervisor;
  private final ReconcileOutcomes outcomes = new ReconcileOutcomes();
  private DiskSpace disk;
  /** Records the market-data frames while the desk runs here; off when the setup names no recording. */
  private final FrameRecorder recorder;
  /** Agents whose recovery gave up, by configured id: why. */
  private final Map<String, String> damaged = new HashMap<>();
  private final ActorRef<HostSignals.Command> signals;
  private final ActorRef<KillSwitch.Command> killSwitch;
  private KillSwitchState killSwitchState;
  private KisSupervisor.Status connection;
  private final ActorRef<KisFeedEvent> feedWatch;
  /** Each feed subscribed at the supervisor, with the highest priority asked for it so far. */
  private final Map<MarketFeed, FeedPriority> watched = new HashMap<>();
  private final ActorRef<PolledPrint> polledWatch;
  /** Stocks whose market status (VI news) the desk has asked the supervisor for. */
  private final Set<Symbol> statusWatched = new HashSet<>();
  private final Map<String, Long> lastPrices = new HashMap<>();
  private Instant lastFrame;
  private ReconcileReport lastReport;
  private Instant lastReportSeen;
  private final ReconcileRounds<Command> rounds;
  /** The day roll has expired what the venues had cancelled by this instant (from the desk's start on: a start after a close leaves that close to the reconciler). */
  private Instant rolledUpTo;
  /** The reconciler's view of the registered agents (read from its thread). */
  private final AgentDirectory dir;

  private AccountDesk(Setup setup, ActorContext<Command> ctx, TimerScheduler<Command> timers) {
    this.setup = setup;
    this.ctx = ctx;
    this.timers = timers;
    this.dir = new AgentDirectory() {
      @Override
      public Map<AgentId, ActorRef<Agent.Command>> agents() {
        return Map.copyOf(directory);
      }

      @Override
      public EarlierOrders earlierOrders(java.time.LocalDate day) {
        return AccountDesk.earlierOrders(Map.copyOf(journals), Map.copyOf(leftBehind), day);
      }
    };
    // The watch runs the reconciler periodically and stands in for it everywhere, so every run's
    // outcome (a failure too) reaches the account's status.
    // Agents on every node send to the gateway itself: it refuses while the kill switch is latched
    // or once the engine's shutdown closed it.
    ActorRef<Object> gatewayAndPort = ctx.spawn(OrderGateway.createWithPort(setup.connector().rest(), setup.gateway(),
        setup.clock(), setup.schedule()), "gateway");
    this.gateway = gatewayAndPort.narrow();
    this.port = gatewayAndPort.narrow();
    ActorRef<ReconcilerActor.Command> reconcilerItself = ctx.spawn(ReconcilerActor.create(setup.connector().rest(),
        gateway.narrow(), dir, setup.reconciler().withInterval(Duration.ZERO), setup.clock(), setup.proofs()),
        "reconciler");
    this.reconciler = ctx.spawn(ReconcileWatch.create(reconcilerItself, outcomes, setup.reconciler().interval(),
        setup.clock(), ctx.messageAdapter(ReconcilerActor.RunEnded.class, RunSeen::new)), "reconcile-watch").narrow();
    this.supervisor = ctx.spawn(KisSupervisor.create(setup.connector(), setup.supervisor(), gateway,
        OrderGateway.ReportReceived::new, reconciler, setup.sessions(), StreamSessions.following(setup.schedule(),
            new MarketCalendar(setup.sessions().calendar()))), "kis");
    supervisor.tell(new KisSupervisor.WatchStatus(ctx.messageAdapter(KisSupervisor.Status.class, ConnectionSeen::new)));
    this.signals = ctx.spawn(HostSignals.create(supervisor,
        sym -> setup.connector().rest().inquirePrice(sym.code()).thenApply(Quote::stckSdpr),
        setup.connector().rateLimiter()::freeNow, setup.schedule(), setup.clock()), "host-signals");
    // Recovered from the shared journal wherever the singleton starts: latched stays latched.
    this.killSwitch = ctx.spawn(KillSwitch.create(setup.accountName(),
        ctx.messageAdapter(CancelAllWorkingOrders.class, CancelAllSeen::new),
        ctx.messageAdapter(KillSwitchState.class, KillSwitchSeen::new), setup.clock()), "kill-switch");
    signals.tell(new HostSignals.UseAccountLimits(setup.accountLimits(), killSwitch));
    this.feedWatch = ctx.messageAdapter(KisFeedEvent.class, FeedSeen::new);
    this.polledWatch = ctx.messageAdapter(PolledPrint.class, PolledSeen::new);
    this.rounds = new ReconcileRounds<>(ctx, timers, reconciler, directory::keySet, Reconciled::new,
        ReconcileNow::new);
    setup.disk().ifPresent(this::watchDisk);
    this.recorder = startRecording(setup);
    this.rolledUpTo = setup.clock().instant();
    scheduleDayRoll();
  }

  /**
   * The free-space margin of the data dir, looked at once now (before any agent registers) and
   * then on a schedule; every host hears it through the signals.
   */
  private void watchDisk(DiskWatchSetup d) {
    DiskSpace disk = new DiskSpace(DiskSpace.usableSpaceOf(d.dataDir()), d.settings(), d.dataDir(), setup.clock());
    disk.onChange(st -> signals.tell(new HostSignals.DiskNow(st)));
    DiskWatch.get(ctx.getSystem()).set(disk);
    disk.check();
    this.disk = disk;
    timers.startTimerWithFixedDelay("disk", new DiskCheck(), d.settings().checkEvery());
  }

  /**
   * One recorder per desk, so the single node and the cluster's singleton record alike, wherever the
   * account runs: it taps the connector's websocket sessions (the open one and every reconnect).
   */
  private FrameRecorder startRecording(Setup s) {
    FrameRecorder r = FrameRecorder.start(s.recording().orElse(RecordingSettings.OFF), s.clock());
    s.connector().tapMarketFrames(r);
    RecordingWatch.get(ctx.getSystem()).set(r);
    return r;
  }

  /** The singleton's behavior. */
  public static Behavior<Command> create(Setup setup) {
    return Behaviors.setup(ctx -> {
      // The operator's (and the outage test's) record of where the account acts: one start per
      // singleton instance, one stop when it ends (its lease lost, its node leaving or dying).
      ctx.setLoggerName(AccountDesk.class);
      ctx.getLog().info("account {} starts on this node ({})", setup.accountName(), ctx.getSystem().address());
      return Behaviors.withTimers(timers -> new AccountDesk(setup, ctx, timers).running());
    });
  }

  private Behavior<Command> running() {
    return Behaviors.receive(Command.class)
        .onMessage(AgentUp.class, this::onAgentUp)
        .onMessage(PolledSeen.class, this::onPolled)
        .onMessage(EntityGone.class, m -> {
          if (m.entity().equals(entities.get(m.agentId()))) {
            // Its subscriptions stay: a runner that comes back is fed again from its registration.
            entities.remove(m.agentId());
            agents.remove(m.agentId());
            AgentId journal = journals.remove(m.agentId());
            if (journal != null) {
              directory.remove(journal);
            }
            trading.remove(m.agentId());
          }
          return Behaviors.same();
        })
        .onMessage(GetParts.class, m -> {
          m.replyTo().tell(new Parts(supervisor, gateway, reconciler, killSwitch, signals, dir));
          return Behaviors.same();
        })
        .onMessage(Locate.class, m -> {
          m.replyTo().tell(new Here(ctx.getSelf()));
          return Behaviors.same();
        })
        .onMessage(GetAgents.class, m -> {
          Map<String, ActorRef<Agent.Command>> byId = new java.util.HashMap<>();
          agents.forEach((id, ref) -> byId.put(id.value(), ref));
          m.replyTo().tell(new Agents(byId, trading.stream().map(AgentId::value).collect(
              java.util.stream.Collectors.toSet())));
          return Behaviors.same();
        })
        .onMessage(GetStatus.class, m -> {
          ctx.pipeToSelf(AskPattern.<ReconcilerActor.Command, Optional<ReconcileReport>>ask(reconciler,
                  ReconcilerActor.GetLastReport::new, Duration.ofSeconds(5), ctx.getSystem().scheduler()),
              (r, err) -> new StatusReady(m.replyTo(), r == null ? Optional.empty() : r));
          return Behaviors.same();
        })
        .onMessage(StatusReady.class, this::onStatusReady)
        .onMessage(FeedSeen.class, this::onFeed)
        .onMessage(GetAccount.class, m -> {
          signals.tell(new HostSignals.GetAccount(m.replyTo()));
          return Behaviors.same();
        })
        .onMessage(EngageKillSwitch.class, m -> {
          killSwitch.tell(new KillSwitch.Engage(m.reason(), m.by(), m.replyTo()));
          return Behaviors.same();
        })
        .onMessage(ResetKillSwitch.class, m -> {
          killSwitch.tell(new KillSwitch.Reset(m.by(), m.replyTo()));
          return Behaviors.same();
        })
        .onMessage(KillSwitchSeen.class, m -> {
          killSwitchState = m.state();
          gateway.tell(new OrderGateway.KillSwitchNow(m.state()));
          signals.tell(new HostSignals.KillSwitchNow(m.state()));
          return Behaviors.same();
        })
        .onMessage(CancelAllSeen.class, m -> {
          signals.tell(new HostSignals.CancelAll(m.request()));
          return Behaviors.same();
        })
        .onMessage(ConnectionSeen.class, m -> {
          connection = m.status();
          return Behaviors.same();
        })
        .onMessage(RunReconcile.class, m -> {
          // Joins the run in progress: an operator's answer within one run, however busy the account.
          ctx.pipeToSelf(AskPattern.<ReconcilerActor.Command, StatusReply<ReconcileReport>>ask(reconciler,
                  ReconcilerActor.JoinRun::new, Duration.ofSeconds(60), ctx.getSystem().scheduler()),
              (r, err) -> {
                if (r != null && r.isSuccess()) {
                  m.replyTo().tell(StatusReply.success("reconciled: " + r.getValue().drifts().size() + " drift(s), "
                      + r.getValue().unowned().size() + " symbol(s) with orders no agent owns"
                      + r.getValue().cashDrift().map(d -> ", " + d.describe()).orElse(", no cash drift") + ", "
                      + r.getValue().corrections().values().stream().mapToInt(List::size).sum() + " correction(s)"));
                } else {
                  m.replyTo().tell(StatusReply.error(err != null ? String.valueOf(err.getMessage())
                      : String.valueOf(r.getError().getMessage())));
                }
                return new Replied();
              });
          return Behaviors.same();
        })
        .onMessage(AcceptCash.class, m -> {
          reconciler.tell(new ReconcilerActor.AcceptCash(m.operator(), m.replyTo()));
          return Behaviors.same();
        })
        .onMessage(AgentDamaged.class, m -> {
          ctx.getLog().error("agent {} (journal {}) is DAMAGED: {}", m.agentId(), m.journalId(), m.why());
          damaged.put(m.agentId().value(), m.why());
          if (m.journalId().equals(journals.get(m.agentId()))) {
            directory.remove(m.journalId()); // a run would wait for its state in vain
            trading.remove(m.agentId());
          }
          return Behaviors.same();
        })
        .onMessage(DiskCheck.class, m -> {
          disk.check();
          return Behaviors.same();
        })
        .onMessage(CloseOrderFlow.class, m -> {
          gateway.tell(new OrderGateway.Close(m.replyTo()));
          return Behaviors.same();
        })
        .onMessage(BookBack.class, m -> {
          reconciler.tell(new ReconcilerActor.BookBackOrders(m.agent(), m.operator(), Optional.empty(), m.replyTo()));
          return Behaviors.same();
        })
        .onMessage(Replied.class, m -> Behaviors.same())
        .onMessage(ReconcileNow.class, m -> {
          reconcile();
          return Behaviors.same();
        })
        .onMessage(Reconciled.class, this::onReconciled)
        .onMessage(RunSeen.class, this::onRunSeen)
        .onMessage(DayRoll.class, this::onDayRoll)
        .onMessage(RollCheck.class, m -> {
          scheduleDayRoll();
          return Behaviors.same();
        })
        .onSignal(PostStop.class, sig -> {
          ctx.getLog().info("account {} stopped on this node ({})", setup.accountName(), ctx.getSystem().address());
          setup.connector().tapMarketFrames(FrameTap.NONE);
          recorder.close(); // ends this run's gzip member
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> onAgentUp(AgentUp m) {
    damaged.remove(m.agentId().value()); // recovered after all (restarted, the journal repaired)
    ActorRef<AgentRunner.Command> known = entities.get(m.agentId());
    if (!m.entity().equals(known) || !m.agent().equals(agents.get(m.agentId()))) {
      if (!m.entity().equals(known)) {
        ctx.watchWith(m.entity(), new EntityGone(m.agentId(), m.entity()));
      }
      entities.put(m.agentId(), m.entity());
      agents.put(m.agentId(), m.agent());
      AgentId before = journals.put(m.agentId(), m.journalId());
      if (before != null) {
        directory.remove(before); // a fresh start: the old journal is archived, not reconciled
      }
      directory.put(m.journalId(), m.agent());
      leftBehind.put(m.agentId(), m.leftBehind());
      trading.remove(m.agentId());
      gateway.tell(new OrderGateway.RegisterAgent(m.journalId(), m.agent()));
      for (Symbol s : m.symbols()) {
        // A runner new to the signals (a restarted one is a new ref) hears every fact at once.
        signals.tell(new HostSignals.Watch(m.entity(), s));
        MarketFeed feed = new MarketFeed(m.prints(), s);
        // An agent sees one feed per symbol: a restart with another market-data leaves the old one.
        traders.forEach((f, ids) -> {
          if (f.symbol().equals(s) && !f.equals(feed)) {
            ids.remove(m.agentId());
          }
        });
        traders.computeIfAbsent(feed, x -> new HashSet<>()).add(m.agentId());
        FeedPriority had = watched.get(feed);
        if (had == null || m.priority().compareTo(had) < 0) {
          // One subscription per feed for the desk's life (the supervisor keeps it across reconnects),
          // again when an agent needs it more than those before (the supervisor keeps the highest).
          watched.put(feed, m.priority().max(had));
          supervisor.tell(new KisSupervisor.SubscribeMarket(s, feedWatch, false, m.prints(), m.priority(),
              polledWatch));
        }
        if (statusWatched.add(s)) {
          // Asked after the stock's prints, so the supervisor grants it only a slot the prints left.
          supervisor.tell(new KisSupervisor.SubscribeMarketStatus(s, feedWatch));
        }
      }
      ctx.getLog().info("agent {} (journal {}) registered from {}", m.agentId(), m.journalId(),
          m.entity().path().address());
      reconcile();
    }
    m.entity().tell(new AgentRunner.AccountReady(port, ctx.getSelf()));
    return Behaviors.same();
  }

  /**
   * A websocket frame of a symbol some agent trades: the time and price for the status, and each
   * trade to every runner that sees its feed and is up now (a runner that is down hears the next ones).
   */
  private Behavior<Command> onFeed(FeedSeen m) {
    lastFrame = setup.clock().instant();
    if (m.event() instanceof KisFeedEvent.MarketStatus) {
      KisMarketStatus.phase(m.event(), lastFrame).map(AgentRunner.StockPhase::of).ifPresent(this::toTradersOf);
      return Behaviors.same();
    }
    if (!(m.event() instanceof KisFeedEvent.Trade raw)) {
      return Behaviors.same();
    }
    if (raw.price() > 0) {
      lastPrices.put(raw.symbol(), raw.price());
    }
    MarketFeed feed = new MarketFeed(KisMarketData.source(raw.market()), Symbol.of(raw.symbol()));
    KisMarketData.trade(raw).ifPresent(x -> {
      if (x instanceof Trade t) {
        AgentRunner.MarketTrade trade = new AgentRunner.MarketTrade(t.symbol(), t.time(), t.price(), t.quantity(),
            t.cumulativeVolume());
        for (AgentId id : traders.getOrDefault(feed, Set.of())) {
          ActorRef<AgentRunner.Command> e = entities.get(id);
          if (e != null) {
            e.tell(trade);
          }
        }
      }
    });
    return Behaviors.same();
  }

  /** A stock's VI news to every runner up now that trades it, whichever feed its prints come from. */
  private void toTradersOf(AgentRunner.StockPhase p) {
    Set<AgentId> ids = new HashSet<>();
    traders.forEach((f, who) -> {
      if (f.symbol().equals(p.symbol())) {
        ids.addAll(who);
      }
    });
    for (AgentId id : ids) {
      ActorRef<AgentRunner.Command> e = entities.get(id);
      if (e != null) {
        e.tell(p);
      }
    }
  }

  /** A polled price goes to the feed's runners as a trade marked polled, as a streamed one would. */
  private Behavior<Command> onPolled(PolledSeen m) {
    PolledPrint p = m.print();
    lastPrices.put(p.feed().symbol().code(), p.price());
    AgentRunner.MarketTrade trade = new AgentRunner.MarketTrade(p.feed().symbol(), p.at(), p.price(), p.volume(),
        p.cumulativeVolume(), true);
    for (AgentId id : traders.getOrDefault(p.feed(), Set.of())) {
      ActorRef<AgentRunner.Command> e = entities.get(id);
      if (e != null) {
        e.tell(trade);
      }
    }
    return Behaviors.same();
  }

  /** One run at a time ({@link ReconcileRounds}); agents that register during a run are covered by the next one. */
  private void reconcile() {
    rounds.request();
  }

  private Behavior<Command> onReconciled(Reconciled m) {
    if (!rounds.ended(m.outcome())) {
      return Behaviors.same();
    }
    // Covered are journal ids: an agent fresh-started during the run waits for the next one.
    for (Map.Entry<AgentId, AgentId> j : journals.entrySet()) {
      AgentId id = j.getKey();
      ActorRef<AgentRunner.Command> e = entities.get(id);
      if (m.outcome().covered().contains(j.getValue()) && e != null && trading.add(id)) {
        e.tell(new AgentRunner.EnableTrading());
        ctx.getLog().info("agent {} reconciled; it may trade", id);
      }
    }
    return Behaviors.same();
  }

  /**
   * Every successful run enables the agents it proved whole ({@link ReconcilerActor.RunEnded#covered}:
   * registered before it asked KIS for the account, their books in its last read), whoever asked for
   * it: so an agent that finishes recovering while a run is under way trades when that run ends if it
   * registered before the account was read, and otherwise after the next run, never after the last
   * agent's. The same agent instance only: one that registered again since waits for a run of its own.
   */
  private Behavior<Command> onRunSeen(RunSeen m) {
    if (!m.run().succeeded()) {
      return Behaviors.same();
    }
    for (Map.Entry<AgentId, AgentId> j : journals.entrySet()) {
      AgentId id = j.getKey();
      ActorRef<Agent.Command> proven = m.run().covered().get(j.getValue());
      ActorRef<AgentRunner.Command> e = entities.get(id);
      if (proven != null && proven.equals(agents.get(id)) && e != null && !damaged.containsKey(id.value())
          && trading.add(id)) {
        e.tell(new AgentRunner.EnableTrading());
        ctx.getLog().info("agent {} reconciled; it may trade", id);
      }
    }
    return Behaviors.same();
  }

  private Behavior<Command> onStatusReady(StatusReady m) {
    m.report().ifPresent(r -> {
      if (r != lastReport) {
        lastReport = r;
        lastReportSeen = setup.clock().instant();
      }
    });
    String node = ctx.getSystem().address().toString();
    Map<String, String> agentNodes = new java.util.TreeMap<>();
    Map<String, String> journalIds = new java.util.TreeMap<>();
    journals.forEach((id, j) -> journalIds.put(id.value(), j.value()));
    entities.forEach((id, e) -> agentNodes.put(id.value(),
        e.path().address().hasLocalScope() ? node : e.path().address().toString()));
    String result = lastReport == null ? "NEVER" : !lastReport.alarms().isEmpty() ? "DRIFT"
        : lastReport.hasCorrections() ? "REPAIRED" : "CLEAN";
    Map<String, Long> reconnects = new java.util.TreeMap<>();
    if (connection != null) {
      connection.reconnects().forEach((level, n) -> reconnects.put(level.name(), n));
    }
    ReconcileOutcomes.Snapshot outcome = outcomes.snapshot();
    m.replyTo().tell(new DeskStatus(node, connection == null ? "UNKNOWN" : connection.state().name(),
        connection == null ? null : connection.since(),
        connection == null ? "" : connection.text(), reconnects,
        killSwitchState == null ? KillSwitchState.OFF : killSwitchState, result, lastReportSeen,
        lastReport == null ? List.of() : lastReport.alarms(), agentNodes,
        journalIds,
        trading.stream().map(AgentId::value).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
        Map.copyOf(lastPrices), lastFrame, outcome.consecutiveFailures(),
        outcome.lastFailure().map(ReconcileOutcomes.Failure::reason).orElse(""),
        outcome.lastFailure().map(ReconcileOutcomes.Failure::at).orElse(null), outcome.failures(),
        new java.util.TreeMap<>(damaged),
        lastReport == null ? kis.adapter.account.AccountCash.UNKNOWN : lastReport.accountCash(),
        connection == null ? List.of() : connection.withoutViNews().stream().map(Symbol::code).toList()));
    return Behaviors.same();
  }

  private void scheduleDayRoll() {
    ReconcileRounds.scheduleDayRoll(timers, setup.schedule(), setup.clock(), rolledUpTo, DayRoll::new, RollCheck::new)
        .ifPresent(t -> rolledUpTo = t);
  }

  private Behavior<Command> onDayRoll(DayRoll m) {
    ctx.getLog().info("session of {} ended: working orders expire{}", m.tradingDay(),
        m.closedBy().isEmpty() ? "" : " on the venues that closed by then " + new java.util.TreeMap<>(m.closedBy()));
    entities.values().forEach(e -> e.tell(new AgentRunner.ExpireWorkingOrders(m.tradingDay(), m.closedBy())));
    reconcile();
    scheduleDayRoll();
    return Behaviors.same();
  }

  /**
   * The numbers of {@code day}'s orders the earlier journals of the registered agents placed, as
   * their fresh starts recorded them, and which current journals have every earlier generation
   * recorded (the witness then recognises their rows by number and guesses nothing).
   */
  static EarlierOrders earlierOrders(Map<AgentId, AgentId> journals, Map<AgentId, List<GenerationStore.LeftBehind>> records,
      java.time.LocalDate day) {
    Map<kis.journal.OrderNo, String> byNumber = new java.util.HashMap<>();
    java.util.Set<String> complete = new java.util.HashSet<>();
    journals.forEach((configured, journal) -> {
      String id = journal.value();
      int dot = id.lastIndexOf(".g");
      int generation = dot > 0 && id.substring(0, dot).equals(configured.value()) ? Integer.parseInt(id.substring(dot + 2)) : 0;
      java.util.Set<Integer> recorded = new java.util.HashSet<>();
      for (GenerationStore.LeftBehind r : records.getOrDefault(configured, List.of())) {
        recorded.add(r.generation());
        if (r.day().equals(day)) {
          String left = GenerationStore.journalId(configured, r.generation() - 1).value();
          r.orders().forEach(no -> byNumber.put(no, left));
        }
      }
      boolean all = true;
      for (int g = 1; g <= generation; g++) {
        all &= recorded.contains(g);
      }
      if (all) {
        complete.add(id);
      }
    });
    return new EarlierOrders(byNumber, complete);
  }
}
