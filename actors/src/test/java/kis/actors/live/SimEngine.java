package kis.actors.live;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import kis.actors.agent.Agent;
import kis.journal.calendar.SessionSchedule;
import kis.actors.gateway.GatewaySettings;
import kis.actors.reconcile.ReconcileReport;
import kis.actors.reconcile.ReconcilerActor;
import org.apache.pekko.Done;
import org.apache.pekko.pattern.StatusReply;
import kis.actors.supervisor.KisSupervisor;
import kis.connector.KisConfig;
import kis.connector.assembly.KisConnector;
import kis.connector.KisCredentials;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import kis.journal.state.AgentState;
import kis.sim.KisSimulator;
import kis.sim.SimCredentials;
import kis.strategies.StrategyContext;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** The whole live engine ({@link LiveEngine}) in an actor test kit, against a kis-sim on loopback. */
final class SimEngine implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(90);

  final ActorTestKit kit;
  final LiveEngine.Handles handles;

  private SimEngine(ActorTestKit kit, LiveEngine.Handles handles) {
    this.kit = kit;
    this.handles = handles;
  }

  /** Real LevelDB journal and local snapshots under {@code dataDir}, so a second engine there sees the first's journal. */
  static Config levelDb(Path dataDir) {
    String d = dataDir.toAbsolutePath().toString().replace("\\", "/");
    return ConfigFactory.parseString(String.join("\n",
        "pekko.persistence.journal.plugin = \"pekko.persistence.journal.leveldb\"",
        "pekko.persistence.journal.leveldb.dir = \"" + d + "/journal\"",
        "pekko.persistence.journal.leveldb.native = on",
        "pekko.persistence.snapshot-store.plugin = \"pekko.persistence.snapshot-store.local\"",
        "pekko.persistence.snapshot-store.local.dir = \"" + d + "/snapshots\"",
        "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off",
        "pekko.stdout-loglevel = OFF"));
  }

  /** Starts the engine named {@code name} with {@code config} (agents, journal) on {@code sim}. */
  static SimEngine start(String name, Config config, KisSimulator sim, Path dataDir) throws Exception {
    return start(name, config, sim, dataDir, ConfigFactory.empty());
  }

  /**
   * As {@link #start(String, Config, KisSimulator, Path)}, with connector settings ({@code kis { ... }},
   * e.g. short order timeouts) over the simulator's addresses.
   */
  static SimEngine start(String name, Config config, KisSimulator sim, Path dataDir, Config kisSettings)
      throws Exception {
    Config full = config.withFallback(ConfigFactory.load()).resolve();
    return start(ActorTestKit.create(name, full), sim, dataDir, Duration.ofSeconds(2), step -> {}, kisSettings,
        Clock.systemUTC());
  }

  /**
   * As {@link #start(String, Config, KisSimulator, Path)}, with {@code run}'s coordinated shutdown
   * phases; {@code shutdownSteps} hears each shutdown step's line.
   */
  static SimEngine startWithShutdownSteps(String name, Config config, KisSimulator sim, Path dataDir,
      Duration reconcileEvery, Consumer<String> shutdownSteps) throws Exception {
    Config full = config.withFallback(ConfigFactory.load()).resolve();
    return startWithShutdownSteps(name, config, sim, dataDir, reconcileEvery, shutdownSteps, Clock.systemUTC());
  }

  /** As {@link #startWithShutdownSteps(String, Config, KisSimulator, Path, Duration, Consumer)}, on {@code clock}. */
  static SimEngine startWithShutdownSteps(String name, Config config, KisSimulator sim, Path dataDir,
      Duration reconcileEvery, Consumer<String> shutdownSteps, Clock clock) throws Exception {
    Config full = config.withFallback(ConfigFactory.load()).resolve();
    return start(ActorTestKit.create(name, LiveEngine.shutdownPhases(full).withFallback(full)), sim, dataDir,
        reconcileEvery, shutdownSteps, ConfigFactory.empty(), clock);
  }

  private static SimEngine start(ActorTestKit kit, KisSimulator sim, Path dataDir, Duration reconcileEvery,
      Consumer<String> shutdownSteps, Config kisSettings, Clock clock) throws Exception {
    // The TR ids of the simulator's flavour: paper on VTS, real on REAL (where NXT and SOR trade).
    return start(kit, sim, dataDir, reconcileEvery, shutdownSteps, kisSettings, clock,
        SessionSchedule.alwaysOpen(StrategyContext.KST), sim.config().flavour() == kis.sim.Flavour.VTS);
  }

  /**
   * The engine on a simulator of the REAL flavour (the TR ids of a real account: NXT and SOR take
   * orders there, not on paper) running the market's sessions: on {@code clock} (the simulator's
   * market clock too) with {@code schedule}, e.g. {@code SessionSchedule.market}, reconciling
   * every {@code reconcileEvery} besides at the start and after each day roll.
   */
  static SimEngine startReal(String name, Config config, KisSimulator sim, Path dataDir, Clock clock,
      SessionSchedule schedule, Duration reconcileEvery) throws Exception {
    Config full = config.withFallback(ConfigFactory.load()).resolve();
    return start(ActorTestKit.create(name, full), sim, dataDir, reconcileEvery, step -> {},
        ConfigFactory.empty(), clock, schedule, false);
  }

  private static SimEngine start(ActorTestKit kit, KisSimulator sim, Path dataDir, Duration reconcileEvery,
      Consumer<String> shutdownSteps, Config kisSettings, Clock clock, SessionSchedule schedule, boolean paper)
      throws Exception {
    SimCredentials sc = sim.credentials();
    KisCredentials creds = KisCredentials.of(sc.appKey(), sc.appSecret(), sc.cano() + "-" + sc.acntPrdtCd(),
        sc.htsId());
    KisConfig kc = KisConfig.fromConfig(kisSettings.withFallback(ConfigFactory.parseMap(Map.of(
            "kis.mode", "sim",
            "kis.rest-url", sim.restBaseUrl(),
            "kis.ws-url", sim.websocketUrl(),
            "kis.token.cache-dir", dataDir.resolve("tokens").toString()))))
        .withTrIds(paper);
    CompletableFuture<LiveEngine.Handles> started = new CompletableFuture<>();
    Config c = kit.system().settings().config();
    Behavior<Void> root = Behaviors.setup(ctx -> LiveEngine.guardian(new LiveEngine.Setup(c,
        KisConnector.create(ctx.getSystem(), kc, creds), clock, schedule,
        new SessionClock(KrxCalendar.defaults(), clock), GatewaySettings.real(), reconcileEvery,
        dataDir), started, shutdownSteps));
    kit.spawn(root, "engine");
    return new SimEngine(kit, started.get(30, TimeUnit.SECONDS));
  }

  Map<String, AgentState> states() {
    Map<String, AgentState> out = new HashMap<>();
    handles.registry().agents().forEach((id, ref) -> {
      TestProbe<AgentState> p = kit.createTestProbe();
      ref.tell(new Agent.GetState(p.getRef()));
      out.put(id.value(), p.receiveMessage(WAIT));
    });
    return out;
  }

  /** Polls {@code condition} until true; fails after {@link #WAIT} with {@code what} and the engine's state. */
  void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    await(what, WAIT, condition);
  }

  /** Polls {@code condition} until true; fails after {@code within} with {@code what} and the engine's state. */
  void await(String what, Duration within, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; connection " + connection() + "; agents "
            + states().values().stream().map(s -> s.agentId() + " seq " + s.nextOrderSeq() + " open "
                + s.openOrders().size() + " last " + s.closedOrders().stream().reduce((a, b) -> b)
                .map(o -> o.status() + " " + o.lastMessage()).orElse("-")).toList());
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /** Waits until every configured agent runs. */
  void awaitAgentsRunning() throws InterruptedException {
    await("every agent runs", () -> handles.registry().agents().size() == handles.agents().size());
  }

  /** Parks every agent (no new orders; working ones stay to be settled), through its runner. */
  void parkAll(String reason) {
    TestProbe<java.util.List<LocalAgents.Member>> members = kit.createTestProbe();
    handles.runners().tell(new LocalAgents.GetAgents(members.getRef()));
    for (LocalAgents.Member m : members.receiveMessage(WAIT)) {
      TestProbe<StatusReply<Done>> ack = kit.createTestProbe();
      m.runner().orElseThrow(() -> new AssertionError(m.config().id() + " runs"))
          .tell(new AgentRunner.Park(reason, ack.getRef()));
      if (!ack.receiveMessage(WAIT).isSuccess()) {
        throw new AssertionError("agent " + m.config().id() + " parked");
      }
    }
  }

  /** Runs the reconciler now; fails if the run failed. */
  ReconcileReport reconcile() {
    TestProbe<StatusReply<ReconcileReport>> p = kit.createTestProbe();
    handles.reconciler().tell(new ReconcilerActor.RunNow(p.getRef()));
    StatusReply<ReconcileReport> r = p.receiveMessage(WAIT);
    if (!r.isSuccess()) {
      throw new AssertionError("reconciliation ran: " + r);
    }
    return r.getValue();
  }

  /** Pauses the test's polling for {@code d} (pacing, not waiting for a result). */
  void pause(Duration d) {
    kit.createTestProbe().expectNoMessage(d);
  }

  KisSupervisor.Status connection() {
    TestProbe<KisSupervisor.Status> p = kit.createTestProbe();
    handles.supervisor().tell(new KisSupervisor.GetStatus(p.getRef()));
    return p.receiveMessage(WAIT);
  }

  /**
   * Terminates the actor system (its coordinated shutdown closes the order flow and stops the agents
   * after their last writes, then the connection) and waits until it is down, so the journal is
   * closed before another engine opens it.
   */
  @Override
  public void close() {
    kit.system().terminate();
    try {
      kit.system().getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the engine did not stop", e);
    }
  }
}
