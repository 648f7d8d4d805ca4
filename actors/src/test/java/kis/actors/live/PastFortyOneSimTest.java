package kis.actors.live;

import static kis.actors.live.LiveHarness.SEOUL;
import static kis.actors.live.LiveHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import kis.actors.gateway.GatewaySettings;
import kis.actors.reconcile.ReconcilerSettings;
import kis.actors.risk.AccountLimits;
import kis.actors.supervisor.FeedPriority;
import kis.actors.supervisor.KisSupervisor;
import kis.actors.supervisor.PollSchedule;
import kis.actors.supervisor.StreamWatch;
import kis.actors.supervisor.SupervisorSettings;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.CostModel;
import kis.journal.OrderSpec;
import kis.journal.PrintSource;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import kis.journal.calendar.SessionSchedule;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sixty agents, one symbol each, on one account against kis-sim (which refuses a 42nd websocket
 * registration, as KIS does): the notices and 40 feeds are streamed, the feeds of the 20 agents
 * that asked for polling ({@code market-data-priority = poll}, registered FIRST, so their slots go
 * to the later ones) are polled by REST, every agent gets prices, and an order of a polled-symbol
 * agent goes out and fills beside the polling, the account's REST calls within the configured rate.
 */
@ExtendWith(LogCapturingExtension.class)
class PastFortyOneSimTest {
  static final int AGENTS = 60;
  static final int POLLED = 20;
  static final LiveHarness H = new LiveHarness(universe() + "\nrate-limit-per-second = 20");
  static final Clock CLOCK = Clock.system(SEOUL);

  @AfterAll
  static void stop() {
    H.close();
  }

  static String code(int i) {
    return String.format("9%05d", i + 1);
  }

  /** Sixty synthetic KRX stocks at 10,000 won (a 10-won tick), none on NXT. */
  static String universe() {
    StringBuilder b = new StringBuilder("nxt-symbols = []\nuniverse = [\n");
    for (int i = 0; i < AGENTS; i++) {
      b.append("{ code = \"").append(code(i)).append("\", name = \"S").append(i)
          .append("\", base-price = 10000, volatility = 0.3, floating-shares = 10000000 }\n");
    }
    return b.append("]").toString();
  }

  /** A runner stand-in: each symbol's prints as streamed or polled, and the account's port. */
  record Seen(Map<String, Boolean> polledBySymbol, AtomicReference<ActorRef<OrderPort>> port) {}

  static Behavior<AgentRunner.Command> recorder(Seen seen) {
    return Behaviors.receive(AgentRunner.Command.class)
        .onMessage(AgentRunner.MarketTrade.class, t -> {
          seen.polledBySymbol().putIfAbsent(t.symbol().code(), t.polled());
          return Behaviors.same();
        })
        .onMessage(AgentRunner.AccountReady.class, r -> {
          seen.port().compareAndSet(null, r.port());
          return Behaviors.same();
        })
        .onAnyMessage(m -> Behaviors.same())
        .build();
  }

