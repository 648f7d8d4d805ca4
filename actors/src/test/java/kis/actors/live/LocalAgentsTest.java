package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentConfig;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.GenerationStore;
import kis.actors.agent.OrderPort;
import kis.actors.manager.BuyOnce;
import kis.journal.AgentId;
import kis.journal.OrderNo;
import kis.journal.Symbol;
import kis.journal.calendar.SessionSchedule;
import kis.journal.risk.RiskLimits;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
import kis.strategies.StrategyContext;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The single node's agents: one {@link AgentRunner} per configured agent under {@link LocalAgents}
 * (what sharding with remember-entities does in the cluster), registering with the account, trading
 * only once the account enabled them, controlled through the runner's own commands, and started
 * again when a runner stops. The account here is a stand-in that answers registrations as the desk does.
 */
class LocalAgentsTest {
  static final ActorTestKit KIT = ActorTestKit.create(PersistenceTestKitPlugin.getInstance().config()
      .withFallback(ConfigFactory.parseString("pekko.loglevel = ERROR")));
  static final AtomicInteger RUNS = new AtomicInteger();
  static final SessionSchedule OPEN = SessionSchedule.alwaysOpen(StrategyContext.KST);
  static final Duration WAIT = Duration.ofSeconds(30);

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  /** The account as a runner sees it: its registrations, its gateway port and the desk it watches. */
  record Account(TestProbe<AccountDesk.AgentUp> registrations, TestProbe<OrderPort> port,
      ActorRef<AccountDesk.Command> desk, java.util.concurrent.atomic.AtomicReference<ActorRef<Object>> watched,
      TestProbe<AccountDesk.Command> others,
      List<AccountDesk.AgentUp> pending) {}

  /**
   * Answers every registration as the desk does (the gateway's port, a desk to watch) and tells the
   * runner the account's facts: kill switch off, connection live, today's base price of each symbol.
   */
  static Account account(ActorTestKit kit, String prefix) {
    TestProbe<AccountDesk.AgentUp> registrations = kit.createTestProbe();
    TestProbe<OrderPort> port = kit.createTestProbe(OrderPort.class);
    TestProbe<AccountDesk.Command> others = kit.createTestProbe();
    java.util.concurrent.atomic.AtomicReference<ActorRef<Object>> watched = new java.util.concurrent.atomic.AtomicReference<>(
        kit.<Object>spawn(Behaviors.ignore(), "desk-instance-" + prefix));
    LocalDate day = OPEN.tradingDay(Instant.now());
    Behavior<AccountDesk.Command> desk = Behaviors.receive(AccountDesk.Command.class)
        .onMessage(AccountDesk.AgentUp.class, m -> {
          registrations.getRef().tell(m);
          m.entity().tell(new AgentRunner.AccountReady(port.getRef(), watched.get().unsafeUpcast()));
          m.entity().tell(new AgentRunner.KillSwitchNow(false));
          m.entity().tell(new AgentRunner.ConnectionNow(true, "LIVE"));
          // The account's keeper link, as the signals hand it to every runner (no account limits here).
          m.entity().tell(new AgentRunner.AccountLinkNow(new kis.actors.risk.AccountLink(
              kis.actors.risk.AccountLimits.NONE, kit.system().ignoreRef())));
          m.symbols().forEach(s -> m.entity().tell(new AgentRunner.BasePriceNow(s, day, 70_000)));
          return Behaviors.same();
        })
        .onAnyMessage(m -> {
          others.getRef().tell(m);
          return Behaviors.same();
        })
        .build();
    return new Account(registrations, port, kit.spawn(desk, "desk-" + prefix), watched, others,
        java.util.Collections.synchronizedList(new java.util.ArrayList<>()));
  }

  record Engine(ActorRef<LocalAgents.Command> agents, Account account, String prefix) {
    AgentId id(String name) {
      return new AgentId(prefix + name);
    }
  }

  static AgentConfig agent(String id, String symbol) {
    return new AgentConfig(new AgentId(id), Symbol.of(symbol), BuyOnce.class.getName(),
        Map.of("symbol", symbol, "quantity", 3), AgentConfig.RiskLimits.NONE, 10_000_000);
  }

  static Engine start() {
    String prefix = "l" + RUNS.incrementAndGet() + "-";
    Account account = account(KIT, prefix);
    AgentRunner.Setup setup = new AgentRunner.Setup(List.of(agent(prefix + "a", "005930"), agent(prefix + "b", "000660")),
        AgentSettings::of, RiskLimits.defaults(), account.desk(), Clock.systemUTC(), OPEN, 3, Duration.ofMinutes(1),
        Duration.ofSeconds(1), GenerationFile.inMemory());
    return new Engine(KIT.spawn(LocalAgents.create(setup), "agents-" + prefix), account, prefix);
  }

  /** The next registration of {@code id}, skipping repeats and the other agent's. */
  static AccountDesk.AgentUp registered(Engine e, AgentId journalId) {
    return registeredOn(e.account(), journalId);
  }

