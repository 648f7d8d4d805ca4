package kis.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import kis.actors.agent.AgentConfig;
import kis.journal.calendar.SessionSchedule;
import kis.actors.gateway.GatewaySettings;
import kis.actors.live.AccountDesk;
import kis.actors.live.AgentRunner;
import kis.actors.reconcile.Reconciler;
import kis.cluster.ClusterEngine;
import kis.cluster.ClusterProfile;
import kis.cluster.TestDatabase;
import kis.connector.KisConfig;
import kis.connector.assembly.KisConnector;
import kis.connector.KisCredentials;
import kis.engine.dashboard.ControlToken;
import kis.engine.dashboard.EngineMetrics;
import kis.engine.dashboard.live.LiveDashboard;
import kis.engine.dashboard.live.LiveMetrics;
import kis.journal.AgentId;
import kis.journal.CostModel;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import kis.journal.state.AgentState;
import kis.sim.KisSimulator;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import kis.strategies.StrategyContext;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard of one node of a two-node cluster, over HTTP on loopback: it lists the agents of
 * both nodes (their journals read from PostgreSQL), one line per node with the account singleton
 * and the agents each runs, and its controls (fresh start included) reach an agent and the account
 * on the other node.
 */
@ExtendWith(LogCapturingExtension.class)
class ClusterDashboardTest {
  static final String TOKEN = "cluster-dashboard-test-token";
  static final Duration ASK = Duration.ofSeconds(10);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static final String CONFIG = """
      kis-trader.agents = [
        { id = cd-a, symbol = "005930", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "005930", quantity = 1, hold-trades = 2 } } }
        { id = cd-b, symbol = "000660", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "000660", quantity = 1, hold-trades = 2 } } }
        { id = cd-c, symbol = "035720", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "035720", quantity = 1, hold-trades = 2 } } }
        { id = cd-d, symbol = "035420", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "035420", quantity = 1, hold-trades = 2 } } }
      ]
      kis-trader.agent {
        snapshot-every = 50, snapshots-kept = 2
        persist-failure-backoff { min = 100ms, max = 1s, random-factor = 0.2 }
        costs { fee-ppb = 140527, sell-tax-ppb = 2000000 }
      }
      kis-trader.risk { duplicate-window = 1ms }
      kis-trader.cluster.register-retry = 500ms
      kis.dashboard { host = "127.0.0.1", port = 0 }
      pekko.loglevel = WARNING
      pekko.stdout-loglevel = OFF
      pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
      pekko.cluster {
        seed-nodes = []
        jmx.multi-mbeans-in-same-jvm = on
        failure-detector { heartbeat-interval = 300ms, acceptable-heartbeat-pause = 2s }
      }
      """;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void aNodesDashboardShowsTheWholeClusterAndItsControlsReachAgentsAndTheAccountOnTheOtherNode() throws Exception {
    TestDatabase db = TestDatabase.create();
    KisSimulator sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 100ms, rate-limit-per-second = -1, session-mode = ALWAYS_OPEN,"
            + " token-reissue-interval = 0s }")));
    List<ActorTestKit> kits = new ArrayList<>();
    LiveDashboard dashboard = null;
    try {
      Config config = ClusterProfile.over(ConfigFactory.parseString(CONFIG).withFallback(db.config()));
      // What run --profile cluster would refuse, this start refuses too.
      kis.engine.config.ConfigGate.require(config, "cluster dashboard test");
      List<AgentConfig> agents = AgentConfig.listFrom(config);
      for (int i = 0; i < 2; i++) {
        kits.add(ActorTestKit.create("kis-trader", config));
      }
      Address first = Cluster.get(kits.get(0).system()).selfMember().address();
      for (ActorTestKit k : kits) {
        Cluster.get(k.system()).manager().tell(Join.create(first));
        awaitTrue("node up", Duration.ofSeconds(60),
            () -> Cluster.get(k.system()).selfMember().status() == MemberStatus.up());
      }
      List<ClusterEngine.Handles> handles = new ArrayList<>();
      List<KisConfig> kis = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        KisConfig kc = KisConfig.forSimulator(sim.restBaseUrl(), sim.websocketUrl(), dir.resolve("tokens-" + i))
            .withTrIds(true);
        kis.add(kc);
        handles.add(node(kits.get(i).system(), config, sim, kc));
      }
      // The dashboard of the node without the account singleton.
      LiveMetrics metrics = new LiveMetrics(new EngineMetrics(), Clock.systemUTC());
      dashboard = LiveDashboard.startCluster(config, kits.get(1).system(), handles.get(1),
          SessionSchedule.alwaysOpen(StrategyContext.KST), Clock.systemUTC(), dir, kis.get(1), metrics,
          ControlToken.of(TOKEN));
      String url = dashboard.baseUrl();
      String singleton = first.toString();
      String self = Cluster.get(kits.get(1).system()).selfMember().address().toString();

      awaitTrue("a line per node, the singleton's marked, every agent placed", Duration.ofSeconds(60), () -> {
        JsonNode nodes = get(url + "/api/nodes");
        Set<String> placed = new HashSet<>();
        int withAgents = 0;
        for (JsonNode n : nodes) {
          boolean isSingleton = n.get("address").asText().equals(singleton);
          if (!n.get("reachable").asBoolean() || !n.get("status").asText().equals("Up")
              || n.get("accountSingleton").asBoolean() != isSingleton
              || n.get("self").asBoolean() != n.get("address").asText().equals(self)) {
            return false;
          }
          n.get("agents").forEach(a -> placed.add(a.asText()));
          withAgents += n.get("agents").size() > 0 ? 1 : 0;
        }
        return nodes.size() == 2 && withAgents == 2 && placed.size() == agents.size();
      });
      awaitTrue("every agent of both nodes listed, trading", Duration.ofSeconds(60), () -> {
        Set<String> ids = new HashSet<>();
        get(url + "/api/agents").forEach(r -> ids.add(r.get("id").asText()));
        return ids.size() == agents.size() && get(url + "/api/overview").get("connection").get("websocket")
            .get("state").asText().equals("LIVE");
      });

      // An agent on the other node: its journal comes from PostgreSQL; parking it from here parks it there.
      String remote = null;
      for (JsonNode n : get(url + "/api/nodes")) {
        if (!n.get("self").asBoolean()) {
          remote = n.get("agents").get(0).asText();
        }
      }
      String id = remote;
      awaitTrue("the remote agent's journal events and fills", Duration.ofSeconds(60), () -> {
        JsonNode d = get(url + "/api/agents/" + id);
        return d.get("events").size() > 0 && d.get("fills").size() > 0;
      });
      HttpResponse<String> notParked = post(url + "/api/agents/" + id + "/fresh-start", TOKEN);
      assertEquals(409, notParked.statusCode(), notParked.body());
      assertTrue(notParked.body().contains("park it first"), notParked.body());
      HttpResponse<String> refused = post(url + "/api/agents/" + id + "/park", null);
      assertEquals(401, refused.statusCode(), refused.body());
      HttpResponse<String> parked = post(url + "/api/agents/" + id + "/park", TOKEN);
      assertEquals(200, parked.statusCode(), parked.body());
      AgentState state = handles.get(0).agent(new AgentId(id)).<AgentState>ask(AgentRunner.GetState::new, ASK)
          .toCompletableFuture().get(15, TimeUnit.SECONDS);
      assertTrue(state.parked(), id + " parked on its node");
      HttpResponse<String> cancels = post(url + "/api/agents/" + id + "/cancel-orders", TOKEN);
      assertEquals(200, cancels.statusCode(), cancels.body());

      // Fresh start from this node's page: the entity on the other node checks the rule and moves journals.
      HttpResponse<String> freshNoToken = post(url + "/api/agents/" + id + "/fresh-start", null);
      assertEquals(401, freshNoToken.statusCode(), freshNoToken.body());
      awaitTrue("the parked agent's orders settled", Duration.ofSeconds(30),
          () -> books(handles.get(0), id).openOrders().isEmpty());
      // Parked and settled, its position no longer moves: shares its round trips left are handed over.
      boolean holds = books(handles.get(0), id).positions().values().stream().anyMatch(p -> p.quantity() != 0);
      HttpResponse<String> fresh = post(url + "/api/agents/" + id + "/fresh-start" + (holds ? "?handover=true" : ""),
          TOKEN);
      assertEquals(200, fresh.statusCode(), fresh.body());
      assertTrue(fresh.body().contains(id + ".g1"), fresh.body());
      awaitTrue("the agent listed on its new journal, the old row gone", Duration.ofSeconds(30), () -> {
        Set<String> ids = new HashSet<>();
        get(url + "/api/agents").forEach(r -> ids.add(r.get("id").asText()));
        return ids.contains(id + ".g1") && !ids.contains(id) && ids.size() == agents.size();
      });
      AgentState freshBooks = books(handles.get(0), id);
      assertEquals(id + ".g1", freshBooks.agentId(), "the entity runs on the new journal");
      assertFalse(freshBooks.parked(), "on empty books");
      List<String> audit = new ArrayList<>();
      List<String> refusals = new ArrayList<>();
      get(url + "/api/audit").forEach(e -> {
        if (e.get("action").asText().contains("fresh-start")) {
          audit.add(e.get("outcome").asText());
        }
        if (e.get("outcome").asText().startsWith("refused: no token")) {
          refusals.add(e.get("outcome").asText());
        }
      });
      assertTrue(audit.get(0).startsWith("ok: " + id + " started afresh on journal " + id + ".g1 by tester"),
          audit.toString());
      // Refusals are audited in aggregate: the first of a reason in a minute is listed (here the park
      // without a token, or the fresh start if a minute turned in between), the rest are counted.
      assertTrue(refusals.contains("refused: no token"), refusals.toString());

      // The kill switch lives with the account on the other node.
      HttpResponse<String> on = post(url + "/api/kill-switch?reason=test", TOKEN);
      assertEquals(200, on.statusCode(), on.body());
      assertTrue(deskStatus(kits.get(0), handles.get(0)).killSwitch().engaged(), "engaged in the account singleton");
      awaitTrue("the page shows it", Duration.ofSeconds(10),
          () -> get(url + "/api/overview").get("killSwitch").get("engaged").asBoolean());
      HttpResponse<String> reset = post(url + "/api/kill-switch/reset", TOKEN);
      assertEquals(200, reset.statusCode(), reset.body());
      assertFalse(deskStatus(kits.get(0), handles.get(0)).killSwitch().engaged());
      HttpResponse<String> reconcile = post(url + "/api/reconcile", TOKEN);
      assertEquals(200, reconcile.statusCode(), reconcile.body());
      awaitTrue("the last reconciliation shown", Duration.ofSeconds(10),
          () -> !get(url + "/api/overview").get("reconcile").get("result").asText().equals("NEVER"));
    } finally {
      if (dashboard != null) {
        dashboard.close();
      }
      for (int i = kits.size() - 1; i >= 0; i--) {
        kits.get(i).shutdownTestKit();
      }
      sim.close();
      db.close();
    }
  }

  private static AgentState books(ClusterEngine.Handles h, String id) {
    try {
      return h.agent(new AgentId(id)).<AgentState>ask(AgentRunner.GetState::new, ASK).toCompletableFuture()
          .get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static AccountDesk.DeskStatus deskStatus(ActorTestKit kit, ClusterEngine.Handles h) {
    TestProbe<AccountDesk.DeskStatus> p = kit.createTestProbe();
    h.account().tell(new AccountDesk.GetStatus(p.getRef()));
    return p.receiveMessage(ASK);
  }

  private static ClusterEngine.Handles node(ActorSystem<?> system, Config config, KisSimulator sim, KisConfig kc) {
    SimCredentials sc = sim.credentials();
    KisCredentials creds = KisCredentials.of(sc.appKey(), sc.appSecret(), sc.cano() + "-" + sc.acntPrdtCd(),
        sc.htsId());
    return ClusterEngine.start(system, new ClusterEngine.Setup(config, KisConnector.create(system, kc, creds),
        Clock.systemUTC(), SessionSchedule.alwaysOpen(StrategyContext.KST),
        new SessionClock(KrxCalendar.defaults(), Clock.systemUTC()), GatewaySettings.real(), Duration.ofSeconds(2),
        Optional.of(new Reconciler(CostModel.KIS_2026, Duration.ofSeconds(2), Duration.ofSeconds(5),
            StrategyContext.KST))));
  }

  private JsonNode get(String url) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(url + ": " + r.statusCode() + " " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> post(String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
        .header("X-Operator", "tester").POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitTrue(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    Throwable last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException | AssertionError e) {
        last = e;
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError("timed out waiting for " + what + (last == null ? "" : " (last: " + last + ")"));
  }
}
