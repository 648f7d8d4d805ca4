package kis.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;
import kis.actors.agent.Agent;
import kis.actors.agent.StrategyHost;
import kis.actors.live.AgentRunner;
import kis.actors.live.LocalAgents;
import kis.actors.reconcile.ReconcileReport;
import kis.actors.reconcile.ReconcilerActor;
import kis.actors.risk.KillSwitch;
import kis.actors.risk.KillSwitchState;
import kis.actors.supervisor.ConnectionState;
import kis.actors.supervisor.KisSupervisor;
import kis.compat.ReplayFixture;
import kis.engine.journal.EngineConfig;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import kis.sim.FaultControl;
import kis.sim.KisSimulator;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the replay fixture ({@code compat/fixtures/}, see its README): the engine exactly as
 * {@code run} starts it ({@link RunCommand#start}: lock, journal start check, LevelDB journal
 * with marks, snapshots, generations file) on the embedded kis-sim, driven through a script that
 * leaves every kind of record a user's data dir holds. Runs only when asked to, with
 * {@code -Dkis.fixture.write=<new fixture folder>} (it writes {@code data/} and
 * {@code SHA256SUMS} there): the committed fixture is never rewritten by a build.
 * It lives in package {@code kis.engine} to reach {@code RunCommand.start}.
 *
 * <p>At the end it prints, per journal, the values {@link kis.compat.FixtureReplayTest} pins (state
 * hash and books), for a deliberate regeneration to copy into that test.
 */
@EnabledIfSystemProperty(named = "kis.fixture.write", matches = ".+")
class WriteReplayFixture {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration ASK = Duration.ofSeconds(15);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private RunCommand.Engine engine;
  private KisSimulator sim;

  @Test
  void writesTheReplayFixtureDataDir() throws Exception {
    Path folder = Path.of(System.getProperty("kis.fixture.write")).toAbsolutePath();
    Path data = folder.resolve(ReplayFixture.DATA);
    if (Files.exists(data)) {
      throw new IllegalStateException(data + " exists: a fixture is written once, into a new folder");
    }
    Files.createDirectories(data);
    Config c = ConfigFactory.parseString(ReplayFixture.CONFIG)
        .withFallback(EngineConfig.load(Optional.empty(), Optional.of(data))).resolve();
    engine = RunCommand.start(c, new PrintWriter(System.out, true));
    try {
      sim = engine.target.embedded().orElseThrow();
      awaitReady();
      script();
    } finally {
      engine.stop();
    }
    // The connector's token cache holds the simulator's throwaway token: not part of a user's books.
    deleteTree(data.resolve("tokens"));
    deleteTree(data.resolve("log"));
    Files.deleteIfExists(data.resolve("engine.lock"));
    Files.writeString(folder.resolve(ReplayFixture.SUMS), ReplayFixture.sums(data));
    printPins(data);
  }

  /** The story the fixture tells; each step waits until the books show it. */
  private void script() throws Exception {
    // fx-trade: a partial then a full fill, a revise that fills, a cancel, one left working.
    ActorRef<Agent.Command> trade = agent(ReplayFixture.TRADE);
    Symbol samsung = Symbol.of("005930");
    ClientOrderId buy = place(trade, OrderSpec.limit(samsung, Side.BUY, 10, 71_000));
    awaitOrder(trade, buy, o -> o.status() == OrderStatus.WORKING);
    print(samsung, 71_000, 4);
    awaitOrder(trade, buy, o -> o.filledQuantity() == 4);
    print(samsung, 71_000, 6);
    awaitOrder(trade, buy, o -> o.status() == OrderStatus.FILLED);
    ClientOrderId sell = place(trade, OrderSpec.limit(samsung, Side.SELL, 4, 71_500));
    awaitOrder(trade, sell, o -> o.status() == OrderStatus.WORKING);
    ok(this.<Done>ask(trade, r -> new Agent.ReviseOrder(sell, 71_300, r)));
    awaitOrder(trade, sell, o -> o.price() == 71_300 && o.pendingPrice() == 0 && o.status() == OrderStatus.WORKING);
    print(samsung, 71_300, 4);
    awaitOrder(trade, sell, o -> o.status() == OrderStatus.FILLED);
    ClientOrderId cancelled = place(trade, OrderSpec.limit(samsung, Side.BUY, 3, 70_000));
    awaitOrder(trade, cancelled, o -> o.status() == OrderStatus.WORKING);
    ok(this.<Done>ask(trade, r -> new Agent.CancelOrder(cancelled, "fixture: operator cancel", r)));
    awaitOrder(trade, cancelled, o -> o.status() == OrderStatus.CANCELLED);
    ClientOrderId resting = place(trade, OrderSpec.limit(samsung, Side.BUY, 2, 70_500));
    awaitOrder(trade, resting, o -> o.status() == OrderStatus.WORKING);

    // fx-doubt: KIS applies the order but the reply is lost; the reconciler finds it, a fill follows.
    ActorRef<Agent.Command> doubt = agent(ReplayFixture.DOUBT);
    Symbol hynix = Symbol.of("000660");
    sim.faults().failRest(FaultControl.RestFault.HTTP_500, true, 1, "order-cash");
    ClientOrderId inDoubt = place(doubt, OrderSpec.limit(hynix, Side.BUY, 5, 128_500));
    awaitOrder(doubt, inDoubt, o -> o.status() == OrderStatus.IN_DOUBT);
    sim.faults().clear();
    reconcile();
    awaitOrder(doubt, inDoubt, o -> o.status() == OrderStatus.WORKING && o.orderNo() != null);
    print(hynix, 128_500, 2);
    awaitOrder(doubt, inDoubt, o -> o.filledQuantity() == 2);

    // fx-parked: a filled buy, then the operator parks it.
    ActorRef<Agent.Command> parked = agent(ReplayFixture.PARKED);
    Symbol kakao = Symbol.of("035720");
    ClientOrderId held = place(parked, OrderSpec.limit(kakao, Side.BUY, 7, 42_150));
    awaitOrder(parked, held, o -> o.status() == OrderStatus.WORKING);
    print(kakao, 42_150, 7);
    awaitOrder(parked, held, o -> o.status() == OrderStatus.FILLED);
    ok(this.<Done>askRunner(ReplayFixture.PARKED, r -> new AgentRunner.Park(ReplayFixture.PARK_REASON, r)));
    awaitState(parked, AgentState::parked);

    // fx-fresh: a filled buy, parked, fresh start handing the shares over; the new generation sells them.
    ActorRef<Agent.Command> fresh = agent(ReplayFixture.FRESH);
    Symbol naver = Symbol.of("035420");
    ClientOrderId first = place(fresh, OrderSpec.limit(naver, Side.BUY, 3, 185_000));
    awaitOrder(fresh, first, o -> o.status() == OrderStatus.WORKING);
    print(naver, 185_000, 3);
    awaitOrder(fresh, first, o -> o.status() == OrderStatus.FILLED);
    ok(this.<Done>askRunner(ReplayFixture.FRESH, r -> new AgentRunner.Park("fixture: before a fresh start", r)));
    awaitState(fresh, AgentState::parked);
    AgentId next = new AgentId(ok(this.<String>askRunner(ReplayFixture.FRESH, r -> new AgentRunner.FreshStart("fixture", true, r))));
    if (!next.equals(ReplayFixture.FRESH_G1)) {
      throw new AssertionError("fresh start moved to " + next + ", expected " + ReplayFixture.FRESH_G1);
    }
    ActorRef<Agent.Command> g1 = awaitAgent(ReplayFixture.FRESH_G1);
    awaitState(g1, s -> s.position(naver).quantity() == 3);
    ClientOrderId sold = place(g1, OrderSpec.limit(naver, Side.SELL, 3, 185_500));
    awaitOrder(g1, sold, o -> o.status() == OrderStatus.WORKING);
    print(naver, 185_500, 3);
    awaitOrder(g1, sold, o -> o.status() == OrderStatus.FILLED);

    // fx-resting: an order left working when the operator stops the agent (the kill switch misses it).
    ActorRef<Agent.Command> rest = agent(ReplayFixture.RESTING);
    ClientOrderId stays = place(rest, OrderSpec.limit(Symbol.of("005380"), Side.BUY, 1, 230_000));
    awaitOrder(rest, stays, o -> o.status() == OrderStatus.WORKING);
    AskPattern.<LocalAgents.Command, Done>ask(engine.handles.runners(), r -> new LocalAgents.Stop(ReplayFixture.RESTING, r),
        ASK, engine.system.scheduler()).toCompletableFuture().get(20, TimeUnit.SECONDS);

    // The kill switch latches: running agents' working orders are cancelled, a new order is refused.
    KillSwitchState latched = ok(AskPattern.<KillSwitch.Command, StatusReply<KillSwitchState>>ask(
        engine.handles.killSwitch(), r -> new KillSwitch.Engage(ReplayFixture.KILL_REASON, "fixture", r), ASK,
        engine.system.scheduler()).toCompletableFuture().get(30, TimeUnit.SECONDS));
    if (!latched.engaged()) {
      throw new AssertionError("kill switch not engaged: " + latched);
    }
    awaitOrder(trade, resting, o -> o.status() == OrderStatus.CANCELLED);
    awaitOrder(doubt, inDoubt, o -> o.status() == OrderStatus.CANCELLED);
    ClientOrderId refused = place(trade, OrderSpec.limit(samsung, Side.BUY, 1, 70_000));
    awaitOrder(trade, refused, o -> o.status().isTerminal());
  }

  private void awaitReady() throws Exception {
    await("every agent may trade and the websocket is LIVE with every symbol", () -> {
      List<AgentRunner.Refs> agents = agents();
      for (AgentRunner.Refs a : agents) {
        if (a.host().isEmpty()) {
          return false;
        }
        StrategyHost.HostStatus st = AskPattern.<StrategyHost.Command, StrategyHost.HostStatus>ask(a.host().get(),
            StrategyHost.GetStatus::new, ASK, engine.system.scheduler()).toCompletableFuture().get(20, TimeUnit.SECONDS);
        if (!st.tradingEnabled() || !"LIVE".equals(st.connection())) {
          return false;
        }
      }
      KisSupervisor.Status s = AskPattern.<KisSupervisor.Command, KisSupervisor.Status>ask(engine.handles.supervisor(),
          KisSupervisor.GetStatus::new, ASK, engine.system.scheduler()).toCompletableFuture().get(20, TimeUnit.SECONDS);
      return s.state() == ConnectionState.LIVE && s.symbols() >= agents.size();
    });
  }

  /** Every configured agent's runner refs (an agent whose runner is restarting is left out). */
  private List<AgentRunner.Refs> agents() throws Exception {
    List<AgentRunner.Refs> out = new java.util.ArrayList<>();
    for (var a : engine.handles.agents()) {
      LocalAgents.refs(engine.system, engine.handles.runners(), a.id(), ASK).toCompletableFuture()
          .get(20, TimeUnit.SECONDS).ifPresent(out::add);
    }
    return out;
  }

  private ActorRef<Agent.Command> agent(AgentId id) {
    ActorRef<Agent.Command> ref = engine.handles.registry().agents().get(id);
    if (ref == null) {
      throw new AssertionError("agent " + id + " is not running");
    }
    return ref;
  }

  private ActorRef<Agent.Command> awaitAgent(AgentId id) throws Exception {
    await("agent " + id + " runs", () -> engine.handles.registry().agents().containsKey(id));
    return agent(id);
  }

  private ClientOrderId place(ActorRef<Agent.Command> agent, OrderSpec spec) throws Exception {
    return ok(ask(agent, r -> new Agent.PlaceOrder(spec, "fixture", r)));
  }

  private AgentState state(ActorRef<Agent.Command> agent) throws Exception {
    return AskPattern.<Agent.Command, AgentState>ask(agent, Agent.GetState::new, ASK, engine.system.scheduler())
        .toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private void awaitOrder(ActorRef<Agent.Command> agent, ClientOrderId id, Predicate<Order> p) throws Exception {
    await("order " + id, () -> state(agent).order(id).filter(p).isPresent());
  }

  private void awaitState(ActorRef<Agent.Command> agent, Predicate<AgentState> p) throws Exception {
    await("agent state", () -> p.test(state(agent)));
  }

  private void reconcile() throws Exception {
    ReconcileReport r = ok(AskPattern.<ReconcilerActor.Command, StatusReply<ReconcileReport>>ask(
        engine.handles.reconciler(), ReconcilerActor.RunNow::new, Duration.ofSeconds(60), engine.system.scheduler())
        .toCompletableFuture().get(90, TimeUnit.SECONDS));
    System.out.println("reconciled: " + r);
  }

  private <T> StatusReply<T> ask(RecipientRef<Agent.Command> to, Function<ActorRef<StatusReply<T>>, Agent.Command> m)
      throws Exception {
    return AskPattern.ask(to, m, ASK, engine.system.scheduler()).toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** Asks configured agent {@code id}'s runner, as an operator's control does. */
  private <T> StatusReply<T> askRunner(AgentId id, Function<ActorRef<StatusReply<T>>, AgentRunner.Command> m)
      throws Exception {
    AtomicReference<ActorRef<AgentRunner.Command>> runner = new AtomicReference<>();
    await("agent " + id + "'s runner", () -> {
      AskPattern.<LocalAgents.Command, List<LocalAgents.Member>>ask(engine.handles.runners(), LocalAgents.GetAgents::new,
          ASK, engine.system.scheduler()).toCompletableFuture().get(20, TimeUnit.SECONDS).stream()
          .filter(x -> x.config().id().equals(id)).findFirst().flatMap(LocalAgents.Member::runner)
          .ifPresent(runner::set);
      return runner.get() != null;
    });
    return AskPattern.ask(runner.get(), m, ASK, engine.system.scheduler()).toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static <T> T ok(StatusReply<T> r) {
    if (!r.isSuccess()) {
      throw new AssertionError("refused: " + r.getError().getMessage());
    }
    return r.getValue();
  }

  /** Prints a trade at kis-sim ({@code POST /sim/trade}): resting orders at that price fill. */
  private void print(Symbol symbol, long price, long qty) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + "/sim/trade")).timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"symbol\":\"" + symbol.code() + "\",\"price\":" + price + ",\"qty\":" + qty + "}")).build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("/sim/trade answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** A condition polled until it holds; it may throw. */
  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(String what, Check c) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!c.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(50_000_000L);
    }
  }

  /**
   * What the replay test pins, read back with the journal tools from a copy of the data dir just
   * written (opening LevelDB rewrites its files: the fixture stays exactly as the engine left it).
   */
  private static void printPins(Path data) throws Exception {
    Path copy = Files.createTempDirectory("fixture-pins");
    ReplayFixture.copy(data, copy);
    Map<String, AgentState> states = new TreeMap<>(ReplayFixture.foldAll(copy));
    System.out.println("==== pins for FixtureReplayTest (written from " + data + ")");
    states.forEach((id, s) -> System.out.println(ReplayFixture.describe(s)));
    try (Stream<Path> files = Files.walk(data)) {
      files.filter(Files::isRegularFile).sorted(Comparator.naturalOrder())
          .forEach(f -> System.out.println("file " + data.relativize(f) + " " + size(f)));
    }
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return -1;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
