package kis.actors.manager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentConfig;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import kis.actors.agent.RecoveryGiveUps;
import kis.journal.calendar.SessionSchedule;
import kis.actors.agent.StrategyFailures;
import kis.actors.agent.StrategyHost;
import kis.actors.reconcile.ReconcileRounds;
import kis.actors.reconcile.ReconcilerActor;
import kis.journal.risk.RiskGuard;
import kis.journal.risk.RiskLimits;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.strategies.Strategy;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;

/**
 * Runs the configured agents, each as a persistent {@link Agent} with its {@link StrategyHost}:
 * start, stop, park, resume and fresh-start (a new journal) while the engine runs.
 *
 * <p>Nothing trades before the reconciler's first run has completed: hosts start with trading
 * disabled and get {@link StrategyHost.EnableTrading} once it has. At each session end (from the
 * {@link SessionSchedule}) every agent's working orders expire ({@link Agent.ExpireWorkingOrders},
 * KIS cancels them overnight) and the reconciler runs again, so the next day starts reconciled.
 */
public final class AgentManager {

  public sealed interface Command
      permits StartAgent, StopAgent, ParkAgent, ResumeAgent, FreshStart, GetAgents, Spawned, Reconciled, DayRoll,
          ReconcileNow, FreshStartChecked, RecoveryGaveUp {}

