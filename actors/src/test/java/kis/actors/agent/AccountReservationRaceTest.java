package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import kis.actors.live.AgentRunner;
import kis.actors.live.HostFacts;
import kis.actors.live.HostSignals;
import kis.actors.risk.AccountLimits;
import kis.actors.risk.AccountLink;
import kis.actors.risk.AgentFigures;
import kis.actors.risk.KillSwitch;
import kis.journal.risk.RiskGuard;
import kis.journal.risk.RiskLimits;
import kis.journal.calendar.SessionSchedule;
import kis.actors.supervisor.KisSupervisor;
import kis.journal.AgentId;
import kis.journal.OrderNo;
import kis.journal.Symbol;
import kis.journal.event.ModifyRejected;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.OrderUpdate;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.Trade;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Agents racing for what is left of an account limit: each strategy decides only once every
 * racer has read its books (a barrier), so every host holds the same stale view of the account
 * when it places. The account's keeper answers the reservations one after the other: exactly what
 * the limit leaves passes, every time.
 */
class AccountReservationRaceTest {
  static final ActorTestKit testKit = ActorTestKit.create(PersistenceTestKitPlugin.getInstance().config()
      .withFallback(com.typesafe.config.ConfigFactory.parseString("pekko.loglevel = ERROR")));
  static final Symbol SAMSUNG = TestStrategies.SAMSUNG;
  static final long PRICE = 70_000;
  static final int RACERS = 4;
  static final AtomicInteger ids = new AtomicInteger();
  static final SessionSchedule OPEN = SessionSchedule.alwaysOpen(StrategyContext.KST);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  record Racing(ActorRef<Agent.Command> agent, ActorRef<StrategyHost.Command> host, TestProbe<OrderPort> port) {}

  /** The account's keeper with {@code limits}; {@code otherOrders} and {@code otherExposure} already used by another agent. */
  static ActorRef<HostSignals.Command> keeper(AccountLimits limits, int otherOrders, long otherExposure) {
    TestProbe<KisSupervisor.Command> supervisor = testKit.createTestProbe();
    TestProbe<KillSwitch.Command> killSwitch = testKit.createTestProbe();
    ActorRef<HostSignals.Command> signals = testKit.spawn(HostSignals.create(supervisor.getRef(),
        s -> CompletableFuture.completedFuture(PRICE), OPEN, Clock.systemUTC()));
    signals.tell(new HostSignals.UseAccountLimits(limits, killSwitch.getRef()));
    // Another agent of the account, reporting as its host would.
    TestProbe<AgentRunner.Command> other = testKit.createTestProbe();
    signals.tell(new HostSignals.Watch(other.getRef(), SAMSUNG));
    AccountLink link = other.expectMessageClass(AgentRunner.AccountLinkNow.class).link();
    link.keeper().tell(new AccountLink.Report("other", new AgentFigures(OPEN.tradingDay(Instant.now()),
        otherExposure, 0, otherOrders)));
    return signals;
  }

  static Racing start(Strategy strategy, ActorRef<HostSignals.Command> signals) {
    AgentId id = new AgentId("racer-" + ids.incrementAndGet());
    TestProbe<OrderPort> port = testKit.createTestProbe(OrderPort.class);
    TestProbe<ActorRef<StrategyHost.Command>> wired = testKit.createTestProbe();
    TestProbe<ActorRef<Agent.Command>> agentRef = testKit.createTestProbe();
    Behavior<Void> parent = Behaviors.setup(ctx -> {
      ActorRef<StrategyHost.Command>[] host = new ActorRef[1];
      ActorRef<Agent.Published> listener = ctx.spawnAnonymous(Behaviors.<Agent.Published>receiveMessage(p -> {
        host[0].tell(new StrategyHost.FromAgent(p));
        return Behaviors.same();
      }));
      ActorRef<Agent.Command> agent = ctx.spawn(
          Agent.create(AgentSettings.of(id), port.getRef(), Clock.systemUTC(), listener), "agent");
      host[0] = ctx.spawn(StrategyHost.create(new StrategyHost.Setup(id, () -> strategy,
          new RiskGuard(RiskLimits.defaults()), OPEN, Clock.systemUTC(), new StrategyFailures(3, Duration.ofMinutes(1)),
          Duration.ofMillis(10), Duration.ofMillis(50), true), agent), "host");
      wired.getRef().tell(host[0]);
      agentRef.getRef().tell(agent);
      return Behaviors.empty();
    });
    testKit.spawn(parent, "parent-" + id.value());
    Racing r = new Racing(agentRef.receiveMessage(), wired.receiveMessage(), port);
    TestProbe<AccountLink> linked = testKit.createTestProbe();
    signals.tell(new HostSignals.Watch(runnerFacts(r.host(), linked.getRef()), SAMSUNG));
    // The host has its account link before any trade: an unlinked host would place unchecked.
    linked.receiveMessage(Duration.ofSeconds(10));
    return r;
  }

  /**
   * The facts as an agent runner hands them to its host (the signals speak to runners); {@code linked}
   * hears the account link once it is on its way to the host, ahead of anything the test sends next.
   */
  static ActorRef<AgentRunner.Command> runnerFacts(ActorRef<StrategyHost.Command> host, ActorRef<AccountLink> linked) {
    return testKit.spawn(Behaviors.<AgentRunner.Command>receiveMessage(c -> {
      HostFacts.forHost(c).ifPresent(host::tell);
      if (c instanceof AgentRunner.AccountLinkNow l) {
        linked.tell(l.link());
      }
      return Behaviors.same();
    }));
  }

