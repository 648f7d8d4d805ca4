package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import kis.actors.agent.TestStrategies.Scripted;
import kis.journal.AgentId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.calendar.SessionSchedule;
import kis.journal.event.FillSource;
import kis.journal.event.ProtectiveArmed;
import kis.journal.event.ProtectiveCancelled;
import kis.journal.event.ProtectiveTriggered;
import kis.journal.risk.RiskGuard;
import kis.journal.risk.RiskLimits;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.ProtectiveUpdate;
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

/** Protective orders through the live path: strategy intent, host emulator, agent journal, order port. */
class StrategyHostProtectiveTest {
  static final ActorTestKit testKit = ActorTestKit.create(PersistenceTestKitPlugin.getInstance().config()
      .withFallback(com.typesafe.config.ConfigFactory.parseString("pekko.loglevel = ERROR")));
  static final Symbol S = Symbol.of("005930");
  static final AtomicInteger ids = new AtomicInteger();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  record Running(ActorRef<Agent.Command> agent, ActorRef<StrategyHost.Command> host, TestProbe<OrderPort> port) {}

  Running start(Strategy strategy) {
    AgentId id = new AgentId("protect-" + ids.incrementAndGet());
    TestProbe<OrderPort> port = testKit.createTestProbe(OrderPort.class);
    TestProbe<ActorRef<StrategyHost.Command>> wired = testKit.createTestProbe();
    TestProbe<ActorRef<Agent.Command>> agentRef = testKit.createTestProbe();
    Behavior<Void> parent = Behaviors.setup(ctx -> {
      @SuppressWarnings("unchecked")
      ActorRef<StrategyHost.Command>[] host = new ActorRef[1];
      ActorRef<Agent.Published> listener = ctx.spawnAnonymous(Behaviors.<Agent.Published>receiveMessage(p -> {
        host[0].tell(StrategyHost.fromAgent(p));
        return Behaviors.same();
      }));
      ActorRef<Agent.Command> agent = ctx.spawn(
          Agent.create(AgentSettings.of(id), port.getRef(), Clock.systemUTC(), listener), "agent");
      host[0] = ctx.spawn(StrategyHost.create(new StrategyHost.Setup(id, () -> strategy,
          new RiskGuard(RiskLimits.defaults()), SessionSchedule.alwaysOpen(StrategyContext.KST), Clock.systemUTC(),
          new StrategyFailures(3, Duration.ofMinutes(1)), Duration.ofMillis(10), Duration.ofMillis(50), true), agent),
          "host");
      wired.getRef().tell(host[0]);
      agentRef.getRef().tell(agent);
      return Behaviors.empty();
    });
    testKit.spawn(parent, "parent-" + id.value());
    return new Running(agentRef.receiveMessage(), wired.receiveMessage(), port);
  }

  static Trade trade(long price) {
    return new Trade(S, Instant.now(), price, 1, 0);
  }

  private static AgentState state(Running r) {
    TestProbe<AgentState> p = testKit.createTestProbe();
    r.agent().tell(new Agent.GetState(p.getRef()));
    return p.receiveMessage(Duration.ofSeconds(5));
  }

  private static <T> T awaitUpdate(TestProbe<StrategyEvent> seen, Class<T> type) {
    return type.cast(seen.fishForMessage(Duration.ofSeconds(5),
        e -> e instanceof ProtectiveUpdate u && type.isInstance(u.event())
            ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
            : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore())
        .stream().map(e -> ((ProtectiveUpdate) e).event()).filter(type::isInstance).findFirst().orElseThrow());
  }

