package kis.actors.live;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentConfig;
import kis.actors.agent.AgentSettings;
import kis.actors.gateway.GatewaySettings;
import kis.actors.gateway.OrderGateway;
import kis.actors.manager.JournalHealth;
import kis.actors.reconcile.AgentDirectory;
import kis.actors.reconcile.ReconcilerActor;
import kis.actors.reconcile.ReconcilerSettings;
import kis.actors.risk.AccountLimits;
import kis.actors.risk.KillSwitch;
import kis.actors.supervisor.KisSupervisor;
import kis.actors.supervisor.SupervisorSettings;
import kis.connector.assembly.KisConnector;
import kis.connector.record.RecordingSettings;
import kis.journal.AgentId;
import kis.journal.calendar.SessionClock;
import kis.journal.calendar.SessionSchedule;
import kis.journal.risk.RiskLimits;
import kis.journal.state.AgentState;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The single node's wiring for {@code run}: the account's {@link AccountDesk} as a child (supervisor,
 * gateway, reconciler, kill switch, host signals, disk watch, day roll, reconcile-then-enable: the
 * behaviour the cluster runs as its singleton) and {@link LocalAgents}, one {@link AgentRunner} per
 * configured agent (the runner Cluster Sharding uses as its entity), with the data dir's
 * {@link GenerationFile}. Its coordinated shutdown stops order flow, then the agents, then the
 * websocket, before the journal closes ({@link EngineShutdown}).
 */
public final class LiveEngine {

  /**
   * What the engine's users (dashboard, status log, tests) talk to: the desk and the runners take
   * every control, in this profile as in the cluster; the desk's own actors ({@link AccountDesk.Parts})
   * are for the wiring and tests that look inside.
   *
   * @param desk the account: kill switch, reconcile, accept cash, status, book-back
   * @param runners every configured agent's runner
   * @param parts the desk's supervisor, gateway, reconciler, kill switch, host signals and directory
   */
  public record Handles(ActorRef<AccountDesk.Command> desk, ActorRef<LocalAgents.Command> runners,
      AccountDesk.Parts parts, List<AgentConfig> agents) {

    public ActorRef<KisSupervisor.Command> supervisor() {
      return parts.supervisor();
    }

    public ActorRef<OrderGateway.Command> gateway() {
      return parts.gateway();
    }

    /** The reconciler as everyone reaches it (behind its watch, which records every run's outcome). */
    public ActorRef<ReconcilerActor.Command> reconciler() {
      return parts.reconciler();
    }

    /**
     * The account's journaled kill switch: {@link KillSwitch.Engage} cancels every agent's working
     * orders and denies new orders until an operator's {@link KillSwitch.Reset}.
     */
    public ActorRef<KillSwitch.Command> killSwitch() {
      return parts.killSwitch();
    }

    /** The hosts' fact actor, which also keeps the account's limits and figures ({@link HostSignals.GetAccount}). */
    public ActorRef<HostSignals.Command> signals() {
      return parts.signals();
    }

    /** The agents registered with the desk (those the reconciler asks), by journal id. */
    public AgentDirectory registry() {
      return parts.directory();
    }
  }

  /**
   * The kill switch's persistence key: one engine serves one account from one data dir (the lock
   * sees to that), so a fixed key is stable across restarts and never spells out the account number.
   */
  public static final String KILL_SWITCH_KEY = "account";

  /** How soon a runner asks the desk again when a registration got no answer (the desk is local). */
  static final Duration REGISTER_RETRY = Duration.ofSeconds(1);

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

