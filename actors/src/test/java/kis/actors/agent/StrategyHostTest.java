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
import kis.journal.risk.RiskGuard;
import kis.journal.AgentId;
import kis.journal.OrderNo;
import kis.journal.RejectReason;
import kis.journal.Symbol;
import kis.journal.calendar.SessionSchedule;
import kis.journal.event.FillSource;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderFilled;
import kis.journal.risk.RiskLimits;
import kis.journal.state.AgentState;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.OrderUpdate;
import kis.strategies.event.SessionOpened;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.Trade;
import kis.actors.agent.TestStrategies.Scripted;
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
  static final Symbol SAMSUNG = TestStrategies.SAMSUNG;
  static final AtomicInteger ids = new AtomicInteger();
  /**
   * How long a host's start (its agent's first recovery, the session's open) may take: the first
   * in a JVM waits for the journal plugin, on 2 loaded cores several seconds. A bound, not an assertion.
   */
  static final Duration START = Duration.ofSeconds(30);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
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
  void thousandsOfPrintsThatWaitedAreDeliveredInOrderWithoutOverflowingTheStack() {
    // The host waits for its agent's state before anything else, so every print sent meanwhile
    // waits in its stash; each one delivered afterwards used to start a nested unstash of the rest
    // (a StackOverflowError at a few thousand, which Pekko answers by ending the JVM).
    AgentId id = new AgentId("host-" + ids.incrementAndGet());
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    TestProbe<Agent.Command> agent = testKit.createTestProbe(Agent.Command.class);
    ActorRef<StrategyHost.Command> host = testKit.spawn(StrategyHost.create(new StrategyHost.Setup(id,
        () -> new Scripted(seen.getRef(), (e, c) -> List.of()), new RiskGuard(RiskLimits.defaults()),
        SessionSchedule.alwaysOpen(StrategyContext.KST), Clock.systemUTC(), new StrategyFailures(3,
            Duration.ofMinutes(1)), Duration.ofMillis(10), Duration.ofMillis(50), true), agent.getRef()));
    Agent.GetState ask = agent.expectMessageClass(Agent.GetState.class, START);
    int prints = 5_000;
    for (int i = 1; i <= prints; i++) {
      host.tell(new StrategyHost.OnMarket(trade(i)));
    }
    ask.replyTo().tell(AgentState.empty(id.value()));
    for (int i = 1; i <= prints; i++) {
      StrategyEvent e = seen.receiveMessage(Duration.ofSeconds(30));
      while (!(e instanceof Trade)) {
        e = seen.receiveMessage(Duration.ofSeconds(30)); // the session's opening, after the prints
      }
      assertEquals(i, ((Trade) e).price());
    }
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
    seen.expectMessageClass(SessionOpened.class, START);
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
  void aPausedHostStillDeliversMarketDataButDropsPlacementsUntilUnpaused() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    Running r = start(new Scripted(seen.getRef(), StrategyHostTest::buyOnFirstTrade), true);
    seen.expectMessageClass(SessionOpened.class, START);
    TestProbe<org.apache.pekko.Done> ack = testKit.createTestProbe();
    r.host().tell(new StrategyHost.Pause(true, ack.getRef()));
    ack.receiveMessage(Duration.ofSeconds(5));
    r.host().tell(new StrategyHost.OnMarket(trade(70_000)));
    seen.expectMessageClass(Trade.class, Duration.ofSeconds(5));
    r.port().expectNoMessage(Duration.ofMillis(300));
    TestProbe<StrategyHost.HostStatus> status = testKit.createTestProbe();
    r.host().tell(new StrategyHost.GetStatus(status.getRef()));
    StrategyHost.HostStatus paused = status.receiveMessage();
    assertTrue(paused.paused(), paused.toString());
    assertEquals(1, paused.placementsHeld(), "dropped, not journaled: " + paused);

    r.host().tell(new StrategyHost.Pause(false, ack.getRef()));
    ack.receiveMessage(Duration.ofSeconds(5));
    r.host().tell(new StrategyHost.OnMarket(trade(70_100)));
    seen.expectMessageClass(Trade.class, Duration.ofSeconds(5));
    assertEquals(10, r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(5)).spec().quantity());
  }

  @Test
  void aPlacementOverTheRiskLimitIsJournaledAsDeniedAndNeverSent() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    RiskLimits tight = RiskLimits.fromConfig(com.typesafe.config.ConfigFactory.parseString(
        "max-order-notional = 100000"));
    Running r = start(new Scripted(seen.getRef(), StrategyHostTest::buyOnFirstTrade), tight, true,
        new StrategyFailures(3, Duration.ofMinutes(1)));
    seen.expectMessageClass(SessionOpened.class, START);
    r.host().tell(new StrategyHost.OnMarket(trade(70_000)));
    seen.expectMessageClass(Trade.class);
    OrderUpdate u = seen.expectMessageClass(OrderUpdate.class, Duration.ofSeconds(5));
    OrderDenied d = assertInstanceOf(OrderDenied.class, u.event());
    assertEquals(RejectReason.RISK_MAX_NOTIONAL, d.reason());
    r.port().expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void theStatusSaysWhyAnAgentHasNotTradedNoPrintsFirstThenEveryOrderDenied() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    RiskLimits tight = RiskLimits.fromConfig(com.typesafe.config.ConfigFactory.parseString(
        "max-order-notional = 100000"));
    Running r = start(new Scripted(seen.getRef(), StrategyHostTest::buyOnFirstTrade), tight, true,
        new StrategyFailures(3, Duration.ofMinutes(1)));
    seen.expectMessageClass(SessionOpened.class, START);
    TestProbe<StrategyHost.HostStatus> status = testKit.createTestProbe();
    r.host().tell(new StrategyHost.GetStatus(status.getRef()));
    String before = status.receiveMessage(Duration.ofSeconds(5)).idleReason();
    assertTrue(before.startsWith("no market data: no prints for 005930 since start"), before);

    r.host().tell(new StrategyHost.OnMarket(trade(70_000)));
    seen.expectMessageClass(Trade.class);
    seen.expectMessageClass(OrderUpdate.class, Duration.ofSeconds(5)); // the denial, after the host noted it
    r.host().tell(new StrategyHost.GetStatus(status.getRef()));
    String denied = status.receiveMessage(Duration.ofSeconds(5)).idleReason();
    assertTrue(denied.startsWith("every order denied (1): RISK_MAX_NOTIONAL"), denied);
  }

  /** Records the bars it is handed; answers nothing. */
  static final class BarProbe extends kis.strategies.BaseStrategy {
    final ActorRef<StrategyEvent> seen;

    BarProbe(ActorRef<StrategyEvent> seen) {
      this.seen = seen;
    }

    @Override
    public Set<Symbol> symbols() {
      return Set.of(SAMSUNG);
    }

    @Override
    protected List<Intent> onBar(kis.strategies.event.Bar bar, StrategyContext ctx) {
      seen.tell(bar);
      return List.of();
    }
  }

  @Test
  void aStrategyThatConsumesBarsGetsOneMinuteBarsBuiltFromTheLiveTrades() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    Running r = start(new BarProbe(seen.getRef()), true);
    Instant minute = Instant.parse("2026-03-02T00:01:00Z");
    r.host().tell(new StrategyHost.OnMarket(new Trade(SAMSUNG, minute.plusSeconds(1), 70_000, 3, 0)));
    r.host().tell(new StrategyHost.OnMarket(new Trade(SAMSUNG, minute.plusSeconds(30), 70_300, 2, 0)));
    r.host().tell(new StrategyHost.OnMarket(new Trade(SAMSUNG, minute.plusSeconds(59), 70_100, 1, 0)));
    seen.expectNoMessage(Duration.ofMillis(200));
    r.host().tell(new StrategyHost.OnMarket(new Trade(SAMSUNG, minute.plusSeconds(61), 70_200, 1, 0)));
    assertEquals(new kis.strategies.event.Bar(SAMSUNG, minute.plusSeconds(60), kis.strategies.event.Bar.MINUTE,
        70_000, 70_300, 70_000, 70_100, 6), seen.receiveMessage(Duration.ofSeconds(5)));
  }

  @Test
  void nothingIsPlacedBeforeTradingIsEnabled() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    Running r = start(new Scripted(seen.getRef(), StrategyHostTest::buyOnFirstTrade), false);
    seen.expectMessageClass(SessionOpened.class, START);
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

  /** A host fed by the engine, with the latch off, the connection live and today's KIS base price. */
  static void feed(Running r, boolean killSwitch, boolean live, long base) {
    r.host().tell(new StrategyHost.UseEngineFacts());
    r.host().tell(unlimitedAccount());
    r.host().tell(new StrategyHost.KillSwitchChanged(killSwitch));
    r.host().tell(new StrategyHost.ConnectionChanged(live, live ? "LIVE" : "RECONNECTING"));
    r.host().tell(new StrategyHost.BasePrice(SAMSUNG, java.time.LocalDate.now(StrategyContext.KST), base));
  }

  /** The account's link as the engine sends it to every host, here with no account limits. */
  static StrategyHost.UseAccount unlimitedAccount() {
    return new StrategyHost.UseAccount(new kis.actors.risk.AccountLink(kis.actors.risk.AccountLimits.NONE,
        testKit.<kis.actors.risk.AccountLink.Message>createTestProbe().getRef()));
  }

  /** Buys one share at each of {@code prices} in turn, one per trade. */
  static BiFunction<StrategyEvent, StrategyContext, List<Intent>> buyAt(long... prices) {
    return (e, ctx) -> {
      int i = (int) ctx.state().nextOrderSeq() - 1;
      return e instanceof Trade && i < prices.length ? List.of(Intent.buyLimit(SAMSUNG, 1, prices[i], "at " + prices[i]))
          : List.of();
    };
  }

  static OrderDenied awaitDenial(TestProbe<StrategyEvent> seen) {
    OrderUpdate u = (OrderUpdate) seen.fishForMessage(Duration.ofSeconds(5),
        e -> e instanceof OrderUpdate ou && ou.event() instanceof OrderDenied
        ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore()).get(0);
    return assertInstanceOf(OrderDenied.class, u.event());
  }

  @Test
  void aFedHostTakesThe30PercentBandFromTheKisBasePriceNotTheFirstTrade() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    // Base 50,000: the band is 35,000..65,000. The day's first trade (64,000) would give 44,800..83,200.
    Running r = start(new Scripted(seen.getRef(), buyAt(36_000, 66_000)), true);
    feed(r, false, true, 50_000);
    r.host().tell(new StrategyHost.OnMarket(trade(64_000)));
    assertEquals(36_000, r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(5)).spec().price());
    r.host().tell(new StrategyHost.OnMarket(trade(64_000)));
    OrderDenied d = awaitDenial(seen);
    assertEquals(RejectReason.KRX_PRICE_LIMIT, d.reason());
    assertTrue(d.detail().contains("35000..65000"), d.detail());
    r.port().expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void aFedHostWithoutTodaysBasePriceDeniesLimitOrdersInsteadOfGuessingTheBand() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    Running r = start(new Scripted(seen.getRef(), buyAt(64_000)), true);
    r.host().tell(new StrategyHost.UseEngineFacts());
    r.host().tell(unlimitedAccount());
    r.host().tell(new StrategyHost.KillSwitchChanged(false));
    r.host().tell(new StrategyHost.ConnectionChanged(true, "LIVE"));
    r.host().tell(new StrategyHost.BasePrice(SAMSUNG, java.time.LocalDate.now(StrategyContext.KST).minusDays(1), 64_000));
    r.host().tell(new StrategyHost.OnMarket(trade(64_000)));
    assertEquals(RejectReason.KRX_PRICE_LIMIT, awaitDenial(seen).reason());
    r.port().expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void aFedHostHoldsPlacementsUntilTheKillSwitchTheConnectionAndTheAccountAreKnown() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    Running r = start(new Scripted(seen.getRef(), buyAt(64_000, 64_000)), true);
    r.host().tell(new StrategyHost.UseEngineFacts());
    r.host().tell(new StrategyHost.BasePrice(SAMSUNG, java.time.LocalDate.now(StrategyContext.KST), 64_000));
    r.host().tell(new StrategyHost.OnMarket(trade(64_000)));
    seen.fishForMessage(Duration.ofSeconds(5), e -> e instanceof Trade
        ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
    r.port().expectNoMessage(Duration.ofMillis(300));
    TestProbe<StrategyHost.HostStatus> status = testKit.createTestProbe();
    r.host().tell(new StrategyHost.GetStatus(status.getRef()));
    assertEquals(1, status.receiveMessage(Duration.ofSeconds(5)).placementsHeld());
    r.host().tell(new StrategyHost.KillSwitchChanged(false));
    r.host().tell(new StrategyHost.ConnectionChanged(true, "LIVE"));
    r.host().tell(new StrategyHost.OnMarket(trade(64_000)));
    // Without the account's link the placement could not be checked against the account's limits.
    r.port().expectNoMessage(Duration.ofMillis(300));
    r.host().tell(new StrategyHost.GetStatus(status.getRef()));
    StrategyHost.HostStatus held = status.receiveMessage(Duration.ofSeconds(5));
    assertEquals(2, held.placementsHeld());
    r.host().tell(unlimitedAccount());
    r.host().tell(new StrategyHost.OnMarket(trade(64_000)));
    r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(5));
  }

  @Test
  void whileTheConnectionIsNotLiveNewOrdersAreDeniedNamingItButCancelsStillGoOut() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    Running r = start(new Scripted(seen.getRef(), (e, ctx) -> {
      if (e instanceof Trade && ctx.state().nextOrderSeq() == 1) {
        return List.of(Intent.buyLimit(SAMSUNG, 1, 64_000, "first"));
      }
      if (e instanceof Trade && ctx.state().nextOrderSeq() == 2) {
        List<Intent> out = new java.util.ArrayList<>();
        ctx.openOrders(SAMSUNG).forEach(o -> out.add(new Intent.Cancel(o.id(), "stale")));
        out.add(Intent.buyLimit(SAMSUNG, 1, 63_900, "second"));
        return out;
      }
      return List.of();
    }), true);
    feed(r, false, true, 64_000);
    r.host().tell(new StrategyHost.OnMarket(trade(64_000)));
    OrderPort.SendOrder sent = r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(5));
    r.agent().tell(new Agent.BrokerAccepted(sent.orderId(), OrderNo.of("2001"), "06010", "090000", false));
    r.host().tell(new StrategyHost.ConnectionChanged(false, "RECONNECTING"));
    r.host().tell(new StrategyHost.OnMarket(trade(64_000)));
    r.port().expectMessageClass(OrderPort.SendCancel.class, Duration.ofSeconds(5));
    OrderDenied d = awaitDenial(seen);
    assertEquals(RejectReason.RISK_HALTED, d.reason());
    assertTrue(d.detail().contains("KIS connection is RECONNECTING"), d.detail());
    r.port().expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void whileTheDiskIsBelowItsMarginNewOrdersAreDeniedNamingItCancelsGoOutAndRoomResumesThem() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    Running r = start(new Scripted(seen.getRef(), (e, ctx) -> {
      if (e instanceof Trade && ctx.state().nextOrderSeq() == 1) {
        return List.of(Intent.buyLimit(SAMSUNG, 1, 64_000, "first"));
      }
      if (e instanceof Trade && ctx.openOrders(SAMSUNG).size() == 1) {
        List<Intent> out = new java.util.ArrayList<>();
        ctx.openOrders(SAMSUNG).forEach(o -> out.add(new Intent.Cancel(o.id(), "disk")));
        out.add(Intent.buyLimit(SAMSUNG, 1, 63_900, "second"));
        return out;
      }
      if (e instanceof Trade && ctx.openOrders(SAMSUNG).isEmpty()) {
        return List.of(Intent.buyLimit(SAMSUNG, 1, 63_800, "after room"));
      }
      return List.of();
    }), true);
    feed(r, false, true, 64_000);
    r.host().tell(new StrategyHost.OnMarket(trade(64_000)));
    OrderPort.SendOrder sent = r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(5));
    r.agent().tell(new Agent.BrokerAccepted(sent.orderId(), OrderNo.of("2101"), "06010", "090000", false));

    r.host().tell(new StrategyHost.DiskChanged(true, "disk almost full: 100 MiB free in data"));
    r.host().tell(new StrategyHost.OnMarket(trade(64_000)));
    OrderPort.SendCancel cancel = r.port().expectMessageClass(OrderPort.SendCancel.class, Duration.ofSeconds(5));
    OrderDenied d = awaitDenial(seen);
    assertEquals(RejectReason.RISK_HALTED, d.reason());
    assertTrue(d.detail().contains("disk almost full: 100 MiB free"), d.detail());
    r.port().expectNoMessage(Duration.ofMillis(200));

    r.agent().tell(new Agent.BrokerCancelled(cancel.orderId(), false));
    // The host decides on the books its agent publishes: the next trade is sent once the cancel is.
    seen.fishForMessage(Duration.ofSeconds(5), e -> e instanceof OrderUpdate u
        && u.event() instanceof kis.journal.event.OrderCancelled
        ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
    r.host().tell(new StrategyHost.DiskChanged(false, ""));
    r.host().tell(new StrategyHost.OnMarket(trade(64_000)));
    assertEquals(63_800, r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(5)).spec().price());
  }

  @Test
  void anEngagedKillSwitchCancelsWorkingOrdersAndLateAcceptedOnesAndDeniesNewOrders() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    Running r = start(new Scripted(seen.getRef(), buyAt(64_000, 63_900, 63_800)), true);
    feed(r, false, true, 64_000);
    r.host().tell(new StrategyHost.OnMarket(trade(64_000)));
    OrderPort.SendOrder working = r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(5));
    r.agent().tell(new Agent.BrokerAccepted(working.orderId(), OrderNo.of("3001"), "06010", "090000", false));
    r.host().tell(new StrategyHost.OnMarket(trade(64_000)));
    OrderPort.SendOrder inFlight = r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(5));

    r.host().tell(new StrategyHost.KillSwitchChanged(true));
    assertEquals(working.orderId(), r.port().expectMessageClass(OrderPort.SendCancel.class, Duration.ofSeconds(5))
        .orderId());
    // The order KIS had not answered yet is cancelled as soon as it is accepted.
    r.agent().tell(new Agent.BrokerAccepted(inFlight.orderId(), OrderNo.of("3002"), "06010", "090001", false));
    assertEquals(inFlight.orderId(), r.port().expectMessageClass(OrderPort.SendCancel.class, Duration.ofSeconds(5))
        .orderId());
    r.host().tell(new StrategyHost.OnMarket(trade(64_000)));
    assertEquals(RejectReason.RISK_KILL_SWITCH, awaitDenial(seen).reason());
    r.port().expectNoMessage(Duration.ofMillis(200));
  }

  static <T extends Agent.Command> T expect(TestProbe<Agent.Command> agent, Class<T> type) {
    return type.cast(agent.fishForMessage(Duration.ofSeconds(10), m -> type.isInstance(m)
        ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore()).get(0));
  }

  @Test
  void anAnswerToTheFailedInstancesCommandIsNotTakenForTheFreshInstancesCommandOfTheSameKey() throws Exception {
    AgentId id = new AgentId("host-" + ids.incrementAndGet());
    TestProbe<Agent.Command> agent = testKit.createTestProbe();
    java.util.concurrent.BlockingQueue<Integer> openInBooks = new java.util.concurrent.LinkedBlockingQueue<>();
    Strategy buyAtEveryPrint = new Scripted(testKit.<StrategyEvent>createTestProbe().getRef(), (e, c) -> {
      if (!(e instanceof Trade t)) {
        return List.of();
      }
      if (t.price() == 1) {
        throw new IllegalStateException("a bug at a print of 1 won");
      }
      openInBooks.add(c.state().openOrders().size());
      return List.of(Intent.buyLimit(SAMSUNG, 1, t.price(), "every print"));
    });
    ActorRef<StrategyHost.Command> host = testKit.spawn(StrategyHost.create(new StrategyHost.Setup(id,
        () -> buyAtEveryPrint, new RiskGuard(RiskLimits.defaults()), SessionSchedule.alwaysOpen(StrategyContext.KST),
        Clock.systemUTC(), new StrategyFailures(3, Duration.ofMinutes(1)), Duration.ofMillis(10),
        Duration.ofMillis(50), true), agent.getRef()));
    AgentState empty = AgentState.empty(id.value());
    expect(agent, Agent.GetState.class).replyTo().tell(empty);
    host.tell(new StrategyHost.OnMarket(trade(70_000)));
    Agent.PlaceOrder first = expect(agent, Agent.PlaceOrder.class); // the first instance's command, key 1
    assertEquals(0, openInBooks.poll(10, java.util.concurrent.TimeUnit.SECONDS));

    host.tell(new StrategyHost.OnMarket(trade(1))); // the strategy throws: the host restarts, reads the books
    Agent.GetState read = expect(agent, Agent.GetState.class);
    // A print arrives while it reads; the agent answers the first command, then the read (its order journaled).
    host.tell(new StrategyHost.OnMarket(trade(70_000)));
    kis.journal.ClientOrderId firstId = kis.journal.ClientOrderId.of(id, 1);
    first.replyTo().tell(org.apache.pekko.pattern.StatusReply.success(firstId));
    read.replyTo().tell(empty.apply(new kis.journal.event.OrderRequested(firstId, first.spec(), first.reason(),
        Instant.now())));
    assertEquals(1, openInBooks.poll(10, java.util.concurrent.TimeUnit.SECONDS), "the fresh books hold the first order");
    expect(agent, Agent.PlaceOrder.class); // the fresh instance's command, key 1 again, not answered yet

    host.tell(new StrategyHost.OnMarket(trade(70_000)));
    assertEquals(2, openInBooks.poll(10, java.util.concurrent.TimeUnit.SECONDS),
        "the first order and the fresh instance's own, still unconfirmed: the earlier answer did not confirm it");
  }
}
