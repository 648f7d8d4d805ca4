package kis.engine.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kis.actors.agent.Agent;
import kis.journal.calendar.SessionSchedule;
import kis.actors.agent.StrategyHost;
import kis.actors.gateway.GatewaySettings;
import kis.actors.live.LiveEngine;
import kis.actors.live.AgentRunner;
import kis.actors.live.LocalAgents;
import kis.actors.reconcile.ReconcileReport;
import kis.actors.reconcile.ReconcilerActor;
import kis.actors.supervisor.ConnectionState;
import kis.actors.supervisor.KisSupervisor;
import kis.connector.KisConfig;
import kis.connector.assembly.KisConnector;
import kis.connector.KisCredentials;
import kis.connector.ws.KisFeedEvent;
import kis.engine.backtest.BacktestConfig;
import kis.engine.backtest.BacktestResult;
import kis.engine.backtest.BacktestRunner;
import kis.engine.backtest.MarketData;
import kis.engine.backtest.ProgressListener;
import kis.engine.backtest.SyntheticPrints;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderEvent;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRevised;
import kis.journal.event.ReviseRequested;
import kis.journal.state.AgentState;
import kis.journal.state.Position;
import kis.sim.KisSimulator;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import kis.strategies.StrategyContext;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.Trade;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's parity proof: one strategy class over one deterministic price path, run (a) through
 * the backtest and (b) live, by the whole engine ({@link LiveEngine}: supervisor, gateway,
 * reconciler, agent manager, strategy host, persistent agent) on kis-sim fed the same prints in
 * order over its control endpoint. The two journals agree order for order: the same intents, the
 * same acceptances, revises and cancels, the same fills (quantity, price, fee, tax), and the same
 * final positions and cash, which also equal kis-sim's account.
 *
 * <p>What parity covers, and why (README "Backtest vs live"): resting limit orders, filled by prints
 * that reach them at their limit, partially when a print is smaller than the order; the backtest
 * runs with {@code participation = 1} (a print's whole quantity is available to us) and
 * {@code fillsAtTouch} (kis-sim puts the account first in the queue at its price). Orders that
 * cross the market on arrival do not agree (kis-sim sweeps its synthetic book, the backtest takes
 * the next print), so the strategy never sends one.
 */
class BacktestLiveParityTest {
  static final AgentId AGENT = new AgentId("parity");
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Symbol HYNIX = Symbol.of("000660");
  static final long INITIAL_CASH = 100_000_000L;
  static final int PRINTS = 300;
  /** Per print: the fill notice, the print, the strategy's answer and KIS's reply, all settled. */
  static final Duration SETTLE = Duration.ofSeconds(15);
  static final Duration RECONCILE_AFTER = Duration.ofSeconds(3);
  static final String PARAMS = "symbols = [\"005930\", \"000660\"], quantity = 10, target = 20, offset-ticks = 1,"
      + " chase-ticks = 2, max-revisions = 1";

  @TempDir Path dir;

  /** Starts at kis-sim's base prices, so both sides use the same ±30 % limits. */
  static MarketData pricePath() {
    Map<Symbol, Long> start = new LinkedHashMap<>();
    start.put(SAMSUNG, 71_000L);
    start.put(HYNIX, 128_500L);
    return SyntheticPrints.generate(new SyntheticPrints.Spec(20_261_124L, LocalDateTime.of(2026, 11, 24, 9, 30),
        PRINTS, start, 2, 30, 0.1));
  }

  @Test
  void aBacktestAndALiveRunOnKisSimOverTheSamePricePathAgreeOrderForOrder() throws Exception {
    MarketData path = pricePath();
    BacktestResult backtest = BacktestRunner.run(RestingLadder.fromConfig(ConfigFactory.parseString(PARAMS)),
        "parity", path, BacktestConfig.defaults().withAgentId(AGENT).withCash(INITIAL_CASH).withParticipation(1.0)
            .withFillsAtTouch(true), ProgressListener.NONE);
    List<String> expected = lines(backtest.journal());
    assertExercised(backtest);

    LiveRun live = runLive(dir, path, RestingLadder.class.getName(), PARAMS);
    List<String> actual = lines(live.journal);
    assertEquals(expected.size(), actual.size(), firstDifference(expected, actual));
    assertEquals(expected, actual, firstDifference(expected, actual));

    AgentState b = backtest.finalState();
    AgentState l = live.state;
    assertEquals(positions(b), positions(l), "positions (quantity, cost basis, realized P&L)");
    assertEquals(b.fees(), l.fees(), "fees");
    assertEquals(b.taxes(), l.taxes(), "tax");
    assertEquals(b.cashFlow(), l.cashFlow(), "cash");
    assertEquals(live.simHoldings, quantities(l), "the agent's positions are kis-sim's holdings");
    assertEquals(live.simCashChange, l.cashFlow(), "the agent's cash flow is kis-sim's cash change");
  }

  /** The path must exercise what parity is about, or the comparison proves little. */
  private static void assertExercised(BacktestResult r) {
    List<OrderFilled> fills = r.journal().stream().filter(OrderFilled.class::isInstance)
        .map(OrderFilled.class::cast).toList();
    Map<String, Long> fillsPerOrder = new TreeMap<>();
    fills.forEach(f -> fillsPerOrder.merge(f.orderId().value(), 1L, Long::sum));
    String what = r.journal().size() + " events, " + fills.size() + " fills";
    assertTrue(fills.size() >= 20, what);
    assertTrue(fills.stream().anyMatch(f -> f.symbol().equals(SAMSUNG)), "Samsung traded: " + what);
    assertTrue(fills.stream().anyMatch(f -> f.symbol().equals(HYNIX)), "Hynix traded: " + what);
    assertTrue(fills.stream().anyMatch(f -> f.tax() > 0), "sells paid tax: " + what);
    assertTrue(fillsPerOrder.values().stream().anyMatch(n -> n > 1), "an order filled partially: " + what);
    assertTrue(count(r.journal(), "revised") >= 3, "revises: " + what);
    assertTrue(count(r.journal(), "cancelled") >= 1, "cancels: " + what);
  }

  private static long count(List<AgentEvent> journal, String kind) {
    return lines(journal).stream().filter(l -> l.startsWith(kind + " ")).count();
  }

  /** What a live run left behind. */
  record LiveRun(List<AgentEvent> journal, AgentState state, Map<String, Long> simHoldings, long simCashChange,
      SimCredentials credentials) {}

  /** Runs the engine on kis-sim with one agent ({@code strategy} with {@code params}) fed {@code path}. */
  static LiveRun runLive(Path dir, MarketData path, String strategy, String params) throws Exception {
    return runLive(dir, path, strategy, params, null);
  }

  /**
   * As {@link #runLive(Path, MarketData, String, String)}, kis-sim's market and the engine on
   * {@code marketClock} (null: kis-sim's own session clock, the engine on the system clock).
   */
  static LiveRun runLive(Path dir, MarketData path, String strategy, String params, Clock marketClock)
      throws Exception {
    SimConfig simConfig = SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 0, rate-limit-per-second = -1, session-mode = ALWAYS_OPEN, seed = 7,"
            + " pingpong-interval = 1h, initial-cash = " + INITIAL_CASH + " }"));
    KisSimulator sim = marketClock == null ? KisSimulator.start(simConfig) : KisSimulator.start(simConfig, marketClock);
    Clock clock = marketClock == null ? Clock.systemUTC() : marketClock;
    Config config = ConfigFactory.parseString(engineConfig(strategy, params))
        .withFallback(PersistenceTestKitPlugin.getInstance().config())
        .withFallback(PersistenceTestKitSnapshotPlugin.config())
        .withFallback(ConfigFactory.load()).resolve();
    // What run would refuse, this start refuses too: a test must get the values it writes.
    kis.engine.config.ConfigGate.require(config, "parity live run");
    ActorTestKit kit = ActorTestKit.create("parity", config);
    try {
      long cashBefore = sim.account().cash();
      LiveEngine.Handles engine = start(dir, kit, sim, config, clock);
      SimPrinter printer = new SimPrinter(sim);
      Live handles = await(kit, engine, sim, printer);
      PersistenceTestKit journal = PersistenceTestKit.create(kit.system());
      String pid = Agent.persistenceId(AGENT).id();
      long printed = 0;
      for (MarketEvent e : path.events()) {
        Trade t = (Trade) e;
        printer.print(t.symbol(), t.price(), t.quantity());
        printed++;
        settle(kit, handles, sim, journal, pid, printed, t);
      }
      List<AgentEvent> events = journal.persistedInStorage(pid).stream().filter(AgentEvent.class::isInstance)
          .map(AgentEvent.class::cast).toList();
      Map<String, Long> holdings = new TreeMap<>();
      sim.account().holdings().forEach((s, q) -> {
        if (q != 0) {
          holdings.put(s.code(), q);
        }
      });
      return new LiveRun(events, state(kit, handles.agent), holdings, sim.account().cash() - cashBefore,
          sim.credentials());
    } finally {
      kit.shutdownTestKit();
      sim.close();
    }
  }

  private static String engineConfig(String strategy, String params) {
    return """
        kis-trader.agents = [
          { id = parity, symbol = "005930", symbols = ["000660"], strategy { name = %s, params { %s } } }
        ]
        kis-trader.agent {
          snapshot-every = 5000, snapshots-kept = 2
          persist-failure-backoff { min = 100ms, max = 1s, random-factor = 0.2 }
          costs { fee-ppb = 140527, sell-tax-ppb = 2000000 }
        }
        kis-trader.risk {
          duplicate-window = 1ms, max-orders-per-day = 10000, max-cancels-per-day = 10000
          order-rate { max-orders = 200, per = 1s }
        }
        pekko.loglevel = WARNING
        pekko.stdout-loglevel = OFF
        """.formatted(strategy, params);
  }

  private static LiveEngine.Handles start(Path dir, ActorTestKit kit, KisSimulator sim, Config config, Clock clock)
      throws Exception {
    SimCredentials sc = sim.credentials();
    KisCredentials creds = KisCredentials.of(sc.appKey(), sc.appSecret(), sc.cano() + "-" + sc.acntPrdtCd(),
        sc.htsId());
    KisConfig kc = KisConfig.forSimulator(sim.restBaseUrl(), sim.websocketUrl(), dir.resolve("tokens"))
        .withTrIds(true);
    CompletableFuture<LiveEngine.Handles> started = new CompletableFuture<>();
    Behavior<Void> root = Behaviors.setup(ctx -> LiveEngine.guardian(new LiveEngine.Setup(config,
        KisConnector.create(ctx.getSystem(), kc, creds), clock,
        SessionSchedule.alwaysOpen(StrategyContext.KST),
        new SessionClock(KrxCalendar.defaults(), clock), GatewaySettings.real(), Duration.ofHours(1),
        dir), started));
    kit.spawn(root, "engine");
    return started.get(30, TimeUnit.SECONDS);
  }

  /** The parts a print's effects go through. */
  record Live(ActorRef<Agent.Command> agent, ActorRef<StrategyHost.Command> host,
      ActorRef<ReconcilerActor.Command> reconciler) {}

  /**
   * Waits until the engine can see every print: the agent runs and may trade, and the supervisor's
   * trade subscriptions are in place at kis-sim. The last is proven with a probe subscribed after
   * the strategy's symbols on the same socket (kis-sim handles one socket's messages in order): once
   * a print of another stock reaches the probe, prints of the strategy's stocks reach the agent.
   */
  private static Live await(ActorTestKit kit, LiveEngine.Handles engine, KisSimulator sim, SimPrinter printer)
      throws Exception {
    // Generous: on a loaded machine the first token from kis-sim alone can take longer than a read's 30 s queue limit.
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    Live live = null;
    while (live == null || !status(kit, live.host).tradingEnabled()) {
      Optional<AgentRunner.Refs> a = LocalAgents.refs(kit.system(), engine.runners(), engine.agents().get(0).id(),
          Duration.ofSeconds(10)).toCompletableFuture().get(15, TimeUnit.SECONDS);
      if (a.isPresent() && a.get().agent().isPresent() && a.get().host().isPresent()) {
        live = new Live(a.get().agent().get(), a.get().host().get(), engine.reconciler());
      }
      pause(kit, deadline, "the agent to run and be allowed to trade");
    }
    while (true) {
      TestProbe<KisSupervisor.Status> s = kit.createTestProbe();
      engine.supervisor().tell(new KisSupervisor.GetStatus(s.getRef()));
      KisSupervisor.Status st = s.receiveMessage(Duration.ofSeconds(10));
      if (st.state() == ConnectionState.LIVE && st.symbols() >= 2) {
        break;
      }
      pause(kit, deadline, "the supervisor to subscribe the strategy's symbols");
    }
    TestProbe<KisFeedEvent> feed = kit.createTestProbe();
    Symbol other = Symbol.of("005935");
    engine.supervisor().tell(new KisSupervisor.SubscribeMarket(other, feed.getRef(), false));
    while (!warmUpPrintArrives(printer, other, feed)) {
      pause(kit, deadline, "a print of another stock to reach the probe");
    }
    assertEquals(0, sim.account().fills().size(), "the warm-up prints touched nothing of ours");
    return live;
  }

  /** Prints a trade of {@code other} and waits a little for it; a print before the subscription is lost. */
  private static boolean warmUpPrintArrives(SimPrinter printer, Symbol other, TestProbe<KisFeedEvent> feed)
      throws Exception {
    printer.print(other, 58_500, 1);
    long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (System.nanoTime() < until) {
      KisFeedEvent got;
      try {
        got = feed.receiveMessage(Duration.ofMillis(500));
      } catch (AssertionError nothingYet) {
        continue;
      }
      if (got instanceof KisFeedEvent.Trade) {
        return true;
      }
    }
    return false;
  }

  /**
   * Waits (bounded) until the print's effects have settled: the strategy has been handed the print
   * and every order event the agent journaled since, the books it will decide the next print on are
   * the agent's (every journaled event in them, none of its own commands unconfirmed), no order is
   * waiting for KIS's answer, and the agent has journaled every fill kis-sim made. Twice in a row,
   * with nothing journaled in between. Only then does the next print go out: live, a market does not
   * wait, but parity is "the same decisions on the same inputs", so each print meets the same books
   * as in the backtest.
   */
  private static void settle(ActorTestKit kit, Live live, KisSimulator sim, PersistenceTestKit journal, String pid,
      long printed, Trade t) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    long lastCount = -1;
    long reconcileAfter = System.nanoTime() + RECONCILE_AFTER.toNanos();
    String why = "";
    while (true) {
      StrategyHost.HostStatus host = status(kit, live.host); // the host first: see why below
      long delivered = host.eventsDelivered();
      AgentState st = state(kit, live.agent);
      List<Object> events = journal.persistedInStorage(pid);
      long updates = events.stream().filter(e -> e instanceof OrderEvent && !isRequest((OrderEvent) e)
          || e instanceof kis.journal.event.ProtectiveEvent).count(); // each is handed to the strategy
      long fills = events.stream().filter(OrderFilled.class::isInstance).count();
      // A host that has just handed the print to the strategy has already told the agent its
      // intent, so the agent's state read after the host's status already shows it as in flight.
      // An intent still with the account's keeper has not reached the agent: in flight too.
      boolean inFlight = host.accountDeciding()
          || st.openOrders().values().stream().anyMatch(o -> !o.status().isModifiable());
      // SessionOpened, the venue's phase at start-up (PhaseChanged; the pinned clock stays inside
      // continuous trading), the prints, the agent's order updates.
      long expected = 2 + printed + updates;
      if (delivered > expected) {
        throw new AssertionError("print " + printed + " (" + t + "): the strategy was handed " + delivered
            + " events, more than the session open, its phase, the prints and the agent's order updates (" + expected
            + "): kis-sim printed trades of its own, so an order took its synthetic book");
      }
      if (host.tradesDelivered() > printed) {
        throw new AssertionError("print " + printed + " (" + t + "): the strategy was handed " + host.tradesDelivered()
            + " prints, more than the test printed: kis-sim printed trades of its own");
      }
      // The count above can balance out (an event late, another early); these cannot. The print itself
      // reached the strategy, and the books it decides the next print on hold every event the agent
      // journaled (the agent's count only grows, and is read after the host's) and nothing of its own
      // unconfirmed: a print the host took before an acceptance reached it would see the order as
      // still requested, not revisable, where the backtest revises it.
      boolean hostCaughtUp = host.tradesDelivered() == printed && host.booksEventCount() == st.eventCount()
          && host.unconfirmed() == 0;
      boolean settled = delivered == expected && hostCaughtUp && !inFlight && fills == sim.account().fills().size();
      if (settled && st.eventCount() == lastCount) {
        return;
      }
      lastCount = settled ? st.eventCount() : -1;
      why = "delivered " + delivered + " of " + expected + " (prints " + host.tradesDelivered() + " of " + printed
          + "), host books at event " + host.booksEventCount() + " of the agent's " + st.eventCount() + " with "
          + host.unconfirmed() + " unconfirmed, in flight " + inFlight + ", fills " + fills + " of "
          + sim.account().fills().size();
      if (!settled && fills < sim.account().fills().size() && System.nanoTime() > reconcileAfter) {
        // KIS's notices carry no execution id: two fills of one order in the same second, same
        // quantity and price, are one notice key, and the live engine books the second from the
        // reconciler's inquiry, as here.
        live.reconciler().tell(new ReconcilerActor.RunNow(kit.<StatusReply<ReconcileReport>>createTestProbe().getRef()));
        reconcileAfter = System.nanoTime() + RECONCILE_AFTER.toNanos();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("print " + printed + " (" + t + ") did not settle within " + SETTLE + ": " + why);
      }
      kit.createTestProbe().expectNoMessage(Duration.ofMillis(settled ? 10 : 3)); // pacing the poll
    }
  }

  private static boolean isRequest(OrderEvent e) {
    return e instanceof kis.journal.event.OrderRequested || e instanceof ReviseRequested
        || e instanceof kis.journal.event.CancelRequested;
  }

  private static void pause(ActorTestKit kit, long deadline, String what) {
    if (System.nanoTime() > deadline) {
      throw new AssertionError("timed out waiting for " + what);
    }
    kit.createTestProbe().expectNoMessage(Duration.ofMillis(50)); // pacing the poll
  }

  private static StrategyHost.HostStatus status(ActorTestKit kit, ActorRef<StrategyHost.Command> host) {
    TestProbe<StrategyHost.HostStatus> p = kit.createTestProbe();
    host.tell(new StrategyHost.GetStatus(p.getRef()));
    return p.receiveMessage(Duration.ofSeconds(10));
  }

  private static AgentState state(ActorTestKit kit, ActorRef<Agent.Command> agent) {
    TestProbe<AgentState> p = kit.createTestProbe();
    agent.tell(new Agent.GetState(p.getRef()));
    return p.receiveMessage(Duration.ofSeconds(10));
  }

  /**
   * The journal as comparable lines: what happened to which order, without KIS's numbers or clocks.
   * A revise confirmed twice (live: by KIS's REST reply and by its execution notice, in either
   * order, the second possibly after a fill) is one line: the second confirmation changes nothing
   * in the books but the order's update time, yet the live agent journals it.
   */
  static List<String> lines(List<? extends AgentEvent> journal) {
    List<String> out = new ArrayList<>();
    Set<String> confirmed = new HashSet<>(); // "revised <order> @<price>" since that order's last revise request
    for (AgentEvent e : journal) {
      String line = ParityLine.of(e);
      if (line == null) {
        continue;
      }
      if (!(e instanceof OrderEvent)) {
        out.add(line); // a protective order's step
        continue;
      }
      String order = ((OrderEvent) e).orderId().value();
      if (e instanceof ReviseRequested) {
        confirmed.removeIf(c -> c.startsWith("revised " + order + " @"));
      } else if (e instanceof OrderRevised && !confirmed.add(line)) {
        continue;
      }
      out.add(line);
    }
    return out;
  }

  static Map<String, String> positions(AgentState s) {
    Map<String, String> out = new TreeMap<>();
    s.positions().forEach((code, p) -> out.put(code, describe(p)));
    return out;
  }

  private static String describe(Position p) {
    return p.quantity() + " shares, cost " + p.costBasis() + ", realized " + p.realizedPnl();
  }

  static Map<String, Long> quantities(AgentState s) {
    Map<String, Long> out = new TreeMap<>();
    s.positions().forEach((code, p) -> {
      if (p.quantity() != 0) {
        out.put(code, p.quantity());
      }
    });
    return out;
  }

  static String firstDifference(List<String> expected, List<String> actual) {
    int n = Math.min(expected.size(), actual.size());
    int i = 0;
    while (i < n && expected.get(i).equals(actual.get(i))) {
      i++;
    }
    if (i == n && expected.size() == actual.size()) {
      return "same";
    }
    int from = Math.max(0, i - 3);
    return "backtest and live differ at event " + i + "\n backtest: "
        + expected.subList(from, Math.min(expected.size(), i + 4)) + "\n live:     "
        + actual.subList(from, Math.min(actual.size(), i + 4));
  }
}