  private record PartsKnown(AccountDesk.Parts parts, Throwable failure) {}

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
      AgentSettings template = AgentSettings.fromConfig(new AgentId("template"), agentBlock);
      ActorRef<AccountDesk.Command> desk = ctx.spawn(AccountDesk.create(new AccountDesk.Setup(KILL_SWITCH_KEY,
          s.connector(), s.clock(), s.schedule(), s.sessions(), s.gateway(), SupervisorSettings.fromConfig(c),
          ReconcilerSettings.fromConfig(c, template.costs()).withInterval(s.reconcileEvery()),
          AccountLimits.fromAppConfig(c),
          Optional.of(new AccountDesk.DiskWatchSetup(s.dataDir(), DiskSpace.Settings.fromConfig(c))), s.journals())
          .withRecording(Optional.of(RecordingSettings.fromConfig(c, s.dataDir())))),
          "account");
      ctx.ask(AccountDesk.Parts.class, desk, Duration.ofSeconds(10), AccountDesk.GetParts::new, PartsKnown::new);
      return Behaviors.receive(Object.class)
          .onMessage(PartsKnown.class, m -> {
            if (m.failure() != null) {
              started.completeExceptionally(m.failure());
              return Behaviors.stopped();
            }
            AgentRunner.Setup rs = new AgentRunner.Setup(agents,
                id -> AgentSettings.fromConfig(id, template.costs(), agentBlock), RiskLimits.fromAppConfig(c), desk,
                s.clock(), s.schedule(), 5, Duration.ofMinutes(10), REGISTER_RETRY, GenerationFile.in(s.dataDir()),
                s.journals(), Optional.of(sym -> s.connector().rest().inquireInvestor(sym.code())
                    .thenApply(days -> days.stream().map(d -> InvestorFlowFeed.of(sym, d.date(), d.foreignNetQty(),
                        d.institutionNetQty(), d.individualNetQty())).toList())));
            ActorRef<LocalAgents.Command> runners = ctx.spawn(LocalAgents.create(rs), "agents");
            Stopping stopping = new Stopping(ctx, runners, desk, m.parts());
            List<Cancellable> tasks = EngineShutdown.register(ctx.getSystem(),
                "live-engine-" + ctx.getSelf().path().name(), EngineShutdown.Settings.fromConfig(c),
                m.parts().gateway(), stopping, KillSwitch.persistenceId(KILL_SWITCH_KEY).id(), shutdownSteps);
            started.complete(new Handles(desk, runners, m.parts(), agents));
            return stopping.behavior(tasks);
          })
          .build();
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
   * runners with their agents and hosts), then the account (supervisor and its websocket, gateway,
   * reconciler, kill switch).
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
    private final ActorRef<LocalAgents.Command> runners;
    private final ActorRef<AccountDesk.Command> desk;
    private final AccountDesk.Parts parts;
    private final Set<ActorRef<?>> alive = new HashSet<>();
    private final List<CompletableFuture<Done>> agentsGone = new ArrayList<>();
    private final List<CompletableFuture<Done>> connectionGone = new ArrayList<>();

    Stopping(ActorContext<Object> ctx, ActorRef<LocalAgents.Command> runners, ActorRef<AccountDesk.Command> desk,
        AccountDesk.Parts parts) {
      this.ctx = ctx;
      this.system = ctx.getSystem();
      this.self = ctx.getSelf();
      this.runners = runners;
      this.desk = desk;
      this.parts = parts;
      alive.add(runners);
      alive.add(desk);
      alive.forEach(ctx::watch);
    }

    @Override
    public CompletionStage<Integer> pauseStrategies() {
      var scheduler = system.scheduler();
      return AskPattern.<LocalAgents.Command, List<LocalAgents.Member>>ask(runners, LocalAgents.GetAgents::new, ASK,
          scheduler).thenCompose(list -> {
            List<CompletableFuture<Done>> acks = list.stream().flatMap(a -> a.runner().stream())
                .map(r -> AskPattern.<AgentRunner.Command, Done>ask(r, x -> new AgentRunner.Pause(true, x), ASK,
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
            ctx.stop(runners);
            settle();
            return Behaviors.same();
          })
          .onMessage(StopConnection.class, m -> {
            connectionGone.add(m.done());
            // The desk's supervisor closes its websocket in its PostStop.
            ctx.stop(desk);
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

    /**
     * The agents' last writes are done. An agent answers a state query only after the events it
     * was persisting are written and after the messages ahead in its mailbox, which a plain stop
     * would drop: first the orders their (paused) strategies asked for, then the closed gateway's
     * refusals of them (the gateway answers its own query after refusing what came before).
     */
    private CompletionStage<Done> flushed() {
      var scheduler = system.scheduler();
      List<ActorRef<Agent.Command>> agents = List.copyOf(parts.directory().agents().values());
      return answered(agents)
          .thenCompose(v -> AskPattern.<OrderGateway.Command, Done>ask(parts.gateway(), OrderGateway.Close::new, ASK,
              scheduler))
          .thenCompose(v -> answered(agents))
          .thenApply(v -> Done.getInstance());
    }

    private CompletableFuture<Void> answered(List<ActorRef<Agent.Command>> agents) {
      var scheduler = system.scheduler();
      return CompletableFuture.allOf(agents.stream()
          .map(a -> AskPattern.<Agent.Command, AgentState>ask(a, Agent.GetState::new, ASK, scheduler)
              .toCompletableFuture())
          .toArray(CompletableFuture[]::new));
    }

    private void settle() {
      if (!alive.contains(runners)) {
        agentsGone.forEach(f -> f.complete(Done.getInstance()));
        agentsGone.clear();
      }
      if (!alive.contains(desk)) {
        connectionGone.forEach(f -> f.complete(Done.getInstance()));
        connectionGone.clear();
      }
    }
  }
}
