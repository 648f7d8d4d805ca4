package kis.engine.cluster;

import static kis.engine.ChildJvmLog.awaitLine;
import static kis.engine.ChildJvmLog.awaitTrue;
import static kis.engine.ChildJvmLog.transcript;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import kis.cluster.ClusterProfile;
import kis.cluster.TestDatabase;
import kis.engine.Main;
import kis.sim.KisSimulator;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kis-trader run --profile cluster} in a child JVM, joined to a seed node in this JVM, gets
 * SIGTERM: it leaves the cluster (the seed sees it removed), says so, and exits 0 as {@code run}
 * does. Its dashboard takes the control token from the shared {@code KIS_TRADER_DASHBOARD_TOKEN_FILE}.
 */
class ClusterNodeStopTest {
  private static final String SHARED_TOKEN = "shared-cluster-token-for-every-node";

  @TempDir Path dir;

  @Test
  void sigtermMakesTheNodeLeaveTheClusterAndExitZeroWithTheSharedDashboardToken() throws Exception {
    TestDatabase db = TestDatabase.create();
    String dbUrl = db.url;
    KisSimulator sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 100ms, rate-limit-per-second = -1, session-mode = ALWAYS_OPEN,"
            + " token-reissue-interval = 0s }")));
    ActorTestKit seed = null;
    Process node = null;
    Path log = dir.resolve("node.log");
    try {
      Config seedConfig = ClusterProfile.over(ConfigFactory.parseString("""
          pekko.loglevel = WARNING
          pekko.stdout-loglevel = OFF
          pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
          pekko.cluster.seed-nodes = []
          """).withValue("kis-trader.cluster.db.url", ConfigValueFactory.fromAnyRef(dbUrl)));
      seed = ActorTestKit.create("kis-trader", seedConfig);
      Cluster seedCluster = Cluster.get(seed.system());
      Address seedAddress = seedCluster.selfMember().address();
      seedCluster.manager().tell(Join.create(seedAddress));

      Path tokenFile = Files.writeString(dir.resolve("shared-dashboard.token"), SHARED_TOKEN + "\n");
      Path data = dir.resolve("node-data");
      Path config = Files.writeString(dir.resolve("node.conf"), """
          kis-trader.agents = []
          kis-trader.status-log-every = 1h
          kis-trader.cluster.create-schema = on
          kis-trader.cluster.db { url = "%s", user = "", password = "", max-connections = 2 }
          kis.dashboard { port = 0, token-for-reads = on }
          pekko.loglevel = WARNING
          pekko.stdout-loglevel = OFF
          pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
          """.formatted(dbUrl));
      node = start(config, data, sim, seedAddress, tokenFile, log);

      String dashboard = awaitLine(log, "Dashboard: http://", Duration.ofSeconds(90), node)
          .replace("Dashboard: ", "").split(" ")[0].trim();
      Process running = node;
      awaitTrue("the node is up in the seed's view", Duration.ofSeconds(60),
          () -> upMembers(seedCluster) == 2, running, log);
      assertEquals(401, get(dashboard + "api/nodes", null), "reads need the token here");
      assertEquals(200, get(dashboard + "api/nodes", SHARED_TOKEN), "the shared token opens every node's dashboard");
      assertFalse(Files.exists(data.resolve("dashboard.token")), "no per-node token beside the shared one");

      node.destroy(); // SIGTERM
      assertTrue(node.waitFor(60, TimeUnit.SECONDS), "stops within a minute\n" + transcript(log));
      assertEquals(0, node.exitValue(), transcript(log));
      awaitTrue("the seed sees the node removed", Duration.ofSeconds(30),
          () -> StreamSupport.stream(seedCluster.state().getMembers().spliterator(), false).count() == 1, null, log);
      String out = transcript(log);
      assertTrue(out.contains(" left the cluster."), out);
      assertTrue(out.indexOf(" left the cluster.") < out.indexOf("kis-trader node stopped."), out);
      assertFalse(out.contains(SHARED_TOKEN), "the token is never printed");
    } finally {
      if (node != null && node.isAlive()) {
        node.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
      if (seed != null) {
        seed.shutdownTestKit();
      }
      sim.close();
      db.close();
    }
  }

  private static long upMembers(Cluster c) {
    return StreamSupport.stream(c.state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up()).count();
  }

  private static Process start(Path config, Path data, KisSimulator sim, Address seed, Path tokenFile, Path log)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    // Output to a file, not a pipe: the shutdown's last lines come after the signal.
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "run", "--profile", "cluster", "--config", config.toString(),
        "--data-dir", data.toString(), "--sim-url", sim.restBaseUrl(), "--sim-ws-url", sim.websocketUrl())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    SimCredentials c = sim.credentials();
    Map<String, String> env = pb.environment();
    env.put("KIS_APP_KEY", c.appKey());
    env.put("KIS_APP_SECRET", c.appSecret());
    env.put("KIS_ACCOUNT", c.cano() + "-" + c.acntPrdtCd());
    env.put("KIS_HTS_ID", c.htsId());
    env.put(ClusterProfile.SEED_NODES_ENV, seed.toString());
    env.put("KIS_TRADER_DASHBOARD_TOKEN_FILE", tokenFile.toString());
    env.remove("KIS_TRADER_DASHBOARD_TOKEN");
    env.remove("KIS_TRADER_DATA_DIR");
    return pb.start();
  }

  private static int get(String url, String token) throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
