package kis.actors.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentConfig;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.AgentThreads;
import kis.actors.agent.GenerationStore;
import kis.actors.agent.OrderPort;
import kis.actors.agent.RecoveryGiveUps;
import kis.journal.calendar.SessionSchedule;
import kis.actors.agent.StrategyFailures;
import kis.actors.agent.StrategyHost;
import kis.actors.manager.FirstThenFresh;
import kis.actors.manager.FreshStartRule;
import kis.actors.manager.JournalHealth;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import kis.strategies.event.InvestorFlow;
import kis.journal.risk.RiskGuard;
import kis.journal.risk.RiskLimits;
import kis.journal.AgentId;
import kis.journal.JournalSerializable;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.strategies.Strategy;
import kis.strategies.event.Trade;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;

/**
 * One configured agent: its persistent {@link Agent} (journal id {@code Agent|<id>}, or
 * {@code Agent|<id>.g<n>} after fresh starts, the generation read from the profile's
 * {@link GenerationStore} before the agent starts) and its {@link StrategyHost}. It is oblivious to
 * how it is hosted: the cluster profile hands it to Cluster Sharding as the entity itself (entity id =
 * configured agent id, every public command serializable), as the Pekko sharding samples do, and the
 * single node spawns one per agent under {@link LocalAgents}. It
 * registers with its account ({@link AccountDesk}), which routes its notices, feeds it market data,
 * the kill switch, the connection state and base prices, and enables trading after a
 * reconciliation that saw it.
 *
 * <p>When the account it registered with goes away (in the cluster: its node died or left), orders
 * handed to the old gateway may or may not have reached KIS, so the runner stops itself; its parent
 * (sharding's remember-entities, or {@link LocalAgents}) starts it again and the agent's recovery marks such orders in doubt
 * for the next reconciliation, exactly as after a JVM crash.
 */
public final class AgentRunner {

  /** What an agent entity accepts; every public command may cross nodes (CBOR). */
  public sealed interface Command extends JournalSerializable
      permits Wake, MarketTrade, EnableTrading, ExpireWorkingOrders, Park, Resume, GetState, AccountReady,
          KillSwitchNow, ConnectionNow, BasePriceNow, CancelWorking, FreshStart, FromAgent, Register, DeskGone,
          GenerationKnown, GenerationUnknown, FreshStartChecked, GenerationMoved, AccountLinkNow, AccountFiguresNow, AgentStopped,
          Pause, GetStatus, DiskNow, ToPort, GetRefs, StockPhase {}

  /** Start the entity if it is not running (sent by every node at start; idempotent). */
  public record Wake() implements Command {}

  /**
   * A KIS trade for one of the agent's symbols, from the account's websocket; or, when
   * {@code polled}, the account's REST poll of a symbol that got no websocket registration (KIS
   * allows 41): the last price with the volume traded since the previous poll, {@code at} the
   * answer's time ({@link kis.actors.supervisor.PolledPrint}). The strategy sees both as trades.
   */
  public record MarketTrade(Symbol symbol, Instant at, long price, long volume, long cumulativeVolume, boolean polled)
      implements Command {
    /** A streamed print. */
    public MarketTrade(Symbol symbol, Instant at, long price, long volume, long cumulativeVolume) {
      this(symbol, at, price, volume, cumulativeVolume, false);
    }
  }

  /**
   * One of the agent's stocks entered or left a volatility interruption on {@code venue} (KRX's
   * market status, {@code H0STMKO0}); the strategy hears it as a stock-level {@code PhaseChanged}.
   *
   * @param previous the phase before, or null where not known
   */
  public record StockPhase(kis.journal.Venue venue, Symbol symbol, kis.journal.calendar.MarketPhase phase,
      kis.journal.calendar.MarketPhase previous, Instant at) implements Command {
    public static StockPhase of(kis.strategies.event.PhaseChanged p) {
      return new StockPhase(p.venue(), p.symbol(), p.phase(), p.previous().orElse(null), p.time());
    }

    public kis.strategies.event.PhaseChanged event() {
      return new kis.strategies.event.PhaseChanged(venue, symbol, phase, Optional.ofNullable(previous), at);
    }
  }

