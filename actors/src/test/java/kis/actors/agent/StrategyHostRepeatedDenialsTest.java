package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import kis.actors.agent.StrategyHostTest.Running;
import kis.actors.testing.MutableClock;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.RejectReason;
import kis.journal.Symbol;
import kis.journal.event.OrderAccepted;
import kis.journal.event.ReviseRequested;
import kis.journal.event.ModifyRejected;
import kis.journal.OrderNo;
import kis.journal.calendar.SessionSchedule;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderRequested;
import kis.journal.risk.RiskGuard;
import kis.journal.risk.RiskLimits;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.OrderUpdate;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.Trade;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A strategy that asks for an order at every print while the order cannot go out (here: the KIS
 * connection is not live, or a risk limit is reached) is refused at every print, but the journal
 * gets the first denial and then one record per run of repeats with their count, not one write per
 * print; a repeat takes no order id (it is refused under the id of the journaled denial it
 * repeats), so every id the strategy heard is journaled as it hears it, crash or not.
 */
class StrategyHostRepeatedDenialsTest {
  static final ActorTestKit testKit = ActorTestKit.create(PersistenceTestKitPlugin.getInstance().config()
      .withFallback(com.typesafe.config.ConfigFactory.parseString("pekko.loglevel = ERROR")));
  static final PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
  static final Symbol SAMSUNG = TestStrategies.SAMSUNG;
  static final AtomicInteger ids = new AtomicInteger();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  final MutableClock clock = new MutableClock(Instant.now());
  final TestProbe<StrategyEvent> seen = testKit.createTestProbe();
  final List<ClientOrderId> expected = new CopyOnWriteArrayList<>();

  Running start(RiskLimits limits) {
    return start(limits, false);
  }

  Running start(RiskLimits limits, boolean bracket) {
    return start(limits, TestStrategies.everyPrint(seen.getRef(), expected, bracket));
  }

  Running start(RiskLimits limits, Strategy strategy) {
    return start(limits, strategy, null);
  }

  /** The agent's publications reach the host only once {@code gate} is told {@code "open"} (null: at once). */
  Running start(RiskLimits limits, Strategy strategy, TestProbe<ActorRef<Object>> gate) {
    AgentId id = new AgentId("repeat-" + ids.incrementAndGet());
    TestProbe<OrderPort> port = testKit.createTestProbe(OrderPort.class);
    TestProbe<ActorRef<StrategyHost.Command>> wired = testKit.createTestProbe();
    TestProbe<ActorRef<Agent.Command>> agentRef = testKit.createTestProbe();
    Behavior<Void> parent = Behaviors.setup(ctx -> {
      @SuppressWarnings("unchecked")
      ActorRef<StrategyHost.Command>[] host = new ActorRef[1];
      List<Agent.Published> withheld = new ArrayList<>();
      boolean[] open = {gate == null};
      ActorRef<Object> gated = ctx.spawnAnonymous(Behaviors.receiveMessage(m -> {
        if (m instanceof Agent.Published p) {
          if (open[0]) {
            host[0].tell(new StrategyHost.FromAgent(p));
          } else {
            withheld.add(p);
          }
        } else {
          open[0] = true;
          withheld.forEach(p -> host[0].tell(new StrategyHost.FromAgent(p)));
          withheld.clear();
        }
        return Behaviors.same();
      }));
      if (gate != null) {
        gate.getRef().tell(gated);
      }
      ActorRef<Agent.Published> listener = gated.narrow();
      ActorRef<Agent.Command> agent = ctx.spawn(Agent.create(AgentSettings.of(id), port.getRef(), clock, listener),
          "agent");
      host[0] = ctx.spawn(StrategyHost.create(new StrategyHost.Setup(id, () -> strategy, new RiskGuard(limits),
          SessionSchedule.alwaysOpen(StrategyContext.KST), clock, new StrategyFailures(3, Duration.ofMinutes(1)),
          Duration.ofMillis(10), Duration.ofMillis(50), true), agent), "host");
      wired.getRef().tell(host[0]);
      agentRef.getRef().tell(agent);
      return Behaviors.empty();
    });
    testKit.spawn(parent, "parent-" + id.value());
    return new Running(id, agentRef.receiveMessage(), wired.receiveMessage(), port, null);
  }