  @Test
  void aBracketPlacedThroughTheApiArmsItsExitsWithTheEntryAndItsStopFiresThroughTheOrderPortOnAGap() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    Running r = start(new Scripted(seen.getRef(), (e, c) -> e instanceof Trade && c.state().nextOrderSeq() == 1
        ? List.of(Intent.bracket(OrderSpec.limit(S, Side.BUY, 10, 70_000),
            ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_000),
            ProtectiveSpec.takeProfitLimit(S, Side.SELL, 10, 72_000, 72_000), "bracket"))
        : List.of()));
    r.host().tell(new StrategyHost.OnMarket(trade(70_000)));
    OrderPort.SendOrder entry = r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(5));
    assertEquals(OrderSpec.limit(S, Side.BUY, 10, 70_000), entry.spec());
    ProtectiveArmed armed = awaitUpdate(seen, ProtectiveArmed.class);
    assertEquals(entry.orderId(), armed.parent());
    r.host().tell(new StrategyHost.OnMarket(trade(68_000)));
    r.port().expectNoMessage(Duration.ofMillis(300)); // the entry has not filled: nothing to protect yet
    r.agent().tell(new Agent.BrokerAccepted(entry.orderId(), OrderNo.of("1001"), "06010", "090000", false));
    r.agent().tell(new Agent.BrokerFill(OrderNo.of("1001"), 10, 70_000, "x1", "090001", FillSource.NOTICE));
    awaitFilled(r, 10);
    r.host().tell(new StrategyHost.OnMarket(trade(66_000))); // a gap through the stop
    OrderPort.SendOrder child = r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(5));
    assertEquals(OrderSpec.market(S, Side.SELL, 10), child.spec());
    ProtectiveTriggered fired = awaitUpdate(seen, ProtectiveTriggered.class);
    assertEquals(66_000, fired.printPrice());
    assertEquals(child.orderId(), fired.childOrderId());
    assertTrue(awaitUpdate(seen, ProtectiveCancelled.class).reason().startsWith("OCO"));
    r.host().tell(new StrategyHost.OnMarket(trade(65_000)));
    r.port().expectNoMessage(Duration.ofMillis(300)); // fired once
    AgentState s = state(r);
    assertTrue(s.protections().armed().isEmpty());
    assertEquals(OrderStatus.REQUESTED, s.order(child.orderId()).orElseThrow().status());
  }

  @Test
  void aStopThatWouldSellSharesNotHeldIsJournaledAsDeniedAndNothingIsSent() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    Running r = start(new Scripted(seen.getRef(), (e, c) -> e instanceof Trade && c.state().protections().nextSeq() == 1
        ? List.of(Intent.protect(ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_000), "naked stop"))
        : List.of()));
    r.host().tell(new StrategyHost.OnMarket(trade(70_000)));
    awaitUpdate(seen, ProtectiveArmed.class);
    r.host().tell(new StrategyHost.OnMarket(trade(68_900)));
    ProtectiveTriggered fired = awaitUpdate(seen, ProtectiveTriggered.class);
    r.port().expectNoMessage(Duration.ofMillis(300));
    assertEquals(OrderStatus.DENIED, state(r).order(fired.childOrderId()).orElseThrow().status());
  }

  @Test
  void aStrategyDecidingOnTheNextPrintSeesWhatItArmedBeforeTheAgentHasJournaledIt() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    Running r = start(new Scripted(seen.getRef(), (e, c) -> e instanceof Trade && c.state().protections().armed()
        .isEmpty() ? List.of(Intent.protect(ProtectiveSpec.takeProfitMarket(S, Side.SELL, 1, 90_000), "once"))
        : List.of()));
    for (int i = 0; i < 20; i++) {
      r.host().tell(new StrategyHost.OnMarket(trade(70_000 + 100 * i))); // back to back, no waiting
    }
    // The agent's news of the arming may reach the strategy before the last prints or after them
    // (the host may take the first prints before this thread has sent the last, and the agent
    // journals meanwhile): both are awaited, in whichever order they come.
    int trades = 0;
    boolean armedSeen = false;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (trades < 20 || !armedSeen) {
      assertTrue(System.nanoTime() < deadline, trades + " prints, armed news " + armedSeen);
      StrategyEvent e = seen.receiveMessage(Duration.ofSeconds(30));
      trades += e instanceof Trade ? 1 : 0;
      armedSeen |= e instanceof ProtectiveUpdate u && u.event() instanceof ProtectiveArmed;
    }
    AgentState s = state(r);
    assertEquals(1, s.protections().armed().size(), "armed once, not once per print");
    assertEquals(2, s.protections().nextSeq());
  }

  @Test
  void aStrategyAlternatingArmAndDisarmOnBackToBackPrintsSeesEachOfItsOwnStepsAtOnce() {
    TestProbe<StrategyEvent> seen = testKit.createTestProbe();
    Running r = start(new Scripted(seen.getRef(), (e, c) -> {
      if (!(e instanceof Trade)) {
        return List.of();
      }
      var armed = c.state().protections().all();
      return armed.isEmpty()
          ? List.of(Intent.protect(ProtectiveSpec.takeProfitMarket(S, Side.SELL, 1, 90_000), "arm"))
          : List.of(Intent.disarm(armed.get(0).id(), "disarm"));
    }));
    for (int i = 0; i < 20; i++) {
      r.host().tell(new StrategyHost.OnMarket(trade(70_000 + 100 * i)));
    }
    for (int i = 0; i < 20; i++) {
      seen.fishForMessage(Duration.ofSeconds(30), e -> e instanceof Trade
          ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
          : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    AgentState s = state(r);
    while (s.protections().nextSeq() < 11 || !s.protections().armed().isEmpty()) {
      assertTrue(System.nanoTime() < deadline, "ten armings, each disarmed: " + s.protections().nextSeq());
      s = state(r);
    }
    assertEquals(11, s.protections().nextSeq(), "each print armed or disarmed once, in turn");
  }

  private static void awaitFilled(Running r, long shares) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (state(r).position(S).quantity() != shares) {
      assertTrue(System.nanoTime() < deadline, "the fill was not journaled");
      Thread.onSpinWait();
    }
  }
}
