package kis.engine.dashboard.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import kis.engine.dashboard.ControlAudit;
import kis.engine.dashboard.ControlToken;
import kis.engine.dashboard.Dashboard;
import kis.engine.dashboard.DashboardServer;
import kis.engine.dashboard.DashboardSettings;
import kis.engine.dashboard.EngineMetrics;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The dashboard over {@link DemoEngine}, for trying the page without KIS:
 * {@code java -cp engine/target/kis-trader.jar kis.engine.dashboard.demo.DemoDashboard [port] [dataDir]}.
 */
public final class DemoDashboard {
  private DemoDashboard() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : DashboardSettings.DEFAULT_PORT;
    Path dataDir = Path.of(args.length > 1 ? args[1] : "data");
    DemoEngine engine = new DemoEngine(Clock.systemUTC(), 7);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "kis-dashboard-demo");
    system.scheduler().scheduleAtFixedRate(Duration.ofMillis(500), Duration.ofMillis(500), engine::tick,
        system.executionContext());
    Dashboard d = new Dashboard(engine, engine, ControlToken.loadOrCreate(dataDir, System.out), new EngineMetrics(),
        new ControlAudit(Clock.systemUTC(), dataDir.resolve("control-audit.jsonl")));
    DashboardServer server = DashboardServer.start(system, DashboardSettings.loopback(port), d)
        .toCompletableFuture().get();
    System.out.println("demo dashboard on " + server.baseUrl() + "/  (Ctrl-C to stop)");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      system.terminate();
      stop.countDown();
    }));
    stop.await();
  }
}
