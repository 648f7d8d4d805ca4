package kis.actors.live;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import kis.actors.agent.AgentConfig;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import kis.journal.calendar.SessionSchedule;
import kis.actors.gateway.GatewaySettings;
import kis.actors.gateway.OrderGateway;
import kis.actors.manager.AgentGenerations;
import kis.actors.manager.AgentManager;
import kis.actors.manager.JournalHealth;
import kis.actors.manager.AgentRegistry;
import kis.actors.reconcile.ReconcilerActor;
import kis.actors.reconcile.ReconcilerSettings;
import kis.actors.risk.AccountLimits;
import kis.actors.risk.KillSwitch;
import kis.actors.risk.KillSwitchState;
import kis.journal.risk.RiskLimits;
import kis.actors.supervisor.KisSupervisor;
import kis.actors.supervisor.SupervisorSettings;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import kis.actors.agent.Agent;
import kis.actors.agent.StrategyHost;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import kis.connector.assembly.KisConnector;
import kis.connector.rest.Quote;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import kis.journal.calendar.SessionClock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The composition root of {@code run}: KIS supervisor (websocket, market data, notices), order
 * gateway, reconciler and the agent manager with its agents, all talking to one KIS account through {@code connector}.
 * Its coordinated shutdown stops order flow, then the agents, then the websocket, before the
 * journal closes ({@link EngineShutdown}).
 */
public final class LiveEngine {

  /**
   * What the engine's users (dashboard, status log, tests) talk to.
   *
   * @param killSwitch the account's journaled kill switch: {@link KillSwitch.Engage} cancels every
   *     agent's working orders and denies new orders until an operator's {@link KillSwitch.Reset}
   * @param reconciler the reconciler as everyone reaches it (its watch: see {@code reconcileOutcomes})
   * @param reconcileOutcomes the last success and failure of every reconciliation run
   * @param signals the hosts' fact actor, which also keeps the account's limits and figures
   *     ({@link HostSignals.GetAccount})
   */
  public record Handles(ActorRef<AgentManager.Command> manager, ActorRef<KisSupervisor.Command> supervisor,
      ActorRef<OrderGateway.Command> gateway,
      ActorRef<ReconcilerActor.Command> reconciler, AgentRegistry registry, List<AgentConfig> agents,
      ActorRef<KillSwitch.Command> killSwitch, ReconcileOutcomes reconcileOutcomes,
      ActorRef<HostSignals.Command> signals) {}

  /**
   * The kill switch's persistence key: one engine serves one account from one data dir (the lock
   * sees to that), so a fixed key is stable across restarts and never spells out the account number.
   */
  public static final String KILL_SWITCH_KEY = "account";

  /**
   * Everything {@link #guardian} needs.
   *
   * @param config the engine's whole configuration ({@code kis-trader.*})
   * @param schedule KRX hours, or always open against a simulator that is (strategy sessions, day roll)
   * @param sessions the KRX calendar clock, for the supervisor's trade-silence watchdog
   * @param gateway order pacing for the account
   * @param reconcileEvery how often the reconciler compares books and account on its own
   * @param journals the start-up journal check's findings (agents on damaged journals never start)
   */
  public record Setup(Config config, KisConnector connector, Clock clock, SessionSchedule schedule,
      SessionClock sessions, GatewaySettings gateway, Duration reconcileEvery, Path dataDir, JournalHealth journals) {
    public Setup(Config config, KisConnector connector, Clock clock, SessionSchedule schedule,
        SessionClock sessions, GatewaySettings gateway, Duration reconcileEvery, Path dataDir) {
      this(config, connector, clock, schedule, sessions, gateway, reconcileEvery, dataDir, JournalHealth.allWhole());
    }
  }

  private LiveEngine() {}

  /** The engine as an actor system's guardian; {@code started} completes with its handles. */
  public static Behavior<Void> guardian(Setup s, CompletableFuture<Handles> started) {
    return guardian(s, started, step -> {});
  }