  /** Start a configured agent that is not running. */
  public record StartAgent(AgentId id, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Stop a running agent (its journal stays; working orders stay at KIS until cancelled or expired). */
  public record StopAgent(AgentId id, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record ParkAgent(AgentId id, String reason, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record ResumeAgent(AgentId id, String by, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /**
   * Restart a configured agent on a new, empty journal ({@link AgentGenerations}); the old
   * journal stays on disk. Replies with the new journal id, or an error when {@link FreshStartRule}
   * refuses (the agent is not parked, still has live orders, or holds a position without
   * {@code handover}) or the agent is not running (its books cannot be checked). With
   * {@code handover} the new journal starts with the old one's positions ({@link FreshStartRule#handover}).
   */
  public record FreshStart(AgentId id, boolean handover, String by, ActorRef<StatusReply<AgentId>> replyTo)
      implements Command {
    /** Without a handover: refused while the agent holds a position. */
    public FreshStart(AgentId id, ActorRef<StatusReply<AgentId>> replyTo) {
      this(id, false, "operator", replyTo);
    }
  }

  public record GetAgents(ActorRef<List<ManagedAgent>> replyTo) implements Command {}

  /**
   * One configured agent as the manager sees it.
   *
   * @param configuredId the id in the configuration
   * @param journalId the journal it runs on now ({@code configuredId} unless fresh-started)
   * @param agent the persistent agent, empty when stopped
   * @param host its strategy host, empty when stopped
   */
  public record ManagedAgent(AgentId configuredId, AgentId journalId, String strategy, Symbol symbol,
      boolean running, Optional<ActorRef<Agent.Command>> agent, Optional<ActorRef<StrategyHost.Command>> host,
      Optional<String> damage) {
    public ManagedAgent(AgentId configuredId, AgentId journalId, String strategy, Symbol symbol, boolean running,
        Optional<ActorRef<Agent.Command>> agent, Optional<ActorRef<StrategyHost.Command>> host) {
      this(configuredId, journalId, strategy, symbol, running, agent, host, Optional.empty());
    }

    /** Its journal failed the start check: it is not started ({@link JournalHealth}). */
    public boolean damaged() {
      return damage.isPresent();
    }
  }

  record Spawned(AgentId configuredId, AgentId journalId, ActorRef<Agent.Command> agent,
      ActorRef<StrategyHost.Command> host) implements Command {}

  /** The agent on {@code journalId} stopped for good: its recovery failed too often ({@link RecoveryGiveUps}). */
  record RecoveryGaveUp(AgentId configuredId, AgentId journalId) implements Command {}

  record Reconciled(ReconcileRounds.Outcome outcome) implements Command {}

  record FreshStartChecked(FreshStart request, AgentId journalId, AgentState books, Throwable failure)
      implements Command {}

  record DayRoll(LocalDate tradingDay) implements Command {}

  record ReconcileNow() implements Command {}

  /**
   * What the manager needs.
   *
   * @param settings journaling settings for a journal id
   * @param riskDefaults the engine-wide limits; per-agent limits override them where set
   * @param port where agents send orders (the order gateway)
   * @param reconciler empty: no reconciliation, trading is enabled at once (tests, offline demos)
   * @param onStarted told each agent that starts (the gateway registers it for notice routing)
   * @param maxStrategyFailures failures within {@code failureWindow} that park an agent
   * @param journals the start check's findings: an agent on a damaged journal is never started
   */
  public record Setup(List<AgentConfig> agents, Function<AgentId, AgentSettings> settings, RiskLimits riskDefaults,
      ActorRef<OrderPort> port, Clock clock, SessionSchedule schedule, MarketFeed feed, AgentRegistry registry,
      AgentGenerations generations, Optional<ActorRef<ReconcilerActor.Command>> reconciler,
      BiConsumer<AgentId, ActorRef<Agent.Command>> onStarted, int maxStrategyFailures, Duration failureWindow,
      JournalHealth journals) {
    public Setup(List<AgentConfig> agents, Function<AgentId, AgentSettings> settings, RiskLimits riskDefaults,
        ActorRef<OrderPort> port, Clock clock, SessionSchedule schedule, MarketFeed feed, AgentRegistry registry,
        AgentGenerations generations, Optional<ActorRef<ReconcilerActor.Command>> reconciler,
        BiConsumer<AgentId, ActorRef<Agent.Command>> onStarted, int maxStrategyFailures, Duration failureWindow) {
      this(agents, settings, riskDefaults, port, clock, schedule, feed, registry, generations, reconciler, onStarted,
          maxStrategyFailures, failureWindow, JournalHealth.allWhole());
    }
  }


  /** The running parts of one agent. */
  private static final class Slot {
    final AgentConfig config;
    final StrategyFailures failures;
    AgentId journalId;
    ActorRef<Void> runner;
    ActorRef<Agent.Command> agent;
    /** Positions handed over at a fresh start, for the new agent once it is spawned. */
    List<Agent.CorrectPosition> pendingHandover = List.of();
    ActorRef<StrategyHost.Command> host;

    Slot(AgentConfig config, StrategyFailures failures) {
      this.config = config;
      this.failures = failures;
    }
  }

  private final Setup setup;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final Map<AgentId, Slot> slots = new LinkedHashMap<>();
  private boolean tradingEnabled;
  private int spawned;
  private boolean firstReconcileAsked;
  /** Empty without a reconciler: trading is enabled at once. */
  private final Optional<ReconcileRounds<Command>> rounds;

  public static Behavior<Command> create(Setup setup) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new AgentManager(setup, ctx, timers).running()));
  }

  private AgentManager(Setup setup, ActorContext<Command> ctx, TimerScheduler<Command> timers) {
    this.setup = setup;
    this.ctx = ctx;
    this.timers = timers;
    this.tradingEnabled = setup.reconciler().isEmpty();
    this.rounds = setup.reconciler().map(r -> new ReconcileRounds<>(ctx, timers, r, java.util.Set::<AgentId>of,
        Reconciled::new, ReconcileNow::new));
    for (AgentConfig a : setup.agents()) {
      slots.put(a.id(), new Slot(a, new StrategyFailures(setup.maxStrategyFailures(), setup.failureWindow())));
    }
    slots.values().forEach(this::spawn);
    if (slots.values().stream().allMatch(this::damaged)) {
      ctx.getSelf().tell(new ReconcileNow()); // no agent will report in: reconcile (and enable trading) now
    }
    scheduleDayRoll();
  }

  private Behavior<Command> running() {
    return Behaviors.receive(Command.class)
        .onMessage(Spawned.class, this::onSpawned)
        .onMessage(RecoveryGaveUp.class, this::onRecoveryGaveUp)
        .onMessage(StartAgent.class, m -> withSlot(m.id(), m.replyTo(), s -> {
          Optional<String> damage = damageOf(setup.generations().current(s.config.id()));
          if (damage.isPresent()) {
            m.replyTo().tell(StatusReply.error(m.id() + "'s journal is damaged (" + damage.get()
                + "): see `journal verify` and `journal repair`, then restart the engine"));
            return;
          }
          if (s.runner == null) {
            spawn(s);
          }
          m.replyTo().tell(StatusReply.ack());
        }))
        .onMessage(StopAgent.class, m -> withSlot(m.id(), m.replyTo(), s -> {
          stop(s);
          m.replyTo().tell(StatusReply.ack());
        }))
        .onMessage(ParkAgent.class, m -> withSlot(m.id(), m.replyTo(), s -> {
          if (s.agent == null) {
            m.replyTo().tell(StatusReply.error(m.id() + " is not running"));
          } else {
            s.agent.tell(new Agent.Park(m.reason(), m.replyTo()));
          }
        }))
        .onMessage(ResumeAgent.class, m -> withSlot(m.id(), m.replyTo(), s -> {
          if (s.agent == null) {
            m.replyTo().tell(StatusReply.error(m.id() + " is not running"));
          } else {
            s.agent.tell(new Agent.Resume(m.by(), m.replyTo()));
          }
        }))
        .onMessage(FreshStart.class, m -> withSlot(m.id(), m.replyTo(), s -> {
          if (s.agent == null) {
            m.replyTo().tell(StatusReply.error(m.id() + " is not running: start it so its books can be checked"));
          } else {
            AgentId journalId = s.journalId;
            ctx.ask(AgentState.class, s.agent, Duration.ofSeconds(10), Agent.GetState::new,
                (books, err) -> new FreshStartChecked(m, journalId, books, err));
          }
        }))
        .onMessage(FreshStartChecked.class, this::onFreshStartChecked)
        .onMessage(GetAgents.class, m -> {
          m.replyTo().tell(view());
          return Behaviors.same();
        })
        .onMessage(ReconcileNow.class, m -> {
          reconcile();
          return Behaviors.same();
        })
        .onMessage(Reconciled.class, this::onReconciled)
        .onMessage(DayRoll.class, this::onDayRoll)
        .build();
  }

  private Behavior<Command> onFreshStartChecked(FreshStartChecked m) {
    Slot s = slots.get(m.request().id());
    Optional<String> refusal = m.failure() != null ? Optional.of("the agent did not answer: " + m.failure().getMessage())
        : !m.journalId().equals(s.journalId) || s.agent == null ? Optional.of(m.request().id() + " moved meanwhile")
        : FreshStartRule.refusal(m.request().id(), m.books(), m.request().handover());
    if (refusal.isPresent()) {
      m.request().replyTo().tell(StatusReply.error(refusal.get()));
      return Behaviors.same();
    }
    var held = FreshStartRule.held(m.books());
    stop(s);
    // The old journal's numbers of today, so the reconciler knows its rows by number.
    java.time.LocalDate day = setup.clock().instant().atZone(java.time.ZoneId.of("Asia/Seoul")).toLocalDate();
    AgentId next = setup.generations().freshStart(s.config.id(), day, FreshStartRule.ordersOfDay(m.books(), day));
    s.failures.clear();
    spawn(s);
    if (!held.isEmpty()) {
      // Told to the new agent as soon as it is spawned, before its strategy may trade.
      s.pendingHandover = FreshStartRule.handover(m.journalId(), held, m.request().by(), ctx.getSystem().ignoreRef());
      ctx.getLog().warn("{}: fresh start by {} hands {} over from journal {} to {}", s.config.id(),
          m.request().by(), FreshStartRule.describe(held), m.journalId(), next);
    }
    ctx.getLog().info("{}: fresh start on journal {}", s.config.id(), next);
    m.request().replyTo().tell(StatusReply.success(next));
    return Behaviors.same();
  }

  /** The KIS numbers (current and pre-revise) of the agent's orders on {@code day}, pruned ones included. */

  private <T> Behavior<Command> withSlot(AgentId id, ActorRef<StatusReply<T>> replyTo,
      java.util.function.Consumer<Slot> action) {
    Slot s = slots.get(id);
    if (s == null) {
      replyTo.tell(StatusReply.error("no configured agent " + id));
    } else {
      action.accept(s);
    }
    return Behaviors.same();
  }

  private void spawn(Slot s) {
    AgentId journalId = setup.generations().current(s.config.id());
    Optional<String> damage = damageOf(journalId);
    if (damage.isPresent()) {
      // Never trade on books that are not whole: the agent stays down, the others trade on.
      ctx.getLog().error("{}: journal {} is DAMAGED, the agent is not started: {}", s.config.id(), journalId,
          damage.get());
      s.journalId = journalId;
      return;
    }
    Strategy probe = FirstThenFresh.create(s.config); // fail fast on a bad configuration, before anything runs
    kis.strategies.BarsFromTrades.deprecationNote("agent " + s.config.id().value() + " strategy.params",
        com.typesafe.config.ConfigFactory.parseMap(s.config.strategyParams())).ifPresent(ctx.getLog()::warn);
    ActorRef<Command> self = ctx.getSelf();
    AgentSettings settings = setup.settings().apply(journalId);
    StrategyHost.Setup hostSetup = new StrategyHost.Setup(journalId, new FirstThenFresh(probe, s.config),
        new RiskGuard(riskFor(s.config), s.config.agentLimits()), setup.schedule(), setup.clock(), s.failures, settings.minBackoff(),
        settings.maxBackoff(), tradingEnabled);
    Behavior<Agent.Published> runner = Behaviors.setup(rc -> {
      ActorRef<Agent.Command> agent = rc.spawn(
          Agent.create(settings, setup.port(), setup.clock(), rc.getSelf()), "agent");
      ActorRef<StrategyHost.Command> host = rc.spawn(StrategyHost.create(hostSetup, agent), "host");
      self.tell(new Spawned(s.config.id(), journalId, agent, host));
      rc.watch(agent);
      return Behaviors.receive(Agent.Published.class)
          .onMessage(Agent.Published.class, p -> {
            host.tell(StrategyHost.fromAgent(p));
            return Behaviors.same();
          })
          .onSignal(Terminated.class, t -> {
            if (RecoveryGiveUps.get(rc.getSystem()).of(journalId).isPresent()) {
              self.tell(new RecoveryGaveUp(s.config.id(), journalId));
            }
            return Behaviors.same();
          })
          .build();
    });
    s.journalId = journalId;
    s.runner = ctx.spawn(runner, "agent-" + journalId.value() + "-" + (++spawned)).unsafeUpcast();
    s.agent = null;
    s.host = null;
  }

  private Behavior<Command> onSpawned(Spawned m) {
    Slot s = slots.get(m.configuredId());
    if (s == null || !m.journalId().equals(s.journalId) || s.runner == null) {
      return Behaviors.same(); // stopped or fresh-started meanwhile
    }
    s.agent = m.agent();
    s.host = m.host();
    s.pendingHandover.forEach(m.agent()::tell);
    s.pendingHandover = List.of();
    setup.registry().put(m.journalId(), m.configuredId(), m.agent(), setup.generations());
    setup.onStarted().accept(m.journalId(), m.agent());
    for (Symbol sym : probeSymbols(s)) {
      setup.feed().subscribe(sym, m.host());
    }
    Strategy probe = FirstThenFresh.create(s.config);
    if (probe.consumesInvestorFlows()) {
      probe.symbols().forEach(sym -> setup.feed().subscribeInvestorFlows(sym, m.host()));
    }
    if (tradingEnabled) {
      m.host().tell(new StrategyHost.EnableTrading());
    }
    ctx.getLog().info("{}: running on journal {}", s.config.id(), m.journalId());
    if (!firstReconcileAsked && slots.values().stream().allMatch(x -> x.agent != null || damaged(x))) {
      // The first run sees every agent, so orders caught mid-send are resolved before trading starts.
      firstReconcileAsked = true;
      reconcile();
    }
    return Behaviors.same();
  }

  /** The start check's finding, or damage found later: the agent's recovery failed too often. */
  private Optional<String> damageOf(AgentId journalId) {
    return setup.journals().damage(journalId).or(() -> RecoveryGiveUps.get(ctx.getSystem()).of(journalId));
  }

  private Behavior<Command> onRecoveryGaveUp(RecoveryGaveUp m) {
    Slot s = slots.get(m.configuredId());
    if (s != null && m.journalId().equals(s.journalId) && s.runner != null) {
      // The agent is already stopped; its host goes with the runner, the others trade on.
      ctx.getLog().error("{}: journal {} is DAMAGED, the agent is stopped: {}", s.config.id(), m.journalId(),
          damageOf(m.journalId()).orElse("recovery failed"));
      ctx.stop(s.runner);
      setup.registry().remove(s.journalId);
      s.runner = null;
      s.agent = null;
      s.host = null;
    }
    return Behaviors.same();
  }

  private boolean damaged(Slot s) {
    return damageOf(setup.generations().current(s.config.id())).isPresent();
  }

  private List<Symbol> probeSymbols(Slot s) {
    List<Symbol> out = new ArrayList<>(FirstThenFresh.create(s.config).symbols());
    if (!out.contains(s.config.symbol())) {
      out.add(s.config.symbol());
    }
    return out;
  }

  private void stop(Slot s) {
    if (s.runner != null) {
      ctx.stop(s.runner);
      setup.registry().remove(s.journalId);
      ctx.getLog().info("{}: stopped", s.config.id());
    }
    s.runner = null;
    s.agent = null;
    s.host = null;
  }

  private void reconcile() {
    rounds.ifPresent(ReconcileRounds::request);
  }

  private Behavior<Command> onReconciled(Reconciled m) {
    if (rounds.isEmpty() || !rounds.get().ended(m.outcome())) {
      return Behaviors.same();
    }
    if (!tradingEnabled) {
      ctx.getLog().info("first reconciliation done; agents may trade");
      tradingEnabled = true;
      slots.values().stream().filter(s -> s.host != null)
          .forEach(s -> s.host.tell(new StrategyHost.EnableTrading()));
    }
    return Behaviors.same();
  }

  private void scheduleDayRoll() {
    ReconcileRounds.scheduleDayRoll(timers, setup.schedule(), setup.clock(), DayRoll::new);
  }

  private Behavior<Command> onDayRoll(DayRoll m) {
    ctx.getLog().info("session of {} ended: working orders expire", m.tradingDay());
    ActorRef<StatusReply<Integer>> ignore = ctx.getSystem().ignoreRef();
    slots.values().stream().filter(s -> s.agent != null)
        .forEach(s -> s.agent.tell(new Agent.ExpireWorkingOrders(m.tradingDay(), ignore)));
    reconcile();
    scheduleDayRoll();
    return Behaviors.same();
  }

  private List<ManagedAgent> view() {
    return slots.values().stream().map(s -> new ManagedAgent(s.config.id(),
        s.journalId == null ? setup.generations().current(s.config.id()) : s.journalId, s.config.strategy(),
        s.config.symbol(), s.runner != null, Optional.ofNullable(s.agent), Optional.ofNullable(s.host),
        damageOf(s.journalId == null ? setup.generations().current(s.config.id()) : s.journalId)))
        .toList();
  }

  /** Engine-wide limits with the agent's own limits where it sets them. */
  RiskLimits riskFor(AgentConfig a) {
    return limitsFor(setup.riskDefaults(), a);
  }

  /** {@code engine}'s limits with agent {@code a}'s own limits where it sets them (also used by the cluster profile). */
  public static RiskLimits limitsFor(RiskLimits engine, AgentConfig a) {
    RiskLimits g = engine;
    AgentConfig.RiskLimits r = a.risk();
    return new RiskLimits(g.paper(), r.maxOrderNotional() > 0 ? r.maxOrderNotional() : g.maxOrderNotional(),
        g.maxSymbolPosition(), g.maxTotalPosition(), r.maxDailyLoss() > 0 ? r.maxDailyLoss() : g.maxDailyLoss(),
        r.maxDailyOrders() > 0 ? r.maxDailyOrders() : g.maxOrdersPerDay(), g.maxCancelsPerDay(),
        g.duplicateWindow(), g.maxOrdersPerWindow(), g.rateWindow());
  }
}