  /** The next registration on {@code journalId} not yet taken; others are kept for later calls. */
  static AccountDesk.AgentUp registeredOn(Account account, AgentId journalId) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      synchronized (account.pending()) {
        for (java.util.Iterator<AccountDesk.AgentUp> it = account.pending().iterator(); it.hasNext(); ) {
          AccountDesk.AgentUp up = it.next();
          if (up.journalId().equals(journalId)) {
            it.remove();
            return up;
          }
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no registration of " + journalId + " within " + WAIT);
      }
      account.pending().add(account.registrations().receiveMessage(Duration.ofNanos(left)));
    }
  }

  static AgentState state(ActorRef<AgentRunner.Command> runner) {
    TestProbe<AgentState> s = KIT.createTestProbe();
    runner.tell(new AgentRunner.GetState(s.getRef()));
    return s.receiveMessage(WAIT);
  }

  static void trade(ActorRef<AgentRunner.Command> runner, String symbol, long price) {
    runner.tell(new AgentRunner.MarketTrade(Symbol.of(symbol), Instant.now(), price, 1, 0));
  }

  /** Trades until the agent places (the facts and the enable reach the host asynchronously). */
  static OrderPort.SendOrder placed(Engine e, ActorRef<AgentRunner.Command> runner, String symbol) {
    return placed(e.account(), runner, symbol);
  }

  static OrderPort.SendOrder placed(Account account, ActorRef<AgentRunner.Command> runner, String symbol) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      trade(runner, symbol, 70_000);
      try {
        return account.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofMillis(300));
      } catch (AssertionError notYet) {
        // not enabled yet: the next trade tries again
      }
    }
    throw new AssertionError("no order within " + WAIT);
  }

  static <T> StatusReply<T> ask(ActorRef<AgentRunner.Command> runner,
      java.util.function.Function<ActorRef<StatusReply<T>>, AgentRunner.Command> m) {
    TestProbe<StatusReply<T>> p = KIT.createTestProbe();
    runner.tell(m.apply(p.getRef()));
    return p.receiveMessage(WAIT);
  }

  @Test
  void everyConfiguredAgentRegistersAndTradesItsOwnSymbolOnlyOnceTheAccountEnablesIt() {
    Engine e = start();
    ActorRef<AgentRunner.Command> a = registered(e, e.id("a")).entity();
    ActorRef<AgentRunner.Command> b = registered(e, e.id("b")).entity();
    trade(a, "005930", 70_000);
    e.account().port().expectNoMessage(Duration.ofMillis(500));

    a.tell(new AgentRunner.EnableTrading());
    assertEquals(e.id("a"), placed(e, a, "005930").agentId());
    b.tell(new AgentRunner.EnableTrading());
    assertEquals(e.id("b"), placed(e, b, "000660").agentId());
  }

  @Test
  void parkResumeStopStartAndFreshStartThroughTheRunnersCommands() {
    Engine e = start();
    ActorRef<AgentRunner.Command> a = registered(e, e.id("a")).entity();
    registered(e, e.id("b"));
    a.tell(new AgentRunner.EnableTrading());
    OrderPort.SendOrder sent = placed(e, a, "005930");

    StatusReply<String> refused = LocalAgentsTest.<String>ask(a, r -> new AgentRunner.FreshStart("operator", r));
    assertTrue(refused.isError(), "not parked, an order unanswered: " + refused);
    assertTrue(refused.getError().getMessage().contains("park it first")
        && refused.getError().getMessage().contains("1 order(s) in doubt or awaiting"), refused.toString());
    assertTrue(LocalAgentsTest.<Done>ask(a, r -> new AgentRunner.Park("operator", r)).isSuccess());
    assertTrue(state(a).parked());
    assertTrue(LocalAgentsTest.<Done>ask(a, r -> new AgentRunner.Resume("operator", r)).isSuccess());
    assertFalse(state(a).parked());

    // A tool's stop keeps the runner down until started again; then it registers anew.
    TestProbe<Done> stopped = KIT.createTestProbe();
    e.agents().tell(new LocalAgents.Stop(e.id("b"), stopped.getRef()));
    stopped.receiveMessage(WAIT);
    assertTrue(member(e, e.id("b")).runner().isEmpty());
    e.agents().tell(new LocalAgents.Start(e.id("b")));
    registered(e, e.id("b"));

    // Parked, its order answered: now it may start afresh, and registers on the new journal.
    sent.replyTo().tell(new Agent.BrokerRejected(sent.orderId(), "TEST", "rejected for the test"));
    assertTrue(LocalAgentsTest.<Done>ask(a, r -> new AgentRunner.Park("fresh start", r)).isSuccess());
    awaitBooks(a, s -> s.openOrders().isEmpty(), "the rejected order left the open orders");
    StatusReply<String> fresh = LocalAgentsTest.<String>ask(a, r -> new AgentRunner.FreshStart("operator", r));
    assertEquals(e.id("a").value() + ".g1", fresh.getValue());
    AccountDesk.AgentUp again = registered(e, new AgentId(e.id("a").value() + ".g1"));
    assertEquals(List.of(new GenerationStore.LeftBehind(1, OPEN.tradingDay(Instant.now()), List.of())),
        again.leftBehind(), "the fresh start recorded what its old journal left behind (no KIS numbers here)");
    assertEquals(1, state(a).nextOrderSeq(), "a fresh journal has no orders");
  }

  @Test
  void aFreshStartIsRefusedWhileTheAgentHoldsAPositionAndAHandoverCarriesItIntoTheNewJournal() {
    Engine e = start();
    ActorRef<AgentRunner.Command> a = registered(e, e.id("a")).entity();
    a.tell(new AgentRunner.EnableTrading());
    OrderPort.SendOrder sent = placed(e, a, "005930");
    long qty = sent.spec().quantity();
    sent.replyTo().tell(new Agent.BrokerAccepted(sent.orderId(), OrderNo.of("777"), "00950", "090000", false));
    sent.replyTo().tell(new Agent.BrokerFill(OrderNo.of("777"), qty, 70_000, "fill-777", "090001",
        kis.journal.event.FillSource.NOTICE));
    assertTrue(LocalAgentsTest.<Done>ask(a, r -> new AgentRunner.Park("fresh start", r)).isSuccess());
    awaitBooks(a, s -> s.openOrders().isEmpty() && s.position(Symbol.of("005930")).quantity() == qty, "filled");

    StatusReply<String> refused = LocalAgentsTest.<String>ask(a, r -> new AgentRunner.FreshStart("kim", r));
    assertTrue(refused.isError(), refused.toString());
    assertTrue(refused.getError().getMessage().contains("holds " + qty + " share(s) of 005930")
        && refused.getError().getMessage().contains("handover=true"), refused.toString());
    assertTrue(state(a).parked(), "refused: the agent stays where it was");

    String next = LocalAgentsTest.<String>ask(a, r -> new AgentRunner.FreshStart("kim", true, r)).getValue();
    AgentState books = awaitBooks(a, s -> s.agentId().equals(next) && s.position(Symbol.of("005930")).quantity() == qty,
        "the new journal holds the handed-over shares");
    assertEquals(70_000, books.position(Symbol.of("005930")).averagePrice());
    assertTrue(books.appliedCorrections().contains("handover:" + e.id("a").value() + ":005930"),
        books.appliedCorrections().toString());
  }

  @Test
  void aRunnerWhoseAccountWentAwayStopsAndItsParentStartsItAgain() {
    Engine e = start();
    ActorRef<AgentRunner.Command> first = registered(e, e.id("a")).entity();
    registered(e, e.id("b"));
    // The desk instance the runners watch stops (in the cluster: its node died; the next instance
    // answers from now on): orders handed to it may or may not have reached KIS, so each runner
    // stops; its parent starts it again and it registers with the next instance.
    ActorRef<Object> gone = e.account().watched().getAndSet(KIT.<Object>spawn(Behaviors.ignore()));
    KIT.stop(gone);
    ActorRef<AgentRunner.Command> second = registered(e, e.id("a")).entity();
    assertNotEquals(first, second, "a new runner registered");
    assertEquals(Optional.of(second), member(e, e.id("a")).runner());
  }

  @Test
  void workingOrdersExpireAtTheDayRoll() {
    Engine e = start();
    ActorRef<AgentRunner.Command> a = registered(e, e.id("a")).entity();
    a.tell(new AgentRunner.EnableTrading());
    OrderPort.SendOrder sent = placed(e, a, "005930");
    sent.replyTo().tell(new Agent.BrokerAccepted(sent.orderId(), OrderNo.of("77"), "06010", "090000", false));
    awaitBooks(a, s -> s.order(sent.orderId()).orElseThrow().status() == OrderStatus.WORKING, "working");
    a.tell(new AgentRunner.ExpireWorkingOrders(OPEN.tradingDay(Instant.now())));
    awaitBooks(a, s -> s.order(sent.orderId()).orElseThrow().status() == OrderStatus.EXPIRED, "expired");
  }

  @Test
  void theBackoffDoublesUpToItsLongest() {
    assertEquals(LocalAgents.MIN_BACKOFF, LocalAgents.backoff(0));
    assertEquals(LocalAgents.MIN_BACKOFF.multipliedBy(4), LocalAgents.backoff(2));
    assertEquals(LocalAgents.MAX_BACKOFF, LocalAgents.backoff(40));
  }

  static LocalAgents.Member member(Engine e, AgentId id) {
    TestProbe<List<LocalAgents.Member>> p = KIT.createTestProbe();
    e.agents().tell(new LocalAgents.GetAgents(p.getRef()));
    return p.receiveMessage(WAIT).stream().filter(m -> m.config().id().equals(id)).findFirst().orElseThrow();
  }

  static AgentState awaitBooks(ActorRef<AgentRunner.Command> runner, java.util.function.Predicate<AgentState> p,
      String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    AgentState s = state(runner);
    while (!p.test(s)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what + "; " + s);
      }
      KIT.createTestProbe().expectNoMessage(Duration.ofMillis(20)); // poll pacing
      s = state(runner);
    }
    return s;
  }
}