  /**
   * As {@link #guardian(Setup, CompletableFuture)}; {@code shutdownSteps} also hears the line each
   * step of the engine's coordinated shutdown logs ({@code run} prints them).
   */
  public static Behavior<Void> guardian(Setup s, CompletableFuture<Handles> started, Consumer<String> shutdownSteps) {
    return Behaviors.<Object>setup(ctx -> {
      Config c = s.config();
      List<AgentConfig> agents = AgentConfig.listFrom(c);
      Config agentBlock = c.getConfig("kis-trader.agent");
      AgentSettings template = AgentSettings.fromConfig(new kis.journal.AgentId("template"), agentBlock);
      AgentRegistry registry = new AgentRegistry();
      // Agents send to the gateway itself: it refuses while the kill switch is latched or once closed.
      ActorRef<Object> gatewayAndPort = ctx.spawn(
          OrderGateway.createWithPort(s.connector().rest(), s.gateway(), s.clock()), "gateway");
      ActorRef<OrderGateway.Command> gateway = gatewayAndPort.narrow();
      ActorRef<OrderPort> port = gatewayAndPort.narrow();
      // The watch runs the reconciler periodically and stands in for it everywhere, so every run's
      // outcome (a failure too) is known to the dashboard.
      ActorRef<ReconcilerActor.Command> reconcilerItself = ctx.spawn(ReconcilerActor.create(s.connector().rest(),
          gateway.narrow(), registry, ReconcilerSettings.fromConfig(c, template.costs()).withInterval(Duration.ZERO), s.clock(),
          s.journals()),
          "reconciler");
      ReconcileOutcomes outcomes = new ReconcileOutcomes();
      ActorRef<ReconcilerActor.Command> reconciler = ctx.spawn(ReconcileWatch.create(reconcilerItself, outcomes,
          s.reconcileEvery(), s.clock()), "reconcile-watch").narrow();
      ActorRef<KisSupervisor.Command> supervisor = ctx.spawn(KisSupervisor.create(s.connector(),
          SupervisorSettings.fromConfig(c), gateway, OrderGateway.ReportReceived::new, reconciler, s.sessions()), "kis");
      ActorRef<HostSignals.Command> signals = ctx.spawn(HostSignals.create(supervisor,
          sym -> s.connector().rest().inquirePrice(sym.code()).thenApply(Quote::stckSdpr), s.schedule(), s.clock()),
          "host-signals");
      // The free-space margin, looked at once before any agent runs and then on a schedule.
      DiskSpace disk = new DiskSpace(DiskSpace.usableSpaceOf(s.dataDir()), DiskSpace.Settings.fromConfig(c),
          s.dataDir(), s.clock());
      disk.onChange(st -> signals.tell(new HostSignals.DiskNow(st)));
      DiskWatch.get(ctx.getSystem()).set(disk);
      disk.check();
      Cancellable diskChecks = ctx.getSystem().scheduler().scheduleWithFixedDelay(disk.settings().checkEvery(),
          disk.settings().checkEvery(), disk::check, ctx.getSystem().executionContext());
      // Spawned before any agent: its recovery tells the signals the latch before a host can trade.
      ActorRef<KillSwitch.Command> killSwitch = ctx.spawn(KillSwitch.create(KILL_SWITCH_KEY,
          forward(ctx, signals, HostSignals.CancelAll::new, "kill-switch-cancel-all"),
          ctx.spawn(Behaviors.<KillSwitchState>receiveMessage(st -> {
            gateway.tell(new OrderGateway.KillSwitchNow(st));
            signals.tell(new HostSignals.KillSwitchNow(st));
            return Behaviors.same();
          }), "kill-switch-state"), s.clock()), "kill-switch");
      // Before any host starts: the account's limits across agents, and who engages the kill switch.
      signals.tell(new HostSignals.UseAccountLimits(AccountLimits.fromAppConfig(c), killSwitch));
      SupervisorFeed feed = new SupervisorFeed(ctx.getSystem(), supervisor, signals,
          sym -> s.connector().rest().inquireInvestor(sym.code()).thenApply(days -> days.stream()
              .map(d -> InvestorFlowFeed.of(sym, d.date(), d.foreignNetQty(), d.institutionNetQty(),
                  d.individualNetQty())).toList()), s.clock());
      AgentManager.Setup ms = new AgentManager.Setup(agents,
          id -> AgentSettings.fromConfig(id, template.costs(), agentBlock), RiskLimits.fromAppConfig(c), port,
          s.clock(), s.schedule(), feed, registry,
          AgentGenerations.at(s.dataDir().resolve("agent-generations.properties")), Optional.of(reconciler),
          (id, agent) -> gateway.tell(new OrderGateway.RegisterAgent(id, agent)), 5, Duration.ofMinutes(10),
          s.journals());
      ActorRef<AgentManager.Command> manager = ctx.spawn(AgentManager.create(ms), "agents");
      Stopping stopping = new Stopping(ctx, manager, gateway,
          List.of(supervisor, signals, gateway, reconciler, reconcilerItself, killSwitch));
      List<Cancellable> tasks = EngineShutdown.register(ctx.getSystem(), "live-engine-" + ctx.getSelf().path().name(),
          EngineShutdown.Settings.fromConfig(c), gateway, stopping,
          KillSwitch.persistenceId(KILL_SWITCH_KEY).id(), shutdownSteps);
      started.complete(new Handles(manager, supervisor, gateway, reconciler, registry, agents, killSwitch, outcomes,
          signals));
      List<Cancellable> all = new ArrayList<>(tasks);
      all.add(diskChecks);
      return stopping.behavior(all);
    }).narrow();
  }