  @Test
  void sixtySymbolsFortyStreamedByPriorityTwentyPolledEveryAgentPricedAndAPolledAgentsOrderFilled()
      throws Exception {
    // Every REST call of the account from here on (orders, inquiries, polls, retries each counted).
    java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
    H.kis.rest().listen((tr, latency, replied) -> calls.incrementAndGet());
    long t0 = System.nanoTime();
    ActorRef<AccountDesk.Command> desk = H.kit.spawn(AccountDesk.create(new AccountDesk.Setup("past41", H.kis, CLOCK,
        SessionSchedule.alwaysOpen(SEOUL), new SessionClock(KrxCalendar.defaults(), CLOCK), GatewaySettings.real(),
        SupervisorSettings.defaults(), ReconcilerSettings.defaults(CostModel.KIS_2026).withInterval(Duration.ZERO),
        AccountLimits.NONE)), "desk-past41");
    Seen seen = new Seen(new ConcurrentHashMap<>(), new AtomicReference<>());
    Set<String> pollAgents = new HashSet<>();
    for (int i = 0; i < AGENTS; i++) {
      // The poll agents first: a slot is no one's for good, priority decides who streams.
      FeedPriority p = i < POLLED ? FeedPriority.POLL : i == AGENTS - 1 ? FeedPriority.TICKS : FeedPriority.PRINTS;
      if (p == FeedPriority.POLL) {
        pollAgents.add(code(i));
      }
      TestProbe<Agent.Command> agent = H.kit.createTestProbe();
      AgentId id = new AgentId("a" + i);
      // One runner each (the desk watches each agent's runner); all record into one map.
      ActorRef<AgentRunner.Command> runner = H.kit.spawn(recorder(seen), "runner-" + i);
      desk.tell(new AccountDesk.AgentUp(id, id, agent.getRef(), runner, List.of(Symbol.of(code(i))), List.of(),
          PrintSource.KRX, p));
    }
    LiveHarness.awaitTrue("the desk LIVE", WAIT, () -> "LIVE".equals(status(desk).connection()));

    // Prints on every symbol not priced yet, again each second: a print made before its registration
    // reached the sim is never streamed, and a polled feed's first answer only sets its volume baseline.
    java.util.concurrent.atomic.AtomicLong lastRound = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicInteger round = new java.util.concurrent.atomic.AtomicInteger();
    LiveHarness.awaitTrue(() -> "every agent priced; missing " + missing(seen), WAIT.multipliedBy(2), () -> {
      if (System.nanoTime() - lastRound.get() >= Duration.ofSeconds(1).toNanos()) {
        lastRound.set(System.nanoTime());
        int r = round.incrementAndGet();
        for (String s : missing(seen)) {
          H.trade(s, 10_000 + 10 * (r % 5), 3);
        }
      }
      return missing(seen).isEmpty();
    });

    Set<String> polledSeen = seen.polledBySymbol().entrySet().stream().filter(Map.Entry::getValue)
        .map(Map.Entry::getKey).collect(Collectors.toSet());
    assertEquals(pollAgents, polledSeen, "the poll agents' prices came polled, every other agent's streamed");

    List<StreamWatch.Health> streams = streams(desk);
    Set<String> polledRows = streams.stream().filter(h -> h.judged() == StreamWatch.Judged.POLLED)
        .map(h -> h.key().symbol().code()).collect(Collectors.toSet());
    List<StreamWatch.Health> streamedRows = streams.stream().filter(h -> h.judged() != StreamWatch.Judged.POLLED)
        .toList();
    assertEquals(pollAgents, polledRows, "the dashboard's rows: the poll agents' feeds polled");
    assertTrue(streams.stream().filter(h -> h.judged() == StreamWatch.Judged.POLLED)
        .allMatch(h -> h.key().trId().equals(PollSchedule.TR) && h.expectedGap().isPresent()), streams.toString());
    assertEquals(AGENTS - POLLED, streamedRows.size(), "40 streamed feeds and the notices: KIS's 41");
    assertTrue(streamedRows.stream().noneMatch(h -> pollAgents.contains(h.key().symbol().code())), streams.toString());

    // A polled-symbol agent's order, at a price above its polled one, goes out and fills.
    String polledSymbol = code(0);
    ActorRef<OrderPort> port = seen.port().get();
    AgentId buyer = new AgentId("buyer");
    ActorRef<Agent.Command> agent = H.kit.spawn(Agent.create(AgentSettings.of(buyer).withCosts(CostModel.KIS_2026),
        port, CLOCK), "buyer");
    desk.tell(new AccountDesk.AgentUp(buyer, buyer, agent, H.kit.spawn(recorder(seen), "runner-buyer"),
        List.of(Symbol.of(polledSymbol)), List.of(),
        PrintSource.KRX, FeedPriority.POLL));
    LiveHarness.awaitTrue("the buyer registered", WAIT, () -> agents(desk).agents().containsKey("buyer"));
    TestProbe<StatusReply<ClientOrderId>> placed = H.kit.createTestProbe();
    agent.tell(new Agent.PlaceOrder(OrderSpec.limit(Symbol.of(polledSymbol), Side.BUY, 2, 10_200),
        "past41: a polled symbol's buy", placed.getRef()));
    assertTrue(placed.receiveMessage(WAIT).isSuccess());
    LiveHarness.awaitTrue("the buy filled", WAIT,
        () -> H.state(agent).position(Symbol.of(polledSymbol)).quantity() == 2);

    // The limiter grants at most `permits` per window on the monotonic clock, so however loaded the
    // machine, the calls made in T are at most permits x (T / window + 1); one window more for calls
    // granted before the listener was set.
    long elapsed = System.nanoTime() - t0;
    int permits = H.kis.rateLimiter().permits();
    long window = H.kis.rateLimiter().window().toNanos();
    long bound = permits * (elapsed / window + 2);
    assertTrue(calls.get() <= bound, calls.get() + " REST calls in " + elapsed / 1_000_000 + " ms: more than the"
        + " configured " + permits + " per " + window / 1_000_000 + " ms allow (" + bound + ")");
    H.kis.rest().listen(null);
  }

  private static Set<String> missing(Seen seen) {
    Set<String> out = new java.util.TreeSet<>();
    for (int i = 0; i < AGENTS; i++) {
      if (!seen.polledBySymbol().containsKey(code(i))) {
        out.add(code(i));
      }
    }
    return out;
  }

  private static AccountDesk.DeskStatus status(ActorRef<AccountDesk.Command> desk) {
    TestProbe<AccountDesk.DeskStatus> p = H.kit.createTestProbe();
    desk.tell(new AccountDesk.GetStatus(p.getRef()));
    return p.receiveMessage(WAIT);
  }

  private static AccountDesk.Agents agents(ActorRef<AccountDesk.Command> desk) {
    TestProbe<AccountDesk.Agents> p = H.kit.createTestProbe();
    desk.tell(new AccountDesk.GetAgents(p.getRef()));
    return p.receiveMessage(WAIT);
  }

  /** The desk's supervisor (its child {@code kis}) answers with every stream, polled ones included. */
  private static List<StreamWatch.Health> streams(ActorRef<AccountDesk.Command> desk) throws Exception {
    org.apache.pekko.actor.ActorRef classic = Adapter.toClassic(H.kit.system())
        .actorSelection(desk.path().child("kis")).resolveOne(WAIT).toCompletableFuture().get();
    ActorRef<KisSupervisor.Command> sup = Adapter.toTyped(classic);
    TestProbe<KisSupervisor.Streams> p = H.kit.createTestProbe();
    sup.tell(new KisSupervisor.GetStreams(p.getRef()));
    return new ArrayList<>(p.receiveMessage(WAIT).streams());
  }
}