  /** The account has reconciled with this agent's books: placements may go out. */
  public record EnableTrading() implements Command {}

  /**
   * Day roll: the venues cancelled their unfilled orders ({@link Agent.ExpireWorkingOrders}: those
   * of each venue in {@code closedBy} requested before its instant; with none named, every order of
   * {@code tradingDay} and before).
   */
  public record ExpireWorkingOrders(LocalDate tradingDay, java.util.Map<kis.journal.Venue, Instant> closedBy)
      implements Command {
    public ExpireWorkingOrders {
      closedBy = closedBy == null ? java.util.Map.of() : java.util.Map.copyOf(closedBy);
    }

    /** Every working order of {@code tradingDay} and before (a manual roll). */
    public ExpireWorkingOrders(LocalDate tradingDay) {
      this(tradingDay, java.util.Map.of());
    }
  }

  public record Park(String reason, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record Resume(String by, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /**
   * A host pause ({@code paused}) or unpause, as on a single node: placements are dropped while
   * market data, fills and working orders go on; not journaled (a moved entity runs unpaused).
   */
  public record Pause(boolean paused, ActorRef<Done> replyTo) implements Command {}

  /** The agent as an operator sees it: books, host pause, why it idles, damage. */
  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /**
   * @param damage why the agent does not run: its recovery gave up ({@code RecoveryGiveUps} on its node)
   * @param recovering the agent is still recovering its journal ({@code Recoveries} on its node; the
   *     idle reason says how far and how many tries timed out): no books yet, no trading
   */
  public record Status(AgentState books, boolean paused, String idleReason, Optional<String> damage,
      boolean recovering) implements JournalSerializable {
    /** Not recovering: running, or damaged. */
    public Status(AgentState books, boolean paused, String idleReason, Optional<String> damage) {
      this(books, paused, idleReason, damage, false);
    }
  }

  /** The runner's agent and host now: for tools and tests on the runner's own node. */
  public record GetRefs(ActorRef<Refs> replyTo) implements Command {}

  /** The journal the runner is on, and its agent and host (empty while its journal is damaged). */
  public record Refs(AgentId journalId, Optional<ActorRef<Agent.Command>> agent,
      Optional<ActorRef<StrategyHost.Command>> host) implements JournalSerializable {}

  /** The agent's books (empty until the agent has started). */
  public record GetState(ActorRef<AgentState> replyTo) implements Command {}

  /** The account singleton's answer to a registration: where orders go, and whom to watch. */
  public record AccountReady(ActorRef<OrderPort> port, ActorRef<AccountDesk.Command> desk) implements Command {}

  /**
   * The account's kill switch as the account singleton knows it: engaged, the host has the agent
   * cancel every working order (repeats are harmless) and denies new ones until it is reset.
   */
  public record KillSwitchNow(boolean engaged) implements Command {}

  /** The account's KIS connection changed: while not {@code live}, new orders are denied (cancels pass). */
  public record ConnectionNow(boolean live, String state) implements Command {}

  /** The account's limits across agents and where the host reports its agent's figures (the singleton's HostSignals). */
  public record AccountLinkNow(kis.actors.risk.AccountLink link) implements Command {}

  /** Every agent's figures as the account singleton last heard them, for the account limits. */
  public record AccountFiguresNow(kis.actors.risk.AccountFigures figures) implements Command {}

  /** The day's base price (기준가, KIS {@code stck_sdpr}) of one of the agent's symbols, for the ±30 % band. */
  public record BasePriceNow(Symbol symbol, LocalDate tradingDay, long price) implements Command {}

  /** The data dir's free space is {@code low} (new orders are denied, cancels pass) or back above its margin. */
  public record DiskNow(boolean low, String detail) implements Command {}

  /**
   * An order, revise or cancel the agent sends: to the account's gateway, held until the account answered.
   * Only until then: once the runner has handed on all of them, the agent's {@link PortSwitch} tells the gateway itself.
   */
  record ToPort(OrderPort message) implements Command {}

  /** An operator: cancel every working order of the agent; answered with the number of cancels sent. */
  public record CancelWorking(String by, ActorRef<StatusReply<Integer>> replyTo) implements Command {}

  /**
   * Restart the agent on a new, empty journal ({@code <id>.g<n>}), the same on every node; the old
   * journal stays as it was. Refused as {@link FreshStartRule} says (not parked, live orders, or a
   * position without {@code handover}; with it the new journal starts holding the old positions). Answered
   * with the new journal id.
   */
  public record FreshStart(String by, boolean handover, ActorRef<StatusReply<String>> replyTo) implements Command {
    /** Without a handover: refused while the agent holds a position. */
    public FreshStart(String by, ActorRef<StatusReply<String>> replyTo) {
      this(by, false, replyTo);
    }
  }

  record FromAgent(Agent.Published published) implements Command {}

  record GenerationKnown(int generation, List<GenerationStore.LeftBehind> leftBehind) implements Command {}

  record GenerationUnknown(String why) implements Command {}

  record FreshStartChecked(FreshStart request, AgentState state, Throwable failure) implements Command {}

  record GenerationMoved(FreshStart request, int generation, Throwable failure, AgentState books) implements Command {}

  record Register() implements Command {}

  record DeskGone() implements Command {}

  /** The agent on {@code journalId} stopped (a fresh start stops the old one; a recovery given up stops it for good). */
  record AgentStopped(AgentId journalId) implements Command {}

  /**
   * What every entity on a node shares.
   *
   * @param account the account (in the cluster: the singleton's link on this node)
   * @param settings journaling settings for an agent id
   * @param riskDefaults engine-wide limits; the agent's own override them where set
   * @param generations where the agent's journal generation is kept (one store per profile)
   * @param journals the start check's findings: an agent whose journal is damaged is not started
   *     (it shows as damaged, the others trade on)
   * @param investorFlows the recent daily investor flows of a symbol from KIS ({@code inquire-investor}),
   *     fed to a strategy that consumes them ({@link InvestorFlowFeed}); empty: none
   */
  public record Setup(List<AgentConfig> agents, java.util.function.Function<AgentId, AgentSettings> settings,
      RiskLimits riskDefaults, ActorRef<AccountDesk.Command> account, Clock clock, SessionSchedule schedule,
      int maxStrategyFailures, Duration failureWindow, Duration registerRetry, GenerationStore generations,
      JournalHealth journals, Optional<Function<Symbol, CompletionStage<List<InvestorFlow>>>> investorFlows) {

    /** Every journal taken as whole, no investor flows. */
    public Setup(List<AgentConfig> agents, java.util.function.Function<AgentId, AgentSettings> settings,
        RiskLimits riskDefaults, ActorRef<AccountDesk.Command> account, Clock clock, SessionSchedule schedule,
        int maxStrategyFailures, Duration failureWindow, Duration registerRetry, GenerationStore generations) {
      this(agents, settings, riskDefaults, account, clock, schedule, maxStrategyFailures, failureWindow, registerRetry,
          generations, JournalHealth.allWhole(), Optional.empty());
    }
  }

  private static final String REGISTER_TIMER = "register";
  /** Orders held before registration beyond this are a bug upstream (the host waits for trading). */
  static final int MAX_HELD = 1_000;
  /** The refusal of an order beyond {@link #MAX_HELD} ({@code msg_cd}): nothing was sent. */
  public static final String NOT_REGISTERED = "KT-NOT-REGISTERED";

  private final Setup setup;
  private final AgentConfig config;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  /** The agent's order port: this runner, which hands each message to {@link #port}. */
  private final ActorRef<OrderPort> toPort;
  /** The account's gateway, once the account answered a registration; until then orders wait in {@link #held}. */
  private ActorRef<OrderPort> port;
  /** The current agent's route: through this runner until the gateway is known, then straight to it. */
  private PortSwitch route;
  private final java.util.Deque<OrderPort> held = new java.util.ArrayDeque<>();
  /** The account's last word on each fact, told again to a host that starts later (a fresh start). */
  private final HostFacts facts = new HostFacts();
  private final GenerationStore.Generation generation;
  private final ActorRef<Agent.Published> published;
  private AgentId journalId;
  /** What this agent's recorded fresh starts left behind (sent with each registration). */
  private List<GenerationStore.LeftBehind> leftBehind = List.of();
  /** The numbers of the fresh start in flight, recorded with its move. */
  private GenerationStore.LeftBehind pendingLeftBehind;
  private int spawned;
  private ActorRef<Agent.Command> agent;
  private ActorRef<StrategyHost.Command> host;
  private ActorRef<AccountDesk.Command> desk;

  private AgentRunner(Setup setup, AgentConfig config, ActorContext<Command> ctx, TimerScheduler<Command> timers) {
    this.setup = setup;
    this.config = config;
    this.ctx = ctx;
    this.timers = timers;
    this.toPort = ctx.messageAdapter(OrderPort.class, ToPort::new);
    this.published = ctx.messageAdapter(Agent.Published.class, FromAgent::new);
    this.generation = setup.generations().open(ctx, config.id());
  }

  /** The agent and its host on generation {@code n}'s journal. */
  private void spawn(int n) {
    journalId = GenerationStore.journalId(config.id(), n);
    AgentSettings settings = setup.settings().apply(journalId);
    Strategy probe = FirstThenFresh.create(config);
    kis.strategies.BarsFromTrades.deprecationNote("agent " + config.id().value() + " strategy.params",
        com.typesafe.config.ConfigFactory.parseMap(config.strategyParams())).ifPresent(ctx.getLog()::warn);
    spawned++;
    route = new PortSwitch(journalId, toPort);
    if (port != null) {
      route.open(port);
    }
    // On the agents' own threads: a strategy (its host stays on the default dispatcher) that blocks
    // cannot hold this agent's persistence.
    agent = ctx.spawn(Agent.create(settings, route, setup.clock(), published), "agent-" + spawned,
        AgentThreads.props());
    StrategyHost.Setup hs = new StrategyHost.Setup(journalId, new FirstThenFresh(probe, config),
        new RiskGuard(limitsFor(setup.riskDefaults(), config), config.agentLimits()), setup.schedule(), setup.clock(),
        new StrategyFailures(setup.maxStrategyFailures(), setup.failureWindow()), settings.minBackoff(),
        settings.maxBackoff(), false, config.trading().venue());
    host = ctx.spawn(StrategyHost.create(hs, agent), "host-" + spawned);
    ctx.watchWith(agent, new AgentStopped(journalId));
    // Before anything else: placements wait for the account's kill switch and connection state.
    host.tell(new StrategyHost.UseEngineFacts());
    if (config.trading().stopLimit() == AgentConfig.Trading.StopLimit.NATIVE) {
      host.tell(new StrategyHost.UseNativeStopLimits());
    }
    host.tell(new StrategyHost.UsePhases(config.trading().venue(), setup.schedule().forVenue(config.trading().venue())));
    facts.replayTo(host);
    if (probe.consumesInvestorFlows()) {
      setup.investorFlows().ifPresent(fetch -> probe.symbols().forEach(sym -> ctx.spawn(
          InvestorFlowFeed.create(sym, host, fetch, setup.clock()), "flows-" + sym.code() + "-" + spawned)));
    }
  }

  /** {@code engine}'s limits with agent {@code a}'s own limits where it sets them. */
  static RiskLimits limitsFor(RiskLimits engine, AgentConfig a) {
    AgentConfig.RiskLimits r = a.risk();
    return new RiskLimits(engine.paper(), r.maxOrderNotional() > 0 ? r.maxOrderNotional() : engine.maxOrderNotional(),
        engine.maxSymbolPosition(), engine.maxTotalPosition(),
        r.maxDailyLoss() > 0 ? r.maxDailyLoss() : engine.maxDailyLoss(),
        r.maxDailyOrders() > 0 ? r.maxDailyOrders() : engine.maxOrdersPerDay(), engine.maxCancelsPerDay(),
        engine.duplicateWindow(), engine.maxOrdersPerWindow(), engine.rateWindow(), engine.denialRepeatWindow());
  }

  /** The entity for sharding's {@code entityId} (a configured agent id). */
  public static Behavior<Command> create(String entityId, Setup setup) {
    return Behaviors.setup(ctx -> {
      Optional<AgentConfig> config = setup.agents().stream().filter(a -> a.id().value().equals(entityId)).findFirst();
      if (config.isEmpty()) {
        // A remembered entity whose agent left the configuration: nothing to run.
        ctx.getLog().warn("agent {} is not configured on this node; not started", entityId);
        return Behaviors.stopped();
      }
      return Behaviors.withTimers(timers -> Behaviors.withStash(10_000, stash -> {
        AgentRunner e = new AgentRunner(setup, config.get(), ctx, timers);
        return e.starting(stash);
      }));
    });
  }

  /** Until the generation is read from the journal, everything waits. */
  private Behavior<Command> starting(StashBuffer<Command> stash) {
    ctx.pipeToSelf(generation.current().thenCombine(generation.leftBehind(), GenerationKnown::new),
        (k, err) -> k != null ? k : new GenerationUnknown(String.valueOf(err)));
    return Behaviors.receive(Command.class)
        .onMessage(GenerationKnown.class, m -> {
          leftBehind = m.leftBehind();
          Optional<String> damage = setup.journals().damage(GenerationStore.journalId(config.id(), m.generation()));
          if (damage.isPresent()) {
            // Never trade on books that are not whole: the agent stays down, the others trade on.
            journalId = GenerationStore.journalId(config.id(), m.generation());
            ctx.getLog().error("{}: journal {} is DAMAGED, the agent is not started: {}", config.id(), journalId,
                damage.get());
            setup.account().tell(new AccountDesk.AgentDamaged(config.id(), journalId, damage.get()));
            return stash.unstashAll(damaged(damage.get()));
          }
          spawn(m.generation());
          ctx.getSelf().tell(new Register());
          return stash.unstashAll(running());
        })
        .onMessage(GenerationUnknown.class, m -> {
          // Its parent (sharding's remember-entities, or LocalAgents) starts it again after a backoff.
          ctx.getLog().warn("{}: journal generation not readable ({}); stopping", config.id(), m.why());
          return Behaviors.stopped();
        })
        .onAnyMessage(m -> {
          stash.stash(m);
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> running() {
    return Behaviors.receive(Command.class)
        .onMessage(Wake.class, m -> Behaviors.same())
        .onMessage(AgentStopped.class, this::onAgentStopped)
        .onMessage(Register.class, m -> register())
        .onMessage(AccountReady.class, this::onReady)
        .onMessage(DeskGone.class, m -> {
          ctx.getLog().info("{}: account singleton gone; restarting so in-flight orders are reconciled",
              config.id());
          return Behaviors.stopped();
        })
        .onMessage(FromAgent.class, m -> {
          // A stopped generation's last events are not the new host's business.
          if (m.published().state().agentId().equals(journalId.value())) {
            host.tell(StrategyHost.fromAgent(m.published()));
          }
          return Behaviors.same();
        })
        .onMessage(FreshStart.class, m -> {
          ctx.ask(AgentState.class, agent, Duration.ofSeconds(10), Agent.GetState::new,
              (st, err) -> new FreshStartChecked(m, st, err));
          return Behaviors.same();
        })
        .onMessage(FreshStartChecked.class, this::onFreshStartChecked)
        .onMessage(GenerationMoved.class, this::onGenerationMoved)
        .onMessage(MarketTrade.class, m -> {
          host.tell(new StrategyHost.OnMarket(new Trade(m.symbol(), m.at(), m.price(), m.volume(),
              m.cumulativeVolume())));
          return Behaviors.same();
        })
        .onMessage(StockPhase.class, m -> {
          host.tell(StrategyHost.phase(m.event()));
          return Behaviors.same();
        })
        .onMessage(EnableTrading.class, m -> {
          host.tell(new StrategyHost.EnableTrading());
          return Behaviors.same();
        })
        .onMessage(ExpireWorkingOrders.class, m -> {
          agent.tell(new Agent.ExpireWorkingOrders(m.tradingDay(), m.closedBy(), ctx.getSystem().ignoreRef()));
          return Behaviors.same();
        })
        .onMessage(Park.class, m -> {
          agent.tell(new Agent.Park(m.reason(), m.replyTo()));
          return Behaviors.same();
        })
        .onMessage(Resume.class, m -> {
          agent.tell(new Agent.Resume(m.by(), m.replyTo()));
          return Behaviors.same();
        })
        .onMessage(KillSwitchNow.class, this::onFact)
        .onMessage(ConnectionNow.class, this::onFact)
        .onMessage(BasePriceNow.class, this::onFact)
        .onMessage(AccountLinkNow.class, this::onFact)
        .onMessage(AccountFiguresNow.class, this::onFact)
        .onMessage(DiskNow.class, this::onFact)
        .onMessage(ToPort.class, this::onToPort)
        .onMessage(CancelWorking.class, m -> {
          agent.tell(new Agent.CancelAllWorking("cancel by " + m.by(), m.replyTo()));
          return Behaviors.same();
        })
        .onMessage(GetState.class, m -> {
          agent.tell(new Agent.GetState(m.replyTo()));
          return Behaviors.same();
        })
        .onMessage(Pause.class, m -> {
          host.tell(new StrategyHost.Pause(m.paused(), m.replyTo()));
          return Behaviors.same();
        })
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(GetRefs.class, m -> {
          m.replyTo().tell(new Refs(journalId, Optional.of(agent), Optional.of(host)));
          return Behaviors.same();
        })
        .build();
  }

  /** The host hears it now; a host spawned later (a fresh start) hears the last of each kind. */
  private Behavior<Command> onFact(Command fact) {
    facts.remember(fact);
    HostFacts.forHost(fact).ifPresent(host::tell);
    return Behaviors.same();
  }

  /**
   * Never re-sent: a message that reached a gateway which then died is resolved by reconciliation
   * (the runner stops when its account goes, and the agent's recovery marks such orders in doubt).
   */
  private Behavior<Command> onToPort(ToPort m) {
    if (port != null) {
      handOn(m.message());
    } else if (held.size() < MAX_HELD) {
      held.add(m.message());
    } else {
      ctx.getLog().error("{} orders held before the account answered; refusing {}", MAX_HELD, m.message().orderId());
      OrderPort.refuse(m.message(), NOT_REGISTERED, "the account has not answered the agent's registration");
      counted(m.message());
    }
    return Behaviors.same();
  }

  /** To the gateway, then counted: the agent's route goes direct only behind everything it sent through here. */
  private void handOn(OrderPort message) {
    port.tell(message);
    counted(message);
  }

  private void counted(OrderPort message) {
    if (route != null && route.carries(message)) {
      route.handedOn();
    }
  }

  /**
   * The agent gave up its recovery ({@link RecoveryGiveUps}: its journal cannot be read): it stays
   * down, its host stops, the account drops it from reconciliation and lists it damaged. The runner
   * stays up in that state, so a sharding parent does not restart it into the same failures.
   */
  private Behavior<Command> onAgentStopped(AgentStopped m) {
    if (!m.journalId().equals(journalId)) {
      return Behaviors.same(); // an earlier generation, stopped by a fresh start
    }
    Optional<String> damage = RecoveryGiveUps.get(ctx.getSystem()).of(journalId);
    if (damage.isEmpty()) {
      ctx.getLog().warn("{}: agent on journal {} stopped; restarting the runner", config.id(), journalId);
      return Behaviors.stopped();
    }
    ctx.getLog().error("{}: journal {} is DAMAGED, the agent is stopped: {}", config.id(), journalId, damage.get());
    ctx.stop(host);
    timers.cancel(REGISTER_TIMER);
    setup.account().tell(new AccountDesk.AgentDamaged(config.id(), journalId, damage.get()));
    return damaged(damage.get());
  }

  private Behavior<Command> damaged(String why) {
    String refusal = config.id() + "'s journal " + journalId + " is damaged (" + why
        + "): see `journal verify` and `journal repair`";
    return Behaviors.receive(Command.class)
        .onMessage(Park.class, m -> {
          m.replyTo().tell(StatusReply.error(refusal));
          return Behaviors.same();
        })
        .onMessage(Resume.class, m -> {
          m.replyTo().tell(StatusReply.error(refusal));
          return Behaviors.same();
        })
        .onMessage(CancelWorking.class, m -> {
          m.replyTo().tell(StatusReply.error(refusal));
          return Behaviors.same();
        })
        .onMessage(FreshStart.class, m -> {
          m.replyTo().tell(StatusReply.error(refusal));
          return Behaviors.same();
        })
        .onMessage(DeskGone.class, m -> {
          // The account's next instance learns it again (best effort: the link may still be looking).
          setup.account().tell(new AccountDesk.AgentDamaged(config.id(), journalId, why));
          return Behaviors.same();
        })
        .onMessage(GetStatus.class, m -> {
          m.replyTo().tell(new Status(AgentState.empty(journalId.value()), false, "", Optional.of(why)));
          return Behaviors.same();
        })
        .onMessage(GetRefs.class, m -> {
          m.replyTo().tell(new Refs(journalId, Optional.empty(), Optional.empty()));
          return Behaviors.same();
        })
        .onAnyMessage(m -> Behaviors.same()) // market data, facts, state queries: no agent to serve them
        .build();
  }

  /** Answered from the futures: nothing of the entity's state is touched after this handler. */
  private Behavior<Command> onGetStatus(GetStatus m) {
    Optional<String> gaveUp = kis.actors.agent.RecoveryGiveUps.get(ctx.getSystem()).of(journalId);
    if (gaveUp.isPresent()) {
      m.replyTo().tell(new Status(AgentState.empty(journalId.value()), false, "", gaveUp));
      return Behaviors.same();
    }
    Optional<kis.actors.agent.Recoveries.Recovering> recovering =
        kis.actors.agent.Recoveries.get(ctx.getSystem()).of(journalId);
    if (recovering.isPresent()) {
      // It answers nothing until its books are whole; say why instead of timing out.
      m.replyTo().tell(new Status(AgentState.empty(journalId.value()), false, recovering.get().describe(),
          Optional.empty(), true));
      return Behaviors.same();
    }
    var scheduler = ctx.getSystem().scheduler();
    var hostStatus = org.apache.pekko.actor.typed.javadsl.AskPattern.<StrategyHost.Command,
        StrategyHost.HostStatus>ask(host, StrategyHost.GetStatus::new, Duration.ofSeconds(5), scheduler)
        .thenApply(Optional::of).exceptionally(e -> Optional.empty());
    // Running or parked again, the agent's failed writes still show (the RECOVERING row had them only during the restart).
    Optional<String> failedWrites = kis.actors.agent.FailedWrites.get(ctx.getSystem()).of(journalId)
        .map(kis.actors.agent.FailedWrites.History::describe);
    org.apache.pekko.actor.typed.javadsl.AskPattern.<Agent.Command, AgentState>ask(agent, Agent.GetState::new,
            Duration.ofSeconds(5), scheduler)
        .thenCombine(hostStatus, (s, h) -> new Status(s, h.map(StrategyHost.HostStatus::paused).orElse(false),
            withFailedWrites(h.map(StrategyHost.HostStatus::idleReason).orElse(""), failedWrites), Optional.empty()))
        .thenAccept(m.replyTo()::tell);
    return Behaviors.same();
  }

  /** The host's idle reason with the agent's failed writes beside it, if it had any. */
  static String withFailedWrites(String idleReason, Optional<String> failedWrites) {
    return failedWrites.map(f -> idleReason.isEmpty() ? f : idleReason + "; " + f).orElse(idleReason);
  }

  private Behavior<Command> onFreshStartChecked(FreshStartChecked m) {
    if (m.failure() != null) {
      m.request().replyTo().tell(StatusReply.error("the agent did not answer: " + m.failure().getMessage()));
    } else if (FreshStartRule.refusal(config.id(), m.state(), m.request().handover()).isPresent()) {
      m.request().replyTo().tell(StatusReply.error(
          FreshStartRule.refusal(config.id(), m.state(), m.request().handover()).get()));
    } else {
      String by = FreshStartRule.held(m.state()).isEmpty() ? m.request().by()
          : m.request().by() + " (hands over " + FreshStartRule.describe(FreshStartRule.held(m.state())) + ")";
      // The old journal's numbers of today, recorded with the move so the reconciler knows its rows by number.
      java.time.LocalDate day = setup.clock().instant().atZone(java.time.ZoneId.of("Asia/Seoul")).toLocalDate();
      List<kis.journal.OrderNo> left = FreshStartRule.ordersOfDay(m.state(), day);
      pendingLeftBehind = new GenerationStore.LeftBehind(0, day, left);
      ctx.pipeToSelf(generation.next(by, day, left),
          (n, err) -> new GenerationMoved(m.request(), n == null ? 0 : n, err, m.state()));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onGenerationMoved(GenerationMoved m) {
    if (m.failure() != null) {
      m.request().replyTo().tell(StatusReply.error(String.valueOf(m.failure().getMessage())));
      return Behaviors.same();
    }
    ctx.stop(host);
    ctx.stop(agent);
    if (pendingLeftBehind != null) {
      List<GenerationStore.LeftBehind> more = new java.util.ArrayList<>(leftBehind);
      more.add(new GenerationStore.LeftBehind(m.generation(), pendingLeftBehind.day(), pendingLeftBehind.orders()));
      leftBehind = List.copyOf(more);
      pendingLeftBehind = null;
    }
    AgentId oldJournal = journalId;
    spawn(m.generation());
    var held = FreshStartRule.held(m.books());
    if (!held.isEmpty()) {
      FreshStartRule.handover(oldJournal, held, m.request().by(), ctx.getSystem().ignoreRef()).forEach(agent::tell);
      ctx.getLog().warn("{}: fresh start by {} hands {} over from journal {} to {}", config.id(), m.request().by(),
          FreshStartRule.describe(held), oldJournal, journalId);
    }
    ctx.getLog().info("{}: fresh start by {} on journal {}", config.id(), m.request().by(), journalId);
    // The account learns the new agent (notice routing, reconciliation) before it may trade.
    if (desk != null) {
      ctx.unwatch(desk);
      desk = null;
    }
    register();
    m.request().replyTo().tell(StatusReply.success(journalId.value()));
    return Behaviors.same();
  }

  /** Until the singleton answers (it may be moving or not up yet), ask again. */
  private Behavior<Command> register() {
    if (desk == null) {
      setup.account().tell(new AccountDesk.AgentUp(config.id(), journalId, agent, ctx.getSelf(), symbols(), leftBehind,
          MarketSubscriptions.printsOf(config), MarketSubscriptions.priorityOf(config)));
      timers.startSingleTimer(REGISTER_TIMER, new Register(), setup.registerRetry());
    }
    return Behaviors.same();
  }

  private Behavior<Command> onReady(AccountReady m) {
    if (desk != null) {
      return Behaviors.same(); // an answer to a repeated registration
    }
    timers.cancel(REGISTER_TIMER);
    desk = m.desk();
    ctx.watchWith(desk, new DeskGone());
    port = m.port();
    held.forEach(this::handOn);
    held.clear();
    route.open(port);
    ctx.getLog().info("{}: registered with the account on {}", config.id(), desk.path().address());
    return Behaviors.same();
  }

  private List<Symbol> symbols() {
    return MarketSubscriptions.symbolsOf(config);
  }
}