  static AgentState state(ActorRef<Agent.Command> agent) {
    TestProbe<AgentState> probe = testKit.createTestProbe();
    agent.tell(new Agent.GetState(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(10));
  }

  /** Every racer's one order, once each has placed or been denied. */
  static List<Order> race(ActorRef<HostSignals.Command> signals) {
    CyclicBarrier barrier = new CyclicBarrier(RACERS);
    List<Racing> racers = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      racers.add(start(TestStrategies.racer(barrier), signals));
    }
    // The keeper has linked every host (Watch handled) before the trade that starts the race.
    TestProbe<HostSignals.AccountStatus> status = testKit.createTestProbe();
    signals.tell(new HostSignals.GetAccount(status.getRef()));
    status.receiveMessage(Duration.ofSeconds(10));
    racers.forEach(r -> r.host().tell(new StrategyHost.OnMarket(new Trade(SAMSUNG, Instant.now(), PRICE, 1, 0))));
    List<Order> orders = new ArrayList<>();
    TestProbe<Void> waiter = testKit.createTestProbe();
    for (Racing r : racers) {
      orders.add(waiter.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(50), () -> {
        AgentState s = state(r.agent());
        assertEquals(2, s.nextOrderSeq(), "one order placed or denied");
        return s.openOrders().isEmpty() ? s.closedOrders().get(0) : s.openOrders().values().iterator().next();
      }));
    }
    return orders;
  }

  static long passed(List<Order> orders) {
    return orders.stream().filter(o -> o.status() != OrderStatus.DENIED).count();
  }

  @Test
  void racersForTheAccountsLastOrderOfTheDayGetExactlyOneOrderOut() {
    List<Order> orders = race(keeper(new AccountLimits(0, 0, 10), 9, 0));
    assertEquals(1, passed(orders), orders::toString);
    orders.stream().filter(o -> o.status() == OrderStatus.DENIED).forEach(o -> assertTrue(
        o.lastMessage().startsWith("RISK_ACCOUNT_ORDER_COUNT account max-orders-per-day 10: other agents 10 + this"
            + " agent 0 orders today"), o.lastMessage()));
  }

  @Test
  void racersForTheOrdersLeftTodayGetExactlyThatMany() {
    List<Order> orders = race(keeper(new AccountLimits(0, 0, 2), 0, 0));
    assertEquals(2, passed(orders), orders::toString);
  }

  @Test
  void racersForTheAccountsLastExposureGetExactlyWhatFits() {
    // 1,000,000 won, 860,000 used: two one-share buys at 70,000 fit, the third would not.
    List<Order> orders = race(keeper(new AccountLimits(1_000_000, 0, 0), 0, 860_000));
    assertEquals(2, passed(orders), orders::toString);
    orders.stream().filter(o -> o.status() == OrderStatus.DENIED).forEach(o -> assertTrue(
        o.lastMessage().startsWith("RISK_ACCOUNT_EXPOSURE account max-gross-exposure 1000000 won: other agents 1000000"
            + " + this agent 0 + this order 70000"), o.lastMessage()));
  }

  @Test
  void aBuyRevisedUpPastTheAccountsExposureIsDeniedJournaledAndAnsweredAndKeepsWorking() {
    // 10 shares at 70,000 = 700,000 of 1,000,000 with 250,000 held elsewhere; at 80,000 they would need 800,000.
    ActorRef<HostSignals.Command> signals = keeper(new AccountLimits(1_000_000, 0, 0), 0, 250_000);
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    Racing r = start(TestStrategies.reviseUp(seen.getRef(), 80_000), signals);
    TestProbe<HostSignals.AccountStatus> status = testKit.createTestProbe();
    signals.tell(new HostSignals.GetAccount(status.getRef()));
    status.receiveMessage(Duration.ofSeconds(10));
    r.host().tell(new StrategyHost.OnMarket(new Trade(SAMSUNG, Instant.now(), PRICE, 1, 0)));
    OrderPort.SendOrder sent = r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(10));
    r.agent().tell(new Agent.BrokerAccepted(sent.orderId(), OrderNo.of("2001"), "06010", "090000", false));
    seen.fishForMessage(Duration.ofSeconds(10), e -> e instanceof OrderUpdate
        ? FishingOutcomes.complete()
        : FishingOutcomes.continueAndIgnore());
    r.host().tell(new StrategyHost.OnMarket(new Trade(SAMSUNG, Instant.now(), PRICE, 1, 0)));
    OrderUpdate refused = (OrderUpdate) seen.fishForMessage(Duration.ofSeconds(10), e -> e instanceof OrderUpdate
        ? FishingOutcomes.complete()
        : FishingOutcomes.continueAndIgnore()).get(0);
    ModifyRejected m = assertInstanceOf(ModifyRejected.class, refused.event());
    assertEquals("RISK_ACCOUNT_EXPOSURE", m.msgCd());
    assertEquals("account max-gross-exposure 1000000 won: other agents 250000 + this agent 700000 + this revise"
        + " 100000 = 1050000", m.message());
    r.port().expectNoMessage(Duration.ofMillis(200));
    Order o = state(r.agent()).order(sent.orderId()).orElseThrow();
    assertEquals(OrderStatus.WORKING, o.status());
    assertEquals(PRICE, o.price());
  }
}
