package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kis.engine.dashboard.demo.DemoEngine;
import kis.journal.AgentId;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

class DashboardServerAlertsTest {

  @Test
  void theServerChecksTheEngineForAlertsOnItsOwnSchedule() throws Exception {
    DemoEngine engine = new DemoEngine(Clock.systemUTC(), 9);
    BlockingQueue<Alert> alerts = new LinkedBlockingQueue<>();
    AlertMonitor monitor = new AlertMonitor(alerts::add, Duration.ofSeconds(30), Clock.systemUTC());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "dashboard-alerts-test");
    Dashboard d = new Dashboard(engine, engine, ControlToken.of(DashboardFixture.TOKEN), new EngineMetrics(),
        new ControlAudit(Clock.systemUTC(), null));
    DashboardServer server = DashboardServer.start(system, DashboardSettings.loopback(0), d, monitor,
        Duration.ofMillis(50)).toCompletableFuture().get(20, TimeUnit.SECONDS);
    try {
      engine.park(new AgentId("naver-grid"), new Operator("kim"));
      Alert a = alerts.poll(10, TimeUnit.SECONDS);
      assertNotNull(a, "raised within 10 s");
      assertEquals(Alert.Kind.AGENT_PARKED, a.kind());
      assertEquals("naver-grid", a.subject());
    } finally {
      server.close();
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }
}
