package kis.actors.live;

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
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.AgentTestKits;
import kis.actors.agent.OrderPort;
import kis.actors.gateway.GatewaySettings;
import kis.actors.gateway.OrderGateway;
import kis.actors.risk.KillSwitchState;
import kis.actors.reconcile.Reconciler;
import kis.actors.reconcile.ReconcileReport;
import kis.actors.reconcile.ReconcilerActor;
import kis.actors.reconcile.ReconcilerSettings;
import kis.adapter.KisNotices;
import kis.connector.KisConfig;
import kis.connector.assembly.KisConnector;
import kis.connector.KisCredentials;
import kis.connector.ws.KisFeedEvent;
import kis.connector.ws.KisWebSocket;
import kis.journal.AgentId;
import kis.journal.CostModel;
import kis.journal.state.AgentState;
import kis.sim.KisSimulator;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * kis-sim on loopback, a connector to it, and the live actors (reconciler, gateway, agents) in an
 * actor test kit with the in-memory journal. Notices come from a websocket opened here (the
 * supervisor has its own tests), so a gateway test does not depend on the supervisor.
 */
public final class LiveHarness implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(30);
  public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  public final KisSimulator sim;
  public final ActorTestKit kit;
  public final KisConnector kis;
  public final Map<AgentId, ActorRef<Agent.Command>> agents = new ConcurrentHashMap<>();
  public final ActorRef<ReconcilerActor.Command> reconciler;
  public final ActorRef<OrderGateway.Command> gateway;
  private final Path tokenDir;
  private final HttpClient http = HttpClient.newHttpClient();
  private KisWebSocket ws;

  /**
   * @param simOverrides HOCON inside {@code kis-sim { }} on top of manual prices, no rate limit,
   *     no periodic PINGPONG
   */
  public LiveHarness(String simOverrides) {
    this(simOverrides, java.util.function.UnaryOperator.identity());
  }

  /** As {@link #LiveHarness(String)}, with the reconciler's settings changed by {@code tune}. */
  public LiveHarness(String simOverrides, java.util.function.UnaryOperator<ReconcilerSettings> tune) {
    this.sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 0, rate-limit-per-second = -1, seed = 7, token-reissue-interval = 0s,"
            + " pingpong-interval = 1h\n" + simOverrides + " }")));
    // Pool shutdown noise at teardown goes to stdout once slf4j has stopped: keep it quiet.
    this.kit = ActorTestKit.create("LiveHarness", ConfigFactory.parseString("pekko.stdout-loglevel = OFF")
        .withFallback(AgentTestKits.config()));
    try {
      this.tokenDir = Files.createTempDirectory("kis-tokens");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    // Call timeouts well above a loaded machine's reply time (the connect deadline is three quarters
    // of the shorter): at 700 ms an order under a CPU hog went in doubt and a connect failed; a test
    // that wants a timeout holds the sim's reply past these (faults().restTimeout).
    this.kis = KisConnector.create(kit.system(), config("order-timeout = 5s, read-timeout = 5s, retry-backoff = 50ms,"
        // The sim issues tokens at any pace: a token call that timed out under load is retried at
        // once instead of after KIS's minute (which would outlast every wait in the tests).
        + " token.min-issue-interval = 1s"),
        credentials());
    // A short grace: the sim lists an order in daily-ccld as soon as it exists, but a run may
    // overlap a send still awaiting its reply.
    Reconciler pure = new Reconciler(CostModel.KIS_2026, Duration.ofSeconds(2), Duration.ofSeconds(5), SEOUL);
    ReconcilerSettings rs = ReconcilerSettings.defaults(CostModel.KIS_2026).withReconciler(pure)
        .withInterval(Duration.ZERO);
    this.gateway = kit.spawn(OrderGateway.create(kis.rest(),
        GatewaySettings.real().withRate(50, Duration.ofSeconds(1), 5).withHoldTimeout(Duration.ofSeconds(3))
            .withThrottledResends(3, Duration.ofMillis(100)),
        Clock.system(SEOUL)), "gateway");
    // No kill switch in this harness: tell the gateway it is off, else orders wait for its word.
    gateway.tell(new OrderGateway.KillSwitchNow(KillSwitchState.OFF));
    this.reconciler = kit.spawn(ReconcilerActor.create(kis.rest(), gateway.narrow(), () -> Map.copyOf(agents),
        tune.apply(rs), Clock.system(SEOUL)), "reconciler");
  }

  public KisCredentials credentials() {
    SimCredentials c = sim.credentials();
    return KisCredentials.of(c.appKey(), c.appSecret(), c.cano() + "-" + c.acntPrdtCd(), c.htsId());
  }

  public KisConfig config(String overrides) {
    return KisConfig.fromConfig(ConfigFactory.parseString("kis { mode = sim, rest-url = \"" + sim.restBaseUrl()
        + "\", ws-url = \"" + sim.websocketUrl() + "\", token.cache-dir = \"" + tokenDir + "\"\n" + overrides + " }"));
  }

  /** An agent on the gateway, registered for notices. */
  public ActorRef<Agent.Command> agent(String id) throws Exception {
    AgentId aid = new AgentId(id);
    TestProbe<ActorRef<OrderPort>> p = kit.createTestProbe();
    gateway.tell(new OrderGateway.GetOrderPort(p.getRef()));
    ActorRef<OrderPort> port = p.receiveMessage(WAIT);
    ActorRef<Agent.Command> a = kit.spawn(Agent.create(AgentSettings.of(aid).withCosts(CostModel.KIS_2026), port,
        Clock.system(SEOUL)), "agent-" + id);
    gateway.tell(new OrderGateway.RegisterAgent(aid, a));
    agents.put(aid, a);
    return a;
  }

  /** Opens a websocket, subscribes execution notices and feeds them to the gateway. */
  public void feedNotices() throws Exception {
    ws = join(kis.openWebSocket());
    ws.events().runWith(Sink.foreach(e -> {
      if (e instanceof KisFeedEvent.ExecutionNotice n) {
        gateway.tell(new OrderGateway.ReportReceived(KisNotices.decode(n)));
      }
    }), kit.system());
    if (!join(ws.subscribeExecutionNotices(kis.credentials().htsId(), kis.paper())).success()) {
      throw new IllegalStateException("notice subscription refused");
    }
  }

  public AgentState state(ActorRef<Agent.Command> agent) {
    TestProbe<AgentState> p = kit.createTestProbe();
    agent.tell(new Agent.GetState(p.getRef()));
    return p.receiveMessage(WAIT);
  }

  public OrderGateway.Stats stats() {
    TestProbe<OrderGateway.Stats> p = kit.createTestProbe();
    gateway.tell(new OrderGateway.GetStats(p.getRef()));
    return p.receiveMessage(WAIT);
  }

  /** Forces trades in the simulator ({@code POST /sim/trade}). */
  public void trade(String symbol, long price, long qty) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + "/sim/trade"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"symbol\":\"" + symbol + "\",\"price\":" + price + ",\"qty\":" + qty + "}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("/sim/trade answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** Runs the reconciler now and returns its report; fails the test if the run fails. */
  public ReconcileReport reconcile() {
    TestProbe<StatusReply<ReconcileReport>> p = kit.createTestProbe();
    reconciler.tell(new ReconcilerActor.RunNow(p.getRef()));
    StatusReply<ReconcileReport> r = p.receiveMessage(WAIT);
    org.junit.jupiter.api.Assertions.assertTrue(r.isSuccess(), () -> "reconciled: " + r);
    return r.getValue();
  }

  /** Polls {@code condition} until true; fails with {@code what} after {@link #WAIT}. */
  public static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  /** A condition polled by {@link #awaitTrue(Supplier, Duration, Condition)}; it may throw. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /**
   * Polls {@code condition} every 100 ms until it holds; an exception it throws counts as not yet
   * (the last one is named in the failure). Fails with {@code what} after {@code max}.
   */
  public static void awaitTrue(String what, Duration max, Condition condition) throws InterruptedException {
    awaitTrue(() -> what, max, condition);
  }

  /** As {@link #awaitTrue(String, Duration, Condition)}, {@code what} computed only on failure (e.g. a timeline). */
  public static void awaitTrue(Supplier<String> what, Duration max, Condition condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    Throwable last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.holds()) {
          return;
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception | AssertionError e) {
        last = e;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what.get() + (last == null ? "" : " (last: " + last + ")"));
  }

  public static <T> T join(CompletionStage<T> s) throws Exception {
    return s.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (ws != null) {
      ws.close();
    }
    kit.shutdownTestKit();
    sim.close();
  }
}
