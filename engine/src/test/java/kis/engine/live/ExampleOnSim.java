package kis.engine.live;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentConfig;
import kis.journal.calendar.SessionSchedule;
import kis.actors.agent.StrategyHost;
import kis.actors.gateway.GatewaySettings;
import kis.actors.live.LiveEngine;
import kis.actors.supervisor.ConnectionState;
import kis.actors.supervisor.KisSupervisor;
import kis.connector.assembly.KisConnector;
import kis.engine.journal.EngineConfig;
import kis.journal.Symbol;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.sim.KisSimulator;
import kis.strategies.registry.StrategyRegistry;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The engine as {@code run} builds it, with a shipped agent configuration layered over
 * {@code application.conf} exactly as {@code run --config} does, on the embedded kis-sim in manual
 * mode: no generated prices ({@code tick-interval = 0}), seeded investor-flow history ({@code seed = 42}), and a market clock that stands still
 * ({@code time-compression} a millionth) except when the test moves it a minute at a time. So the
 * one-minute bars the strategies see come from the test's prints alone, and a warm-up of 60 bars
 * takes as long as 60 prints and clock moves, not an hour.
 */
final class ExampleOnSim implements AutoCloseable {
  static final ZoneId KST = ZoneId.of("Asia/Seoul");
  private static final Duration ASK = Duration.ofSeconds(10);