  /** A host fed by the engine (as StrategyHostTest's, on this class's test kit): latch off, today's base price. */
  void feed(Running r, boolean killSwitch, boolean live, long base) {
    r.host().tell(new StrategyHost.UseEngineFacts());
    r.host().tell(new StrategyHost.UseAccount(new kis.actors.risk.AccountLink(kis.actors.risk.AccountLimits.NONE,
        testKit.<kis.actors.risk.AccountLink.Message>createTestProbe().getRef())));
    r.host().tell(new StrategyHost.KillSwitchChanged(killSwitch));
    r.host().tell(new StrategyHost.ConnectionChanged(live, live ? "LIVE" : "SUBSCRIBING"));
    r.host().tell(new StrategyHost.BasePrice(SAMSUNG, java.time.LocalDate.ofInstant(clock.instant(), StrategyContext.KST),
        base));
  }

  void prints(Running r, int n) {
    for (int i = 0; i < n; i++) {
      r.host().tell(new StrategyHost.OnMarket(new Trade(SAMSUNG, clock.instant(), 64_000, 1, 0)));
    }
  }

  /**
   * The next {@code n} denials the strategy hears, as it hears them (in the order it asked: a
   * repeat's refusal never overtakes the journaled denial it repeats). A repeat's refusal is heard
   * once a market event has arrived after it: after {@code n} prints, the last one's waits.
   */
  List<OrderDenied> denialsHeard(int n) {
    List<OrderDenied> out = new ArrayList<>();
    while (out.size() < n) {
      StrategyEvent e = seen.receiveMessage(Duration.ofSeconds(10));
      if (e instanceof OrderUpdate u && u.event() instanceof OrderDenied d) {
        out.add(d);
      }
    }
    return out;
  }

  static long seq(ClientOrderId id) {
    return Long.parseLong(id.value().substring(id.value().lastIndexOf('-') + 1));
  }

  List<OrderDenied> journaledDenials(Running r) {
    return journal.persistedInStorage(Agent.persistenceId(r.id()).id()).stream()
        .filter(e -> e instanceof OrderDenied).map(e -> (OrderDenied) e).toList();
  }

