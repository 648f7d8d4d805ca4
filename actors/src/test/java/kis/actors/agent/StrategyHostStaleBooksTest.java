package kis.actors.agent;

import kis.journal.calendar.SessionSchedule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import kis.journal.risk.RiskGuard;
import kis.journal.risk.RiskLimits;
import kis.journal.AgentId;
import kis.journal.RejectReason;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
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

/**
 * The host never asks its agent for the books on the way to an order: it decides on the state the
 * agent publishes plus its own commands not published yet. These tests hold the agent's
 * publications back (as a busy listener or a slow hop would) and check that the strategy and the
 * risk guard still count every order the host sent.
 */
class StrategyHostStaleBooksTest {
  static final ActorTestKit testKit = ActorTestKit.create(PersistenceTestKitPlugin.getInstance().config()
      .withFallback(ConfigFactory.parseString("pekko.loglevel = ERROR")));
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final AtomicInteger ids = new AtomicInteger();
  // Waits for what must happen return as soon as it does; the bound only decides how long a failure
  // takes to show. 5 s ran out once at a load of 50 on 2 cores.
  static final Duration PATIENCE = Duration.ofSeconds(30);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** What the strategy saw when it was handed an event. */
  record Seen(StrategyEvent event, AgentState books) {}

  record Scripted(ActorRef<Seen> seen, BiFunction<StrategyEvent, StrategyContext, List<Intent>> answer)
      implements Strategy {
    @Override
    public Set<Symbol> symbols() {
      return Set.of(SAMSUNG);
    }

    @Override
    public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
      seen.tell(new Seen(event, ctx.state()));
      return answer.apply(event, ctx);
    }
  }

  /** Opens the gate: every publication held so far goes to the host, and the next ones at once. */
  record Release() {}

  /** Between the agent and its host: holds the agent's publications until {@link Release}. */
  static Behavior<Object> gate(ActorRef<StrategyHost.Command>[] host) {
    List<Agent.Published> held = new ArrayList<>();
    boolean[] open = {false};
    return Behaviors.receive(Object.class)
        .onMessage(Agent.Published.class, p -> {
          if (open[0]) {
            host[0].tell(StrategyHost.fromAgent(p));
          } else {
            held.add(p);
          }
          return Behaviors.same();
        })
        .onMessage(Release.class, r -> {
          open[0] = true;
          held.forEach(p -> host[0].tell(StrategyHost.fromAgent(p)));
          held.clear();
          return Behaviors.same();
        })
        .build();
  }

  record Running(ActorRef<Agent.Command> agent, ActorRef<StrategyHost.Command> host, ActorRef<Object> gate,
      TestProbe<OrderPort> port) {}

  @SuppressWarnings("unchecked")
  Running start(Strategy strategy, RiskLimits limits) {
    AgentId id = new AgentId("stale-" + ids.incrementAndGet());
    TestProbe<OrderPort> port = testKit.createTestProbe(OrderPort.class);
    TestProbe<Running> wired = testKit.createTestProbe();
    testKit.spawn(Behaviors.<Void>setup(ctx -> {
      ActorRef<StrategyHost.Command>[] host = new ActorRef[1];
      ActorRef<Object> gate = ctx.spawn(gate(host), "gate");
      ActorRef<Agent.Command> agent = ctx.spawn(Agent.create(AgentSettings.of(id), port.getRef(), Clock.systemUTC(),
          gate.<Agent.Published>unsafeUpcast()), "agent");
      host[0] = ctx.spawn(StrategyHost.create(new StrategyHost.Setup(id, () -> strategy, new RiskGuard(limits),
          SessionSchedule.alwaysOpen(StrategyContext.KST), Clock.systemUTC(), new StrategyFailures(3,
          Duration.ofMinutes(1)), Duration.ofMillis(10), Duration.ofMillis(50), true), agent), "host");
      wired.getRef().tell(new Running(agent, host[0], gate, port));
      return Behaviors.empty();
    }), "parent-" + id.value());
    return wired.receiveMessage(PATIENCE);
  }

  static Trade trade(long price) {
    return new Trade(SAMSUNG, Instant.now(), price, 1, 0);
  }

  static Seen awaitTrade(TestProbe<Seen> seen) {
    return seen.fishForMessage(PATIENCE, s -> s.event() instanceof Trade
        ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore()).get(0);
  }

  static AgentState agentBooks(Running r, long nextOrderSeq) {
    TestProbe<AgentState> state = testKit.createTestProbe();
    return state.awaitAssert(PATIENCE, () -> {
      r.agent().tell(new Agent.GetState(state.getRef()));
      AgentState s = state.receiveMessage(Duration.ofSeconds(1));
      assertEquals(nextOrderSeq, s.nextOrderSeq(), "orders journaled so far");
      return s;
    });
  }

  @Test
  void aSecondPlacementInOneAnswerIsCheckedWithTheFirstCountedThoughNeitherIsPublishedYet() {
    TestProbe<Seen> seen = testKit.createTestProbe();
    // 10 shares at 70,000 fit under 1,000,000 won; 10 more at 69,900 only if the first is forgotten.
    RiskLimits limits = RiskLimits.fromConfig(ConfigFactory.parseString("max-symbol-position = 1000000"));
    Running r = start(new Scripted(seen.getRef(), (e, ctx) -> e instanceof Trade
        ? List.of(Intent.buyLimit(SAMSUNG, 10, 70_000, "first"), Intent.buyLimit(SAMSUNG, 10, 69_900, "second"))
        : List.of()), limits);
    r.host().tell(new StrategyHost.OnMarket(trade(70_000)));
    awaitTrade(seen);
    assertEquals(70_000, r.port().expectMessageClass(OrderPort.SendOrder.class, PATIENCE).spec().price());

    AgentState books = agentBooks(r, 3);
    Order second = books.closedOrders().stream().filter(o -> o.spec().price() == 69_900).findFirst().orElseThrow();
    assertEquals(OrderStatus.DENIED, second.status(), second.toString());
    assertEquals(RejectReason.RISK_MAX_POSITION.name(), second.lastMessage().split(" ")[0], second.toString());
    r.port().expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void aStrategyHandedTheNextEventBeforeItsOrderIsPublishedSeesThatOrderAndDoesNotPlaceItAgain() {
    TestProbe<Seen> seen = testKit.createTestProbe();
    Running r = start(new Scripted(seen.getRef(), (e, ctx) -> e instanceof Trade && !ctx.hasOpenOrders(SAMSUNG)
        ? List.of(Intent.buyLimit(SAMSUNG, 10, 70_000, "no order yet")) : List.of()), RiskLimits.defaults());
    r.host().tell(new StrategyHost.OnMarket(trade(70_000)));
    awaitTrade(seen);
    OrderPort.SendOrder sent = r.port().expectMessageClass(OrderPort.SendOrder.class, PATIENCE);
    agentBooks(r, 2); // journaled, and its publication held back at the gate

    r.host().tell(new StrategyHost.OnMarket(trade(70_100)));
    Seen next = awaitTrade(seen);
    assertEquals(List.of(sent.orderId().value()), List.copyOf(next.books().openOrders().keySet()),
        "the host's books show its own unpublished order");
    assertEquals(2, next.books().nextOrderSeq());

    r.gate().tell(new Release());
    r.host().tell(new StrategyHost.OnMarket(trade(70_200)));
    Seen published = awaitTrade(seen);
    assertEquals(1, published.books().openOrders().size(), "counted once after its publication: " + published);
    r.port().expectNoMessage(Duration.ofMillis(200));
  }
}