  final ActorSystem<Void> system;
  final KisTarget target;
  final LiveEngine.Handles handles;
  final KisSimulator sim;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param agents the configuration that sets {@code kis-trader.agents}, as a user's file would
   * @param dataDir an empty directory for the journal and token cache
   */
  ExampleOnSim(Config agents, Path dataDir) throws Exception {
    // The market clock starts today (KST) at 09:30:30, mid-minute, so every minute's prints share one bar.
    String start = LocalDate.now(KST) + "T09:30:30";
    Config test = ConfigFactory.parseString(String.join("\n",
        "kis-sim { seed = 42, tick-interval = 0, time-compression = 0.000001, session-start = \"" + start + "\",",
        "  rate-limit-per-second = -1, pingpong-interval = 1h }",
        "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off",
        "pekko.loglevel = WARNING",
        "pekko.stdout-loglevel = OFF"));
    Config c = test.withFallback(agents)
        .withFallback(EngineConfig.load(Optional.empty(), Optional.of(dataDir))).resolve();
    // What run would refuse, this start refuses too: a test must get the values it writes.
    kis.engine.config.ConfigGate.require(c, "ExampleOnSim");
    target = KisTarget.resolve(c, null, null, null, Map.of(), dataDir);
    sim = target.embedded().orElseThrow();
    Clock clock = Clock.system(KST);
    SessionClock sessions = new SessionClock(KrxCalendar.fromAppConfig(c), clock);
    SessionSchedule schedule = SessionSchedule.alwaysOpen(KST);
    CompletableFuture<LiveEngine.Handles> started = new CompletableFuture<>();
    Behavior<Void> guardian = Behaviors.setup(ctx -> LiveEngine.guardian(new LiveEngine.Setup(c,
        KisConnector.create(ctx.getSystem(), target.config(), target.credentials()), clock, schedule, sessions,
        GatewaySettings.real(), Duration.ofHours(1), dataDir), started));
    system = ActorSystem.create(guardian, "shipped-config-test", c);
    try {
      handles = started.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  /** Every symbol some agent's strategy trades or reads. */
  Set<Symbol> symbols() {
    Set<Symbol> all = new TreeSet<>(java.util.Comparator.comparing(Symbol::code));
    for (AgentConfig a : handles.agents()) {
      all.addAll(StrategyRegistry.create(a.strategy(), ConfigFactory.parseMap(a.strategyParams())).symbols());
    }
    return all;
  }

  /** A configured agent and, while its runner runs it, its agent and host. */
  record Managed(kis.journal.AgentId configuredId, java.util.Optional<org.apache.pekko.actor.typed.ActorRef<Agent.Command>> agent,
      java.util.Optional<org.apache.pekko.actor.typed.ActorRef<StrategyHost.Command>> host) {}

  List<Managed> agents() throws Exception {
    List<Managed> out = new java.util.ArrayList<>();
    for (AgentConfig a : handles.agents()) {
      var refs = kis.actors.live.LocalAgents.refs(system, handles.runners(), a.id(), ASK).toCompletableFuture()
          .get(15, TimeUnit.SECONDS);
      out.add(new Managed(a.id(), refs.flatMap(kis.actors.live.AgentRunner.Refs::agent),
          refs.flatMap(kis.actors.live.AgentRunner.Refs::host)));
    }
    return out;
  }

  StrategyHost.HostStatus status(Managed a) throws Exception {
    return AskPattern.<StrategyHost.Command, StrategyHost.HostStatus>ask(a.host().orElseThrow(),
        StrategyHost.GetStatus::new, ASK, system.scheduler()).toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  AgentState state(Managed a) throws Exception {
    return AskPattern.<Agent.Command, AgentState>ask(a.agent().orElseThrow(), Agent.GetState::new, ASK,
        system.scheduler()).toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  /** Whether KIS accepted an order of the agent (it got an order number), working or done. */
  static boolean placedAnAcceptedOrder(AgentState s) {
    return s.openOrders().values().stream().anyMatch(o -> o.orderNo() != null)
        || s.closedOrders().stream().map(Order::orderNo).anyMatch(java.util.Objects::nonNull);
  }

  /** Each agent's id with its idle reason, for failure messages. */
  Map<String, String> idleReasons() throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    for (Managed a : agents()) {
      out.put(a.configuredId().value(), a.host().isPresent() ? status(a).idleReason() : "(no host)");
    }
    return out;
  }

  /**
   * Waits until every agent may trade and the supervisor's websocket is LIVE with every symbol
   * subscribed, so no print of the test is lost.
   */
  void awaitReady(Duration within) throws Exception {
    int symbols = symbols().size();
    // The host has heard the connection (and with it the kill switch) from the engine: no placement is held back.
    awaitAgents(within, "every agent running and allowed to trade",
        (a, st) -> st.tradingEnabled() && "LIVE".equals(st.connection()));
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      KisSupervisor.Status s = AskPattern.<KisSupervisor.Command, KisSupervisor.Status>ask(handles.supervisor(),
          KisSupervisor.GetStatus::new, ASK, system.scheduler()).toCompletableFuture().get(15, TimeUnit.SECONDS);
      if (s.state() == ConnectionState.LIVE && s.symbols() >= symbols) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the supervisor did not subscribe " + symbols + " symbols within " + within + ": " + s);
      }
      LockSupport.parkNanos(50_000_000L);
    }
  }

  /** A condition on an agent's host status and books. */
  interface AgentCheck {
    boolean test(Managed agent, StrategyHost.HostStatus status) throws Exception;
  }

  /** Polls (bounded) until {@code check} holds for every agent {@code which} selects. */
  void awaitAgents(Duration within, String what, Predicate<String> which, AgentCheck check) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      boolean all = true;
      for (Managed a : agents()) {
        if (which.test(a.configuredId().value())
            && (a.agent().isEmpty() || a.host().isEmpty() || !check.test(a, status(a)))) {
          all = false;
          break;
        }
      }
      if (all) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + within + ": " + what + "; idle reasons: " + idleReasons());
      }
      LockSupport.parkNanos(100_000_000L);
    }
  }

  void awaitAgents(Duration within, String what, AgentCheck check) throws Exception {
    awaitAgents(within, what, id -> true, check);
  }

  /** Prints a trade at kis-sim ({@code POST /sim/trade}); returns once it is matched and published. */
  void print(Symbol symbol, long price, long qty) throws Exception {
    post("/sim/trade", "{\"symbol\":\"" + symbol.code() + "\",\"price\":" + price + ",\"qty\":" + qty + "}");
  }

  /** Moves kis-sim's market clock one minute on: the next prints belong to the next bar. */
  void nextMinute() throws Exception {
    post("/sim/clock/advance", "{\"minutes\":1}");
  }

  private void post(String path, String body) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + path)).timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
  }

  @Override
  public void close() {
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
