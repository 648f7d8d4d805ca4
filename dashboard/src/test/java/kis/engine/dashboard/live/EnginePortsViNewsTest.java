package kis.engine.dashboard.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kis.actors.agent.AgentConfig;
import kis.actors.live.AccountDesk;
import kis.actors.live.LiveEngine;
import kis.actors.live.LocalAgents;
import kis.actors.risk.KillSwitchState;
import kis.engine.dashboard.ConnectionStatus;
import kis.engine.dashboard.Json;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.calendar.SessionSchedule;
import kis.strategies.StrategyContext;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The stocks the KIS supervisor left without VI news (no websocket registration for their market
 * status), as the account desk reports them, reach the dashboard's connection status and its JSON.
 */
class EnginePortsViNewsTest {
  static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void theConnectionStatusNamesTheStocksWithoutViNews() throws Exception {
    AgentConfig config = new AgentConfig(new AgentId("vi"), Symbol.of("000660"), "s", Map.of(),
        AgentConfig.RiskLimits.NONE, 10_000_000);
    ActorRef<AccountDesk.Command> desk = testKit.spawn(Behaviors.receive(AccountDesk.Command.class)
        .onMessage(AccountDesk.GetStatus.class, m -> {
          m.replyTo().tell(new AccountDesk.DeskStatus("local", "LIVE", null, "", Map.of(), KillSwitchState.OFF,
              "NEVER", null, List.of(), Map.of(), Map.of(), Set.of(), Map.of(), null, 0, "", null, 0, Map.of(),
              null, List.of("000660")));
          return Behaviors.same();
        }).build()); // the account's limits are not answered: the view goes on without them
    ActorRef<LocalAgents.Command> runners = testKit.spawn(Behaviors.receive(LocalAgents.Command.class)
        .onMessage(LocalAgents.GetAgents.class, m -> {
          m.replyTo().tell(List.of());
          return Behaviors.same();
        }).build());
    AccountDesk.Parts parts = EnginePortsDamageTest.probeParts(testKit);
    LiveEngine.Handles handles = new LiveEngine.Handles(desk, runners, parts, List.of(config));
    EnginePorts ports = new EnginePorts(testKit.system(),
        new kis.actors.handle.LocalEngineHandle(testKit.system(), handles, Clock.systemUTC()), List.of(),
        SessionSchedule.alwaysOpen(StrategyContext.KST), Clock.systemUTC(), EnginePorts.Feeds.none());
    try {
      ConnectionStatus c = awaitConnection(ports);
      assertEquals(List.of("000660"), c.withoutViNews());
      assertEquals("000660", Json.MAPPER.valueToTree(c).get("withoutViNews").get(0).asText());
    } finally {
      ports.close();
    }
  }

  private static ConnectionStatus awaitConnection(EnginePorts ports) {
    var probe = testKit.createTestProbe();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      ConnectionStatus c = ports.connection();
      if (!c.withoutViNews().isEmpty()) {
        return c;
      }
      probe.expectNoMessage(Duration.ofMillis(100)); // the ports refresh every second
    }
    throw new AssertionError("no stocks without VI news within 30 s: " + ports.connection());
  }
}
