package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import kis.actors.risk.RiskGuard;
import kis.actors.risk.RiskLimits;
import kis.journal.AgentId;
import kis.journal.OrderNo;
import kis.journal.RejectReason;
import kis.journal.Symbol;
import kis.journal.event.FillSource;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderFilled;
import kis.journal.state.AgentState;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.OrderUpdate;
import kis.strategies.event.SessionOpened;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.Trade;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The strategy host between market data, a strategy, the risk guard and a live agent. */
class StrategyHostTest {
  static final ActorTestKit testKit = ActorTestKit.create(PersistenceTestKitPlugin.getInstance().config()
      .withFallback(com.typesafe.config.ConfigFactory.parseString("pekko.loglevel = ERROR")));
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final AtomicInteger ids = new AtomicInteger();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** A strategy that tells a probe every event and answers with {@code answer}. */
  record Scripted(ActorRef<StrategyEvent> seen, BiFunction<StrategyEvent, StrategyContext, List<Intent>> answer)
      implements Strategy {
    @Override
    public Set<Symbol> symbols() {
      return Set.of(SAMSUNG);
    }

    @Override
    public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
      seen.tell(event);
      return answer.apply(event, ctx);
    }
  }

  record Running(AgentId id, ActorRef<Agent.Command> agent, ActorRef<StrategyHost.Command> host,
      TestProbe<OrderPort> port, StrategyFailures failures) {}

  Running start(Strategy strategy, RiskLimits limits, boolean tradingEnabled, StrategyFailures failures) {
    AgentId id = new AgentId("host-" + ids.incrementAndGet());
    TestProbe<OrderPort> port = testKit.createTestProbe(OrderPort.class);
    TestProbe<ActorRef<StrategyHost.Command>> wired = testKit.createTestProbe();
    TestProbe<ActorRef<Agent.Command>> agentRef = testKit.createTestProbe();
    // A parent that spawns both, as the agent manager does.
    Behavior<Void> parent = Behaviors.setup(ctx -> {
      ActorRef<StrategyHost.Command>[] host = new ActorRef[1];
      ActorRef<Agent.Published> listener = ctx.spawnAnonymous(Behaviors.<Agent.Published>receiveMessage(p -> {
        host[0].tell(new StrategyHost.FromAgent(p));
        return Behaviors.same();
      }));
      ActorRef<Agent.Command> agent = ctx.spawn(
          Agent.create(AgentSettings.of(id), port.getRef(), Clock.systemUTC(), listener), "agent");
      host[0] = ctx.spawn(StrategyHost.create(new StrategyHost.Setup(id, () -> strategy, new RiskGuard(limits),
          SessionSchedule.alwaysOpen(StrategyContext.KST), Clock.systemUTC(), failures, Duration.ofMillis(10),
          Duration.ofMillis(50), tradingEnabled), agent), "host");
      wired.getRef().tell(host[0]);
      agentRef.getRef().tell(agent);
      return Behaviors.empty();
    });
    testKit.spawn(parent, "parent-" + id.value());
    return new Running(id, agentRef.receiveMessage(), wired.receiveMessage(), port, failures);
  }

  Running start(Strategy strategy, boolean tradingEnabled) {
    return start(strategy, RiskLimits.defaults(), tradingEnabled, new StrategyFailures(3, Duration.ofMinutes(1)));
  }

  static Trade trade(long price) {
    return new Trade(SAMSUNG, Instant.now(), price, 1, 0);
  }

  static List<Intent> buyOnFirstTrade(StrategyEvent e, StrategyContext ctx) {
    if (e instanceof Trade t && ctx.state().nextOrderSeq() == 1) {
      return List.of(Intent.buyLimit(SAMSUNG, 10, t.price(), "first trade"));
    }
    return List.of();
  }

  @Test
  void sessionOpenedIsDeliveredAtStartWhenTheMarketIsAlreadyOpen() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    start(new Scripted(seen.getRef(), (e, c) -> List.of()), true);
    assertInstanceOf(SessionOpened.class, seen.receiveMessage(Duration.ofSeconds(5)));
  }

  @Test
  void aTradeBecomesAnOrderAndTheFillComesBackAsAnOrderUpdate() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    Running r = start(new Scripted(seen.getRef(), StrategyHostTest::buyOnFirstTrade), true);
    seen.expectMessageClass(SessionOpened.class, Duration.ofSeconds(5));
    r.host().tell(new StrategyHost.OnMarket(trade(70_000)));
    seen.expectMessageClass(Trade.class);
    OrderPort.SendOrder sent = r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(5));
    assertEquals(10, sent.spec().quantity());
    // A second trade does not repeat the order: the strategy sees the order in its state.
    r.host().tell(new StrategyHost.OnMarket(trade(70_100)));
    seen.expectMessageClass(Trade.class);
    r.agent().tell(new Agent.BrokerAccepted(sent.orderId(), OrderNo.of("1001"), "06010", "090000", false));
    r.agent().tell(new Agent.BrokerFill(OrderNo.of("1001"), 10, 70_000, "x1", "090001", FillSource.NOTICE));
    OrderUpdate accepted = seen.expectMessageClass(OrderUpdate.class, Duration.ofSeconds(5));
    OrderUpdate filled = seen.expectMessageClass(OrderUpdate.class, Duration.ofSeconds(5));
    assertInstanceOf(OrderFilled.class, filled.event(), "then " + accepted.event());
    r.port().expectNoMessage(Duration.ofMillis(200));
    TestProbe<AgentState> state = testKit.createTestProbe();
    r.agent().tell(new Agent.GetState(state.getRef()));
    assertEquals(10, state.receiveMessage().position(SAMSUNG).quantity());
  }

  @Test
  void aPlacementOverTheRiskLimitIsJournaledAsDeniedAndNeverSent() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    RiskLimits tight = RiskLimits.fromConfig(com.typesafe.config.ConfigFactory.parseString(
        "max-order-notional = 100000"));
    Running r = start(new Scripted(seen.getRef(), StrategyHostTest::buyOnFirstTrade), tight, true,
        new StrategyFailures(3, Duration.ofMinutes(1)));
    seen.expectMessageClass(SessionOpened.class, Duration.ofSeconds(5));
    r.host().tell(new StrategyHost.OnMarket(trade(70_000)));
    seen.expectMessageClass(Trade.class);
    OrderUpdate u = seen.expectMessageClass(OrderUpdate.class, Duration.ofSeconds(5));
    OrderDenied d = assertInstanceOf(OrderDenied.class, u.event());
    assertEquals(RejectReason.RISK_MAX_NOTIONAL, d.reason());
    r.port().expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void nothingIsPlacedBeforeTradingIsEnabled() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    Running r = start(new Scripted(seen.getRef(), StrategyHostTest::buyOnFirstTrade), false);
    seen.expectMessageClass(SessionOpened.class, Duration.ofSeconds(5));
    r.host().tell(new StrategyHost.OnMarket(trade(70_000)));
    seen.expectMessageClass(Trade.class);
    r.port().expectNoMessage(Duration.ofMillis(300));
    r.host().tell(new StrategyHost.EnableTrading());
    r.host().tell(new StrategyHost.OnMarket(trade(70_000)));
    r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(5));
  }

  @Test
  void aStrategyThatKeepsThrowingParksItsAgentAndTheHostStaysUp() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    StrategyFailures failures = new StrategyFailures(3, Duration.ofMinutes(1));
    Running r = start(new Scripted(seen.getRef(), (e, c) -> {
      if (e instanceof Trade) {
        throw new IllegalStateException("bug");
      }
      return List.of();
    }), RiskLimits.defaults(), true, failures);
    TestProbe<AgentState> state = testKit.createTestProbe();
    TestProbe<StrategyHost.HostStatus> status = testKit.createTestProbe();
    Instant deadline = Instant.now().plusSeconds(10);
    boolean parked = false;
    while (!parked && Instant.now().isBefore(deadline)) {
      r.host().tell(new StrategyHost.OnMarket(trade(70_000)));
      // The status answer queues behind the trade (stashed while the host restarts).
      r.host().tell(new StrategyHost.GetStatus(status.getRef()));
      status.receiveMessage(Duration.ofSeconds(5));
      r.agent().tell(new Agent.GetState(state.getRef()));
      parked = state.receiveMessage().parked();
    }
    assertTrue(parked, "agent parked after repeated strategy failures");
    r.host().tell(new StrategyHost.GetStatus(status.getRef()));
    StrategyHost.HostStatus s = status.receiveMessage(Duration.ofSeconds(5));
    assertTrue(s.strategyStopped());
    assertTrue(s.lastFailure().contains("bug"), s.lastFailure());
    // Resuming the agent calls the strategy again.
    r.agent().tell(new Agent.Resume("test", testKit.<org.apache.pekko.pattern.StatusReply<org.apache.pekko.Done>>createTestProbe().getRef()));
    Instant until = Instant.now().plusSeconds(5);
    boolean stopped = true;
    while (stopped && Instant.now().isBefore(until)) {
      r.host().tell(new StrategyHost.GetStatus(status.getRef()));
      stopped = status.receiveMessage().strategyStopped();
    }
    assertFalse(stopped, "strategy called again after resume");
  }
}