  /**
   * Pekko's coordinated-shutdown phase timeouts that fit {@code kis-trader.shutdown} (each a little
   * longer than its step's bound): layer them over the engine's configuration before creating the
   * actor system, or the default 5 s per phase applies.
   */
  public static Config shutdownPhases(Config config) {
    return EngineShutdown.Settings.fromConfig(config).phaseTimeouts();
  }

  /**
   * The guardian's part in the shutdown: it alone may stop its children. The agents go first (the
   * manager with its agents and hosts), then the connection (supervisor and its websocket first).
   */
  private static final class Stopping implements EngineShutdown.Stopper {
    private static final Duration ASK = Duration.ofSeconds(3);

    private record StopAgents(CompletableFuture<Done> done) {}

    private record StopConnection(CompletableFuture<Done> done) {}

    private record Flushed() {}

    private final ActorRef<Object> self;
    /** Used inside the guardian only; the stages below run elsewhere and use {@link #system}. */
    private final ActorContext<Object> ctx;
    private final ActorSystem<?> system;
    private final ActorRef<AgentManager.Command> manager;
    private final ActorRef<OrderGateway.Command> flowGate;
    private final List<ActorRef<?>> connection;
    private final Set<ActorRef<?>> alive = new HashSet<>();
    private final List<CompletableFuture<Done>> agentsGone = new ArrayList<>();
    private final List<CompletableFuture<Done>> connectionGone = new ArrayList<>();

    Stopping(ActorContext<Object> ctx, ActorRef<AgentManager.Command> manager, ActorRef<OrderGateway.Command> flowGate,
        List<ActorRef<?>> connection) {
      this.ctx = ctx;
      this.system = ctx.getSystem();
      this.flowGate = flowGate;
      this.self = ctx.getSelf();
      this.manager = manager;
      this.connection = connection;
      alive.add(manager);
      alive.addAll(connection);
      alive.forEach(ctx::watch);
    }