  StrategyHost.HostStatus status(Running r) {
    TestProbe<StrategyHost.HostStatus> probe = testKit.createTestProbe();
    r.host().tell(new StrategyHost.GetStatus(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(5));
  }

  @Test
  void aStrategyAskingAtEveryPrintWhileTheConnectionIsDownIsRefusedEveryTimeButJournalsOneDenialAndOneCount() {
    Running r = start(RiskLimits.defaults());
    feed(r, false, false, 64_000);
    prints(r, 100);

    List<OrderDenied> heard = denialsHeard(99); // the 100th repeat's refusal waits for the next print
    assertTrue(heard.stream().allMatch(d -> d.reason() == RejectReason.RISK_HALTED), heard.get(0).toString());
    assertEquals(List.of(expected.get(0)), heard.stream().map(OrderDenied::orderId).distinct().toList(),
        "every repeat refused under the id of the journaled denial it repeats");
    assertEquals(List.of(expected.get(1)), expected.subList(1, 100).stream().distinct().toList(),
        "a repeat takes no id: the next one is still free");
    // Within the window: the first is journaled, the 99 repeats are only counted so far.
    assertEquals(1, journaledDenials(r).size(), "one journal write, not one per print");
    StrategyHost.HostStatus within = status(r);
    assertTrue(within.unconfirmed() <= 1, "repeats leave nothing in the books to confirm: " + within);

    // The window passes: the host's timer journals the run, one record with the count.
    clock.advance(Duration.ofMillis(1_500));
    seen.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(List.of(0, 99), journaledDenials(r).stream().map(OrderDenied::repeats).toList());
      return null;
    });
    // That record opens the next window: the next refusal is counted into a run of its own. The
    // print lets the 100th refusal through.
    prints(r, 1);
    assertEquals(expected.get(0), denialsHeard(1).get(0).orderId());
    clock.advance(Duration.ofMillis(1_500));
    seen.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(3, journaledDenials(r).size());
      return null;
    });
    List<OrderDenied> journaled = journaledDenials(r);
    assertEquals(List.of(0, 99, 1), journaled.stream().map(OrderDenied::repeats).toList(), journaled.toString());
    assertEquals(List.of(expected.get(0)), journaled.stream().map(OrderDenied::orderId).distinct().toList(),
        "a run's record names the id of the denial that opened its window");
    assertEquals(101, journaled.stream().mapToInt(OrderDenied::attempts).sum(), "every attempt counted");
    r.port().expectNoMessage(Duration.ofMillis(100));

    StrategyHost.HostStatus s = status(r);
    assertEquals(101, s.denials());
    assertEquals(100, s.denialsCounted(), "all but the first: the last run's record is one of them");
    assertTrue(s.idleReason().startsWith("every order denied (101): RISK_HALTED"), s.idleReason());
    kis.journal.state.AgentState books = state(r);
    assertEquals(2, books.nextOrderSeq(), "one id for 101 denials");
    assertEquals(1, books.closedOrders().size(), "one denied order in the books: the records are its counts");
    assertEquals(0, books.anomalyCount());
  }

  @Test
  void theWindowClosingWithoutAnotherPrintJournalsTheRunOnItsOwn() {
    Running r = start(RiskLimits.defaults());
    feed(r, false, false, 64_000);
    prints(r, 10);
    denialsHeard(9);
    clock.advance(Duration.ofSeconds(2));
    // No print: the host's timer finds the window passed by its clock.
    seen.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(List.of(0, 9), journaledDenials(r).stream().map(OrderDenied::repeats).toList());
      return null;
    });
  }

  @Test
  void aPlacementAfterRepeatsJournalsTheirCountFirstAndGetsTheIdTheStrategyExpected() {
    Running r = start(RiskLimits.defaults());
    feed(r, false, false, 64_000);
    prints(r, 5);
    denialsHeard(4);
    r.host().tell(new StrategyHost.ConnectionChanged(true, "LIVE"));
    prints(r, 1);
    OrderPort.SendOrder sent = r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(10));
    assertEquals(expected.get(5), sent.orderId());
    List<Object> events = journal.persistedInStorage(Agent.persistenceId(r.id()).id());
    assertEquals(3, events.size(), events.toString());
    assertEquals(0, assertInstanceOf(OrderDenied.class, events.get(0)).repeats());
    OrderDenied run = assertInstanceOf(OrderDenied.class, events.get(1));
    assertEquals(4, run.repeats());
    assertEquals(expected.get(0), run.orderId());
    assertEquals(sent.orderId(), assertInstanceOf(OrderRequested.class, events.get(2)).orderId());
  }

  @Test
  void aHostRestartedByAFailingStrategyJournalsTheRunItHeldFirst() {
    Running r = start(RiskLimits.defaults());
    feed(r, false, false, 64_000);
    prints(r, 5);
    denialsHeard(4);
    r.host().tell(new StrategyHost.OnMarket(new Trade(SAMSUNG, clock.instant(), 1, 1, 0)));
    seen.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(List.of(0, 4), journaledDenials(r).stream().map(OrderDenied::repeats).toList());
      return null;
    });
    assertEquals(expected.get(0), journaledDenials(r).get(1).orderId());
  }

  @Test
  void aRepeatsRefusalDueWhenTheStrategyFailsIsNeverToldToTheFreshInstanceAndTheAgentsCountsSpanTheRestart() {
    Running r = start(RiskLimits.defaults());
    feed(r, false, false, 64_000);
    prints(r, 5);
    denialsHeard(4); // the journaled first and three repeats: the fifth print's repeat waits for a print
    // The failing print makes the fifth's refusal due, then the strategy throws: the host restarts.
    r.host().tell(new StrategyHost.OnMarket(new Trade(SAMSUNG, clock.instant(), 1, 1, 0)));
    while (!(seen.receiveMessage(Duration.ofSeconds(10)) instanceof Trade failing && failing.price() == 1)) {
      // the refusals before it
    }
    clock.advance(Duration.ofMillis(1));
    Instant fresh = clock.instant();
    r.host().tell(new StrategyHost.OnMarket(new Trade(SAMSUNG, fresh, 64_000, 1, 0)));
    List<StrategyEvent> toFresh = new ArrayList<>(); // up to that print, in the order handed
    StrategyEvent e;
    do {
      e = seen.receiveMessage(Duration.ofSeconds(10));
      toFresh.add(e);
    } while (!(e instanceof Trade t && t.time().equals(fresh)));
    assertTrue(toFresh.stream().noneMatch(x -> x instanceof OrderUpdate),
        "the fresh instance never asked before its first print, so it is told no refusal: " + toFresh);

    // The journal has the held run's count; the fresh instance's ask opens a window of its own.
    seen.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(List.of(0, 4, 0), journaledDenials(r).stream().map(OrderDenied::repeats).toList());
      return null;
    });
    assertEquals(6, journaledDenials(r).stream().mapToInt(OrderDenied::attempts).sum(), "every attempt counted");
    seen.awaitAssert(Duration.ofSeconds(10), () -> {
      StrategyHost.HostStatus s = status(r);
      assertEquals(6, s.denials(), "the agent's denials since its host started, the restart's both sides: " + s);
      assertEquals(4, s.denialsCounted());
      assertTrue(s.idleReason().startsWith("every order denied (6): RISK_HALTED"), s.idleReason());
      assertEquals(1, s.recentFailures());
      return null;
    });
    kis.journal.state.AgentState books = state(r);
    assertEquals(2, books.closedOrders().size(), "two denied orders: the first window's and the fresh one's");
    assertEquals(0, books.anomalyCount());
  }

  @Test
  void aBracketWhoseEntryIsRefusedAtEveryPrintIsCountedLikeAPlacementAndArmsNothing() {
    Running r = start(RiskLimits.defaults(), true);
    feed(r, false, false, 64_000);
    prints(r, 20);
    List<OrderDenied> heard = denialsHeard(19);
    assertEquals(List.of(expected.get(0)), heard.stream().map(OrderDenied::orderId).distinct().toList());
    assertEquals(1, journaledDenials(r).size());
    clock.advance(Duration.ofSeconds(2));
    seen.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(List.of(0, 19), journaledDenials(r).stream().map(OrderDenied::repeats).toList());
      return null;
    });
    assertTrue(journal.persistedInStorage(Agent.persistenceId(r.id()).id()).stream()
        .allMatch(e -> e instanceof OrderDenied), "nothing armed");
  }

  @Test
  void aRiskLimitReachedAtEveryPrintIsCountedTooPerSideAndReason() {
    Running r = start(RiskLimits.fromConfig(com.typesafe.config.ConfigFactory.parseString(
        "max-order-notional = 10000")));
    feed(r, false, true, 64_000);
    prints(r, 30);
    List<OrderDenied> heard = denialsHeard(29);
    assertTrue(heard.stream().allMatch(d -> d.reason() == RejectReason.RISK_MAX_NOTIONAL), heard.get(0).toString());
    assertEquals(1, journaledDenials(r).size());
    assertEquals(29, status(r).denialsCounted());
  }

  @Test
  void aZeroWindowJournalsEveryDenialAsBefore() {
    Running r = start(RiskLimits.fromConfig(com.typesafe.config.ConfigFactory.parseString(
        "denial-repeat-window = 0s")));
    feed(r, false, false, 64_000);
    prints(r, 20);
    denialsHeard(20);
    seen.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(20, journaledDenials(r).size());
      return null;
    });
    assertTrue(journaledDenials(r).stream().allMatch(d -> d.repeats() == 0));
    assertEquals(0, status(r).denialsCounted());
  }

  /** A host whose strategy has one working order, then loses the connection. */
  Running workingThenHalted() {
    Running r = start(RiskLimits.defaults(), TestStrategies.reviseEveryPrint(seen.getRef(), expected));
    feed(r, false, true, 64_000);
    prints(r, 1);
    OrderPort.SendOrder sent = r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(10));
    r.agent().tell(new Agent.BrokerAccepted(sent.orderId(), OrderNo.of("1001"), "06010", "090000", false));
    while (!(seen.receiveMessage(Duration.ofSeconds(10)) instanceof OrderUpdate u && u.event() instanceof OrderAccepted)) {
      // the print and the session's events before it
    }
    r.host().tell(new StrategyHost.ConnectionChanged(false, "SUBSCRIBING"));
    return r;
  }

  List<ModifyRejected> refusalsHeard(int n) {
    List<ModifyRejected> out = new ArrayList<>();
    while (out.size() < n) {
      StrategyEvent e = seen.receiveMessage(Duration.ofSeconds(10));
      if (e instanceof OrderUpdate u && u.event() instanceof ModifyRejected m) {
        out.add(m);
      }
    }
    return out;
  }

  List<Object> reviseEvents(Running r) {
    return journal.persistedInStorage(Agent.persistenceId(r.id()).id()).stream()
        .filter(e -> e instanceof ReviseRequested || e instanceof ModifyRejected).toList();
  }

  /*
   * Refused revises: a strategy that revises its working order at every print while the revise
   * cannot go out (the connection not live) hears a refusal at every print, but the journal gets the
   * first refused revise (its request and reject pair) and then one pair per run of repeats with
   * their count, not two writes per print.
   */

  @Test
  void aStrategyRevisingAtEveryPrintWhileHaltedIsRefusedEveryTimeButJournalsOnePairNotTwoWritesPerPrint() {
    Running r = workingThenHalted();
    ClientOrderId order = expected.get(0);
    prints(r, 100);

    List<ModifyRejected> heard = refusalsHeard(99); // the 100th waits for the next print
    assertEquals(List.of(order), heard.stream().map(ModifyRejected::orderId).distinct().toList());
    assertEquals(List.of("RISK_HALTED"), heard.stream().map(ModifyRejected::msgCd).distinct().toList());
    // The journaled first among them: within the window the 99 repeats are only counted.
    assertEquals(2, reviseEvents(r).size(), "the first refusal's pair, not one pair per print");

    // The window passes: one more pair, its reject carrying the count.
    clock.advance(Duration.ofMillis(1_500));
    seen.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(List.of(0, 99), rejects(r).stream().map(ModifyRejected::repeats).toList());
      return null;
    });
    List<Object> pairs = reviseEvents(r);
    assertEquals(4, pairs.size(), pairs.toString());
    for (int i = 0; i < 4; i += 2) { // a request and its reject per record: the fold's table holds
      assertEquals(order, assertInstanceOf(ReviseRequested.class, pairs.get(i)).orderId());
      assertEquals(order, assertInstanceOf(ModifyRejected.class, pairs.get(i + 1)).orderId());
    }
    assertEquals(100, rejects(r).stream().mapToInt(ModifyRejected::attempts).sum(), "every attempt counted");
    seen.expectNoMessage(Duration.ofMillis(200)); // the run's record is not heard again
    StrategyHost.HostStatus s = status(r);
    assertEquals(100, s.denials());
    assertEquals(99, s.denialsCounted());
    TestProbe<kis.journal.state.AgentState> state = testKit.createTestProbe();
    r.agent().tell(new Agent.GetState(state.getRef()));
    assertEquals(64_000, state.receiveMessage().order(order).orElseThrow().spec().price(), "the order keeps its price");
  }

  @Test
  void aCancelAfterRefusedRevisesJournalsTheirCountFirst() {
    Running r = workingThenHalted();
    ClientOrderId order = expected.get(0);
    prints(r, 5);
    refusalsHeard(4);
    r.host().tell(new StrategyHost.OnMarket(new Trade(SAMSUNG, clock.instant(), TestStrategies.CANCEL_PRINT, 1, 0)));
    OrderPort.SendCancel cancel = r.port().expectMessageClass(OrderPort.SendCancel.class, Duration.ofSeconds(10));
    assertEquals(order, cancel.orderId());
    List<Object> events = journal.persistedInStorage(Agent.persistenceId(r.id()).id());
    List<Object> tail = events.subList(events.size() - 5, events.size());
    assertInstanceOf(ReviseRequested.class, tail.get(0));
    assertEquals(0, assertInstanceOf(ModifyRejected.class, tail.get(1)).repeats());
    assertInstanceOf(ReviseRequested.class, tail.get(2));
    assertEquals(4, assertInstanceOf(ModifyRejected.class, tail.get(3)).repeats());
    assertInstanceOf(kis.journal.event.CancelRequested.class, tail.get(4));
  }

  @Test
  void aZeroWindowJournalsEveryRefusedReviseAsBefore() {
    Running r = start(RiskLimits.fromConfig(com.typesafe.config.ConfigFactory.parseString(
        "denial-repeat-window = 0s")), TestStrategies.reviseEveryPrint(seen.getRef(), expected));
    feed(r, false, true, 64_000);
    prints(r, 1);
    OrderPort.SendOrder sent = r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(10));
    r.agent().tell(new Agent.BrokerAccepted(sent.orderId(), OrderNo.of("1001"), "06010", "090000", false));
    r.host().tell(new StrategyHost.ConnectionChanged(false, "SUBSCRIBING"));
    prints(r, 10);
    seen.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(20, reviseEvents(r).size());
      return null;
    });
    assertTrue(rejects(r).stream().allMatch(m -> m.repeats() == 0));
  }

  @Test
  void aRefusedReviseOfAnOrderKisHasNotAcceptedYetIsNeitherJournaledNorCountedAsBefore() {
    Running r = start(RiskLimits.defaults(), TestStrategies.reviseEveryPrint(seen.getRef(), expected));
    feed(r, false, true, 64_000);
    prints(r, 1);
    r.port().expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(10)); // never accepted
    r.host().tell(new StrategyHost.ConnectionChanged(false, "SUBSCRIBING"));
    prints(r, 10);
    seen.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(10, status(r).denials());
      return null;
    });
    assertEquals(0, status(r).denialsCounted(), "no run: the agent refuses each without a write");
    assertEquals(List.of(), reviseEvents(r));
    List<StrategyEvent> heard = new ArrayList<>();
    while (heard.stream().filter(e -> e instanceof Trade).count() < 11) { // up to the prints' last, then nothing
      heard.add(seen.receiveMessage(Duration.ofSeconds(10)));
    }
    assertTrue(heard.stream().noneMatch(e -> e instanceof OrderUpdate u && u.event() instanceof ModifyRejected),
        heard.toString());
    seen.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void aStrategyAskingAgainOnItsOwnDenialTurnsOncePerMarketEventNotAtMessageSpeed() {
    Running r = start(RiskLimits.defaults(), TestStrategies.againOnDenial(seen.getRef()));
    feed(r, false, false, 64_000);
    prints(r, 10);
    int trades = 0;
    List<OrderDenied> heard = new ArrayList<>();
    while (trades < 10 || heard.isEmpty()) { // every print, and the journaled first denial
      StrategyEvent e = seen.receiveMessage(Duration.ofSeconds(10));
      if (e instanceof Trade) {
        trades++;
      } else if (e instanceof OrderUpdate u && u.event() instanceof OrderDenied d) {
        heard.add(d);
      }
    }
    // Each asked again on its denial, but no refusal is heard before another print: the loop stands.
    StrategyHost.HostStatus first = status(r);
    StrategyHost.HostStatus second = status(r);
    assertEquals(first.denials(), second.denials(), "no turn without a market event: " + second);
    assertTrue(second.denials() <= 21, "a print's ask and at most one ask again per print: " + second);
    assertEquals(1, journaledDenials(r).size());
  }

  @Test
  void aTimerDrivenStrategyHearsItsRepeatsRefusalsAtItsTimersWithoutAnyPrint() {
    // The feed is down (the case denials repeat in): no print comes, so a refusal held for a market
    // event was never heard, and the strategy, its intent unanswered, never asked again.
    Running r = start(RiskLimits.defaults(), TestStrategies.atTimerWhenFlat(seen.getRef()));
    feed(r, false, false, 64_000);
    // Its timers keep coming, so count the denials heard against a deadline, not a quiet probe.
    List<OrderDenied> heard = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (heard.size() < 4 && System.nanoTime() < deadline) {
      StrategyEvent e = seen.receiveMessage(Duration.ofSeconds(10));
      if (e instanceof OrderUpdate u && u.event() instanceof OrderDenied d) {
        heard.add(d);
      }
    }
    assertEquals(4, heard.size(), "denials heard within 20 s of timers every 50 ms: " + heard);
    assertTrue(heard.stream().allMatch(d -> d.reason() == RejectReason.RISK_HALTED), heard::toString);
  }

  @Test
  void aRepeatsRefusalIsHeardOnlyAfterTheJournaledDenialItRepeats() {
    TestProbe<ActorRef<Object>> gate = testKit.createTestProbe();
    Running r = start(RiskLimits.defaults(), TestStrategies.everyPrint(seen.getRef(), expected, false), gate);
    ActorRef<Object> publications = gate.receiveMessage();
    feed(r, false, false, 64_000);
    prints(r, 5);
    int trades = 0;
    while (trades < 5) { // the first denial is journaled, but the host has not heard it yet
      StrategyEvent e = seen.receiveMessage(Duration.ofSeconds(10));
      assertTrue(!(e instanceof OrderUpdate), "no repeat's refusal before the denial it repeats: " + e);
      trades += e instanceof Trade ? 1 : 0;
    }
    publications.tell("open");
    List<OrderDenied> heard = denialsHeard(4);
    assertEquals(List.of(expected.get(0)), heard.stream().map(OrderDenied::orderId).distinct().toList());
    assertEquals(List.of(heard.get(0)), journaledDenials(r), "the journaled one first");
  }

  @Test
  void refusedRevisesOfAnOrderCancelledAtKisDuringTheirWindowAreJournaledAsTheirCountAndReplayToTheSameBooks() {
    Running r = workingThenHalted();
    ClientOrderId order = expected.get(0);
    prints(r, 5);
    refusalsHeard(4);
    r.agent().tell(new Agent.BrokerCancelled(order, false));
    while (!(seen.receiveMessage(Duration.ofSeconds(10)) instanceof OrderUpdate u
        && u.event() instanceof kis.journal.event.OrderCancelled)) {
      // the prints before it
    }
    clock.advance(Duration.ofMillis(1_500));
    seen.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(List.of(0, 4), rejects(r).stream().map(ModifyRejected::repeats).toList());
      return null;
    });
    List<Object> events = journal.persistedInStorage(Agent.persistenceId(r.id()).id());
    assertInstanceOf(kis.journal.event.OrderCancelled.class, events.get(events.size() - 2), events.toString());
    assertEquals(5, rejects(r).stream().mapToInt(ModifyRejected::attempts).sum(), "every attempt counted");
    TestProbe<kis.journal.state.AgentState> probe = testKit.createTestProbe();
    r.agent().tell(new Agent.GetState(probe.getRef()));
    kis.journal.state.AgentState live = probe.receiveMessage();
    kis.journal.state.AgentState replayed = kis.journal.state.AgentState.empty(r.id().value());
    for (Object e : events) {
      replayed = replayed.apply((kis.journal.event.AgentEvent) e);
    }
    assertEquals(live.stateHash(), replayed.stateHash());
    assertEquals(0, live.anomalyCount(), live.anomalies().toString());
    assertEquals(kis.journal.state.OrderStatus.CANCELLED, live.order(order).orElseThrow().status());
  }

  @Test
  void theKillSwitchsCancelsJournalTheRefusedRevisesCountFirst() {
    Running r = workingThenHalted();
    ClientOrderId order = expected.get(0);
    prints(r, 5);
    refusalsHeard(4);
    r.host().tell(new StrategyHost.KillSwitchChanged(true));
    OrderPort.SendCancel cancel = r.port().expectMessageClass(OrderPort.SendCancel.class, Duration.ofSeconds(10));
    assertEquals(order, cancel.orderId());
    List<Object> events = journal.persistedInStorage(Agent.persistenceId(r.id()).id());
    List<Object> tail = events.subList(events.size() - 3, events.size());
    assertInstanceOf(ReviseRequested.class, tail.get(0), events.toString());
    assertEquals(4, assertInstanceOf(ModifyRejected.class, tail.get(1)).repeats());
    assertInstanceOf(kis.journal.event.CancelRequested.class, tail.get(2));
  }

  @Test
  void everyIdTheStrategyHeardDeniedIsJournaledAsItHearsItSoACrashInAWindowLeavesNoneForAnotherOrder() {
    Running r = start(RiskLimits.defaults());
    feed(r, false, false, 64_000);
    prints(r, 10);
    List<OrderDenied> heard = denialsHeard(9); // within the window: only the first is journaled
    List<ClientOrderId> journaled = journaledDenials(r).stream().map(OrderDenied::orderId).toList();
    assertEquals(1, journaled.size());
    assertTrue(journaled.containsAll(heard.stream().map(OrderDenied::orderId).toList()),
        "a JVM crash now keeps every id the strategy heard: " + heard);
    assertEquals(2, state(r).nextOrderSeq(), "the next order takes an id nobody heard");
  }

  kis.journal.state.AgentState state(Running r) {
    TestProbe<kis.journal.state.AgentState> probe = testKit.createTestProbe();
    r.agent().tell(new Agent.GetState(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(5));
  }

  List<ModifyRejected> rejects(Running r) {
    return reviseEvents(r).stream().filter(e -> e instanceof ModifyRejected).map(e -> (ModifyRejected) e).toList();
  }
}
