package kis.connector.sim;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import kis.connector.KisConfig;
import kis.connector.assembly.KisConnector;
import kis.connector.KisCredentials;
import kis.connector.ws.KisFeedEvent;
import kis.connector.ws.KisWebSocket;
import kis.sim.KisSimulator;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;

/** One kis-sim on loopback plus an actor system for the connector under test. */
final class SimHarness implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);

  final KisSimulator sim;
  final ActorSystem<Void> system;
  final Path tokenDir;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * @param simOverrides HOCON inside {@code kis-sim { }}; the base has manual prices, no rate limit,
   *     no issuance interval and no periodic PINGPONG
   */
  SimHarness(String simOverrides) {
    this.sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 0, rate-limit-per-second = -1, seed = 7, token-reissue-interval = 0s,"
            + " pingpong-interval = 1h\n" + simOverrides + " }")));
    this.system = ActorSystem.create(Behaviors.empty(), "connector-test");
    try {
      this.tokenDir = Files.createTempDirectory("kis-tokens");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  KisCredentials credentials() {
    SimCredentials c = sim.credentials();
    return KisCredentials.of(c.appKey(), c.appSecret(), c.cano() + "-" + c.acntPrdtCd(), c.htsId());
  }

  /** A sim-mode config for this simulator; {@code overrides} is HOCON inside {@code kis { }}. */
  KisConfig config(String overrides) {
    return KisConfig.fromConfig(ConfigFactory.parseString("kis { mode = sim, rest-url = \"" + sim.restBaseUrl()
        + "\", ws-url = \"" + sim.websocketUrl() + "\", token.cache-dir = \"" + tokenDir + "\"\n"
        + "token.min-issue-interval = 1s\n" + overrides + " }"));
  }

  KisConnector connector(String overrides) {
    return KisConnector.create(system, config(overrides), credentials());
  }

  KisConnector connector(String overrides, Clock clock) {
    return KisConnector.create(system, config(overrides), credentials(), clock);
  }

  /** Forces trades in the simulator (POST /sim/trade). */
  void trade(String symbol, long price, long qty) throws Exception {
    post("/sim/trade", "{\"symbol\":\"" + symbol + "\",\"price\":" + price + ",\"qty\":" + qty + "}");
  }

  /** Makes the simulator send PINGPONG now. */
  void pingPong() throws Exception {
    post("/sim/pingpong", "{}");
  }

  private void post(String path, String json) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + path))
            .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** Runs a websocket's events into a queue. */
  BlockingQueue<KisFeedEvent> collect(KisWebSocket ws) {
    BlockingQueue<KisFeedEvent> q = new LinkedBlockingQueue<>();
    ws.events().runWith(Sink.foreach(q::add), system);
    return q;
  }

  /** The next event matching {@code type} and {@code p}, skipping others; fails after {@link #WAIT}. */
  static <T extends KisFeedEvent> T await(BlockingQueue<KisFeedEvent> q, Class<T> type, Predicate<T> p)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      KisFeedEvent e = left <= 0 ? null : q.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT);
      }
      if (type.isInstance(e) && p.test(type.cast(e))) {
        return type.cast(e);
      }
    }
  }

  static <T> T join(java.util.concurrent.CompletionStage<T> s) throws Exception {
    return s.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    // Client first, so its pooled connections are gone before the simulator unbinds.
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // best effort in test teardown
    }
    sim.close();
  }
}