    @Override
    public CompletionStage<Integer> pauseStrategies() {
      var scheduler = system.scheduler();
      return running().thenCompose(list -> {
        List<CompletableFuture<Done>> acks = list.stream().flatMap(a -> a.host().stream())
            .map(h -> AskPattern.<StrategyHost.Command, Done>ask(h, r -> new StrategyHost.Pause(true, r), ASK,
                scheduler).toCompletableFuture())
            .toList();
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).thenApply(v -> acks.size());
      });
    }

    @Override
    public CompletionStage<Done> stopAgents() {
      CompletableFuture<Done> done = new CompletableFuture<>();
      self.tell(new StopAgents(done));
      return done;
    }

    @Override
    public CompletionStage<Done> stopConnection() {
      CompletableFuture<Done> done = new CompletableFuture<>();
      self.tell(new StopConnection(done));
      return done;
    }

    Behavior<Object> behavior(List<Cancellable> tasks) {
      return Behaviors.receive(Object.class)
          .onMessage(StopAgents.class, m -> {
            agentsGone.add(m.done());
            ctx.pipeToSelf(flushed(), (d, failure) -> new Flushed());
            return Behaviors.same();
          })
          .onMessage(Flushed.class, m -> {
            ctx.stop(manager);
            settle();
            return Behaviors.same();
          })
          .onMessage(StopConnection.class, m -> {
            connectionGone.add(m.done());
            // The supervisor first: its websocket closes in its PostStop.
            connection.forEach(ctx::stop);
            settle();
            return Behaviors.same();
          })
          .onSignal(Terminated.class, t -> {
            alive.remove(t.getRef());
            settle();
            return Behaviors.same();
          })
          .onSignal(PostStop.class, p -> {
            tasks.forEach(Cancellable::cancel);
            alive.clear();
            settle();
            return Behaviors.same();
          })
          .build();
    }

    private CompletionStage<List<AgentManager.ManagedAgent>> running() {
      return AskPattern.ask(manager, AgentManager.GetAgents::new, ASK, system.scheduler());
    }

    /**
     * The agents' last writes are done. An agent answers a state query only after the events it
     * was persisting are written and after the messages ahead in its mailbox, which a plain stop
     * would drop: first the orders their (paused) strategies asked for, then the closed gateway's
     * refusals of them (the gateway answers its own query after refusing what came before).
     */
    private CompletionStage<Done> flushed() {
      var scheduler = system.scheduler();
      return running().thenCompose(list -> {
        List<ActorRef<Agent.Command>> agents = list.stream().flatMap(a -> a.agent().stream()).toList();
        return answered(agents)
            .thenCompose(v -> AskPattern.<OrderGateway.Command, Done>ask(flowGate, OrderGateway.Close::new, ASK, scheduler))
            .thenCompose(v -> answered(agents));
      }).thenApply(v -> Done.getInstance());
    }

    private CompletableFuture<Void> answered(List<ActorRef<Agent.Command>> agents) {
      var scheduler = system.scheduler();
      return CompletableFuture.allOf(agents.stream()
          .map(a -> AskPattern.<Agent.Command, AgentState>ask(a, Agent.GetState::new, ASK, scheduler)
              .toCompletableFuture())
          .toArray(CompletableFuture[]::new));
    }

    private void settle() {
      if (!alive.contains(manager)) {
        agentsGone.forEach(f -> f.complete(Done.getInstance()));
        agentsGone.clear();
      }
      if (connection.stream().noneMatch(alive::contains)) {
        connectionGone.forEach(f -> f.complete(Done.getInstance()));
        connectionGone.clear();
      }
    }
  }

  /** A child that hands each message on to {@code to}, wrapped: typed plumbing between two protocols. */
  private static <A, B> ActorRef<A> forward(ActorContext<?> ctx, ActorRef<B> to, Function<A, B> wrap, String name) {
    return ctx.spawn(Behaviors.<A>receiveMessage(m -> {
      to.tell(wrap.apply(m));
      return Behaviors.same();
    }), name);
  }
}
