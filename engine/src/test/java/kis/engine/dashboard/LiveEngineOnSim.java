package kis.engine.dashboard;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kis.journal.calendar.SessionSchedule;
import kis.actors.gateway.GatewaySettings;
import kis.actors.live.LiveEngine;
import kis.connector.assembly.KisConnector;
import kis.engine.dashboard.live.LiveDashboard;
import kis.engine.dashboard.live.LiveMetrics;
import kis.engine.journal.EngineConfig;
import kis.engine.live.KisTarget;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The real engine as {@code run} builds it, on loopback: the embedded kis-sim (always open, fast
 * ticks), the LevelDB journal in a temp dir, {@link LiveEngine} with agents trading the demo
 * round trip, and the {@link LiveDashboard} on an ephemeral port with {@link DashboardFixture#TOKEN}.
 */
final class LiveEngineOnSim implements AutoCloseable {
  static final ZoneId KST = ZoneId.of("Asia/Seoul");

  final ActorSystem<Void> system;
  final Path dataDir;
  final KisTarget target;
  final LiveEngine.Handles handles;
  final LiveMetrics metrics;
  final LiveDashboard dashboard;

  /**
   * @param dataDir an empty directory for the journal, token cache and audit
   * @param extraConfig HOCON over the test's defaults (agents, alerts)
   */
  LiveEngineOnSim(Path dataDir, String extraConfig) throws Exception {
    this(dataDir, extraConfig, java.util.Set.of());
  }

  /**
   * As {@link #LiveEngineOnSim(Path, String)}, past the configuration check's refusal of exactly
   * {@code deliberate} (settings {@code run} refuses, there to prove the engine's own guard behind
   * the check); every other problem still refuses the start, and each deliberate one must occur.
   */
  LiveEngineOnSim(Path dataDir, String extraConfig, java.util.Set<String> deliberate) throws Exception {
    this.dataDir = dataDir;
    Config c = ConfigFactory.parseString(String.join("\n",
            "kis-trader.agents = [",
            "  { id = samsung-rt, symbol = \"005930\", strategy { name = kis.actors.live.DemoRoundTrip,",
            "      params { symbol = \"005930\", quantity = 3, hold-trades = 4 } } }",
            "  { id = hynix-rt, symbol = \"000660\", strategy { name = kis.actors.live.DemoRoundTrip,",
            "      params { symbol = \"000660\", quantity = 1, hold-trades = 6 } } }",
            "]",
            "kis-trader.reconcile-every = 2s",
            "kis-sim { tick-interval = 50ms, token-reissue-interval = 0s, price-model = tick-walk }",
            "kis.dashboard { port = 0, stream-interval = 250ms }",
            "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off",
            "pekko.stdout-loglevel = OFF",
            extraConfig))
        .withFallback(EngineConfig.load(java.util.Optional.empty(), java.util.Optional.of(dataDir)))
        .resolve();
    // What run would refuse, this start refuses too: a test must get the values it writes.
    refuseAsRunWould(c, deliberate);
    target = KisTarget.resolve(c, null, null, null, Map.of(), dataDir);
    Clock clock = Clock.system(KST);
    SessionClock sessions = new SessionClock(KrxCalendar.fromAppConfig(c), clock);
    SessionSchedule schedule = SessionSchedule.alwaysOpen(KST);
    metrics = new LiveMetrics(new EngineMetrics(), clock);
    CompletableFuture<LiveEngine.Handles> started = new CompletableFuture<>();
    Behavior<Void> guardian = Behaviors.setup(ctx -> {
      KisConnector connector = KisConnector.create(ctx.getSystem(), target.config(), target.credentials());
      connector.rest().listen(metrics);
      metrics.watchTokens(connector.tokens(), connector.rest()::ordersAwaitingToken);
      return LiveEngine.guardian(new LiveEngine.Setup(c, connector, clock, schedule, sessions,
          GatewaySettings.real().withRate(10, Duration.ofSeconds(1), 3), Duration.ofSeconds(2), dataDir), started);
    });
    system = ActorSystem.create(guardian, "live-dashboard-test", c);
    try {
      handles = started.get(60, TimeUnit.SECONDS);
      dashboard = LiveDashboard.start(c, system, handles, kis.engine.journal.DashboardJournal.of(system), schedule, clock, dataDir, target.config(), metrics,
          ControlToken.of(DashboardFixture.TOKEN));
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  /**
   * Waits until every agent has a fill. Bounded generously: on a loaded machine the first token
   * request can time out, and KIS rules (which the client keeps) allow the next one a minute later.
   */
  void awaitTrading(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      var rows = dashboard.ports().agents();
      if (rows.size() == handles.agents().size() && rows.stream().allMatch(r -> r.lastFill() != null)) {
        return;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
    }
    throw new AssertionError("the agents did not all trade within " + within + ": " + dashboard.ports().agents());
  }

  Path dataDir() {
    return dataDir;
  }

  String url(String path) {
    return dashboard.baseUrl() + path;
  }

  private static void refuseAsRunWould(Config c, java.util.Set<String> deliberate) {
    if (deliberate.isEmpty()) {
      kis.engine.config.ConfigGate.require(c, "LiveEngineOnSim");
      return;
    }
    java.util.List<kis.engine.config.ConfigProblem> all = kis.engine.config.ConfigChecker.shipped().check(c);
    java.util.Set<String> found = new java.util.TreeSet<>();
    all.forEach(p -> found.add(p.path()));
    if (!found.containsAll(deliberate)) {
      throw new IllegalStateException("the check no longer refuses " + deliberate + ", found " + found
          + ": the test does not reach the engine's own guard any more");
    }
    java.util.List<String> other = all.stream().filter(p -> !deliberate.contains(p.path()))
        .map(kis.engine.config.ConfigProblem::render).toList();
    if (!other.isEmpty()) {
      throw new IllegalArgumentException("LiveEngineOnSim: configuration problems:\n  " + String.join("\n  ", other));
    }
  }

  @Override
  public void close() {
    if (dashboard != null) {
      dashboard.close();
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("engine did not stop", e);
    } finally {
      target.close();
    }
  }
}
