package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import kis.actors.reconcile.ReconcileReport;
import kis.journal.OrderType;
import kis.journal.RejectReason;
import kis.journal.calendar.MarketCalendar;
import kis.journal.calendar.SessionSchedule;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import kis.sim.AccountView;
import kis.sim.KisSimulator;
import kis.sim.OrderLog;
import kis.sim.SimConfig;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;

/**
 * What the sim tests of a market day's later sessions share ({@link NxtEveningSimTest},
 * {@link KrxAfterMarketSimTest}): kis-sim's REAL flavour (every venue's sessions) and an engine on
 * one market clock that the test moves in jumps, the market's own session schedule, and the end of
 * the day every such test checks (every order settled, the books equal to the account).
 */
final class MarketDaySim {
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  static final Duration WAIT = Duration.ofSeconds(30);

  /** The agents' settings besides their list. */
  private static final String SETTINGS = """
      kis-trader.agent {
        snapshot-every = 50, snapshots-kept = 2
        persist-failure-backoff { min = 100ms, max = 1s, random-factor = 0.2 }
        costs { fee-ppb = 140527, sell-tax-ppb = 2000000 }
      }
      kis-trader.risk { duplicate-window = 1ms }
      # The tests move the clock in jumps: a jump is not a silent feed, so the staleness
      # watchdog (its own tests: KisSupervisor*SimTest, StreamWatchTest) must not reconnect on one.
      kis-trader.supervisor { stale-without-frames = 6h, stale-without-trades = 6h, stream-watchdog.enabled = off }
      pekko.loglevel = WARNING
      """;

  private MarketDaySim() {}

  static Instant kst(String t) {
    return LocalDateTime.parse(t).atZone(SEOUL).toInstant();
  }

  static KisSimulator sim(JumpingClock clock) {
    return KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { flavour = REAL, session-mode = KRX, tick-interval = 100ms, rate-limit-per-second = -1,"
            + " token-reissue-interval = 0s }")), clock);
  }

  /** The engine with {@code agents} (a {@code kis-trader.agents} list) on {@code sim}, its agents running. */
  static SimEngine engine(String name, String agents, KisSimulator sim, Path dir, JumpingClock clock)
      throws Exception {
    Config config = ConfigFactory.parseString(agents + SETTINGS)
        .withFallback(PersistenceTestKitPlugin.getInstance().config());
    // No periodic reconciliation: the account's word on an order the sim expired must not
    // beat the engine's own roll to it (the desk still reconciles at the start and after each roll).
    SimEngine engine = SimEngine.startReal(name, config, sim, dir, clock,
        SessionSchedule.market(MarketCalendar.defaults()), Duration.ofHours(1));
    try {
      engine.awaitAgentsRunning();
    } catch (Exception | AssertionError e) {
      engine.close();
      throw e;
    }
    return engine;
  }

  /** {@link SimEngine#await}, naming the simulator's orders of the day when it times out. */
  static void await(SimEngine engine, KisSimulator sim, String what, Duration within, BooleanSupplier condition)
      throws InterruptedException {
    try {
      engine.await(what, within, condition);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the simulator's orders: " + sim.account().todaysOrders(), e);
    }
  }

  /**
   * Parks every agent, waits for every order to settle and checks that the reconciler agrees, that
   * the books equal the account (positions, and order for order the orders it accepted) and that no
   * agent counted an anomaly; returns the books.
   */
  static Map<String, AgentState> settleAndAgree(SimEngine engine, KisSimulator sim) throws Exception {
    engine.parkAll("test over");
    await(engine, sim, "every order settled", WAIT, () -> engine.states().values().stream()
        .allMatch(s -> s.openOrders().isEmpty()));
    Map<String, AgentState> books = engine.states();
    String summary = new TreeMap<>(books).toString();
    ReconcileReport report = engine.reconcile();
    assertEquals(List.of(), report.alarms(), "the reconciler agrees: " + report);
    BooksEqualTheAccount.positions(sim, books, summary);
    BooksEqualTheAccount.orderForOrder(sim, books, Set.of(OrderLog.Outcome.ACCEPTED), "accepted", summary);
    assertTrue(books.values().stream().allMatch(s -> s.anomalyCount() == 0), summary);
    return books;
  }

  /** The agent's market buy, denied as a type its venue does not take (not as sent while the connection was not live). */
  static Optional<Order> denied(AgentState s) {
    return s.closedOrders().stream().filter(o -> o.spec().type() == OrderType.MARKET && o.status() == OrderStatus.DENIED
        && o.lastMessage().startsWith(RejectReason.AGENT_UNSUPPORTED_ORDER_TYPE.name())).findFirst();
  }

  static Optional<OrderStatus> statusOf(AgentState s, Order o) {
    return s.order(o.id()).map(Order::status);
  }

  static Stream<Order> all(AgentState s) {
    return Stream.concat(s.openOrders().values().stream(), s.closedOrders().stream());
  }

  static AccountView.OrderView simOrder(KisSimulator sim, Order o) {
    return sim.account().todaysOrders().stream().filter(v -> v.odno().equals(o.orderNo().value())).findFirst()
        .orElseThrow(() -> new AssertionError("the sim lists " + o.orderNo()));
  }
}
