package kis.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import kis.actors.agent.AgentConfig;
import kis.actors.agent.SessionSchedule;
import kis.actors.gateway.GatewaySettings;
import kis.actors.live.BooksEqualTheAccount;
import kis.actors.reconcile.Reconciler;
import kis.journal.CostModel;
import kis.connector.KisConfig;
import kis.connector.KisConnector;
import kis.connector.KisCredentials;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import kis.journal.state.AgentState;
import kis.actors.agent.Agent;
import kis.cluster.lease.TcpProxy;
import kis.cluster.migrate.JournalEvents;
import kis.journal.ClientOrderId;
import kis.journal.event.AgentEvent;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.OrderAccepted;
import kis.sim.KisSimulator;
import kis.sim.OrderLog;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import kis.strategies.StrategyContext;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failover proofs: engine nodes (actor systems on loopback ports) against one kis-sim and one
 * PostgreSQL, agents trading on all of them. One node is killed (its database link cut, no
 * graceful leave): a node without the account singleton, or the singleton's own node (then the
 * account moves too and the agents elsewhere re-register with it), of three nodes or of two. The
 * split brain resolver (lease-majority, the lease in PostgreSQL) downs it, once its leases
 * expired sharding restarts its agents on the survivors from the PostgreSQL journal and the
 * singleton moves, they trade on, and in the end every agent's books equal the account, order for
 * order, with no order sent twice.
 */
class NodeFailoverTest {
  static final Duration ASK = Duration.ofSeconds(10);

  @TempDir Path dir;

  static final String AGENTS = """
      kis-trader.agents = [
        { id = fo-a, symbol = "005930", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "005930", quantity = 3, hold-trades = 2 } } }
        { id = fo-b, symbol = "000660", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "000660", quantity = 1, hold-trades = 3 } } }
        { id = fo-c, symbol = "035720", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "035720", quantity = 7, hold-trades = 2 } } }
        { id = fo-d, symbol = "005380", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "005380", quantity = 2, hold-trades = 2 } } }
      ]
      kis-trader.agent {
        snapshot-every = 20, snapshots-kept = 2
        persist-failure-backoff { min = 100ms, max = 1s, random-factor = 0.2 }
        costs { fee-ppb = 140527, sell-tax-ppb = 2000000 }
      }
      kis-trader.risk { duplicate-window = 1ms }
      kis-trader.cluster.register-retry = 500ms
      pekko.loglevel = WARNING
      pekko.stdout-loglevel = OFF
      pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
      pekko.cluster {
        seed-nodes = []
        jmx.multi-mbeans-in-same-jvm = on
        failure-detector { heartbeat-interval = 300ms, acceptable-heartbeat-pause = 2s }
        split-brain-resolver.stable-after = 2s
        split-brain-resolver.lease-majority.acquire-lease-delay-for-minority = 1s
        singleton.lease-retry-interval = 500ms
        sharding.entity-restart-backoff = 500ms
        sharding.lease-retry-interval = 500ms
      }
      # A dead node's leases (singleton, shards) expire 6 s after its last renewal.
      kis-trader.cluster.lease {
        heartbeat-timeout = 6s, heartbeat-interval = 500ms, lease-operation-timeout = 2s, safety-margin = 2s
      }
      # A kill, not a leave: terminating this system skips coordinated shutdown's cluster exit.
      pekko.coordinated-shutdown.run-by-actor-system-terminate = off
      """;

  @Test
  void killingANodeMovesItsAgentsToTheOtherNodeWithBooksEqualToTheAccountAndNoOrderTwice() throws Exception {
    failover(2, 1);
  }

  @Test
  void killingTheAccountSingletonsNodeMovesTheAccountAndItsAgentsWithBooksEqualToTheAccountAndNoOrderTwice()
      throws Exception {
    failover(3, 0);
  }

  @Test
  void ofTwoNodesKillingTheOldestLeavesTheOtherTradingAloneWithBooksEqualToTheAccountAndNoOrderTwice()
      throws Exception {
    // The survivor cannot tell a crash from a partition; it stays up because it takes the
    // resolver's lease in PostgreSQL, and runs the account once the dead node's lease expired.
    failover(2, 0);
  }

  /** {@code nodes} engine nodes trade; node {@code victim} (0 = the oldest, holding the account singleton) is killed. */
  private void failover(int nodes, int victimIndex) throws Exception {
    KisSimulator sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 100ms, rate-limit-per-second = -1, session-mode = ALWAYS_OPEN,"
            // The account's new node needs a token of its own; KIS's once-a-minute issuance rule
            // would stall the moved account for a minute (a known limit, see README).
            + " token-reissue-interval = 0s }")));
    long cashBefore = sim.account().cash();
    try (TestDatabase db = TestDatabase.create()) {
      Config config = ClusterProfile.over(ConfigFactory.parseString(AGENTS).withFallback(db.config()));
      List<AgentConfig> agents = AgentConfig.listFrom(config);
      List<ActorTestKit> kits = new ArrayList<>();
      // Each node reaches PostgreSQL through a link of its own, so a killed node can lose it too.
      List<TcpProxy> links = new ArrayList<>();
      try {
        for (int i = 0; i < nodes; i++) {
          TcpProxy link = TcpProxy.to(db.url);
          links.add(link);
          kits.add(ActorTestKit.create("kis-trader", ClusterProfile.over(ConfigFactory.parseString(AGENTS)
              .withFallback(db.config().withValue("kis-trader.cluster.db.url",
                  ConfigValueFactory.fromAnyRef(link.via(db.url)))))));
        }
        Address first = Cluster.get(kits.get(0).system()).selfMember().address();
        for (ActorTestKit k : kits) {
          Cluster.get(k.system()).manager().tell(Join.create(first));
          // One at a time, so the first is the oldest.
          awaitTrue("node up", Duration.ofSeconds(60),
              () -> Cluster.get(k.system()).selfMember().status() == MemberStatus.up());
        }
        awaitTrue("all nodes up", Duration.ofSeconds(60),
            () -> kits.stream().allMatch(k -> upCount(Cluster.get(k.system())) == nodes));
        List<ClusterEngine.Handles> handles = new ArrayList<>();
        for (int i = nodes - 1; i >= 0; i--) {
          handles.add(0, node(kits.get(i).system(), config, sim, "n" + i));
        }
        ActorTestKit victimKit = kits.get(victimIndex);
        Address victim = Cluster.get(victimKit.system()).selfMember().address();
        int survivorIndex = victimIndex == 0 ? 1 : 0;
        ActorTestKit kit = kits.get(survivorIndex);
        ClusterEngine.Handles h = handles.get(survivorIndex);

        // Several nodes run agents, all of them trade.
        awaitTrue("agents on several nodes and trading", Duration.ofSeconds(120), () -> {
          AccountDesk.Agents a = desk(kit, h);
          return a.trading().size() == agents.size() && a.agents().values().stream()
              .anyMatch(r -> r.path().address().equals(victim));
        });
        Map<String, Address> placement = new HashMap<>();
        desk(kit, h).agents().forEach((id, r) -> placement.put(id, r.path().address()));
        List<String> moved = placement.entrySet().stream().filter(e -> e.getValue().equals(victim))
            .map(Map.Entry::getKey).toList();
        assertFalse(moved.isEmpty(), "some agents ran on the killed node: " + placement);
        awaitTrue("a few orders per agent", Duration.ofSeconds(60), () -> placedAtLeast(h, agents, 3));
        Map<String, Long> seqBeforeKill = new HashMap<>();
        states(h, agents).forEach((id, st) -> seqBeforeKill.put(id, st.nextOrderSeq()));

        // Kill the victim while its agents trade. Its database link goes first, so nothing it does
        // on the way down (a lease release, a journal write) reaches PostgreSQL, as when a machine
        // dies: its leases must expire before the survivor may run its account and agents.
        links.get(victimIndex).close();
        victimKit.system().terminate();
        victimKit.system().getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);

        // Its agents (and the account, if it ran there) come back on the survivors, recovered from
        // PostgreSQL, are reconciled and trade on.
        awaitTrue("every agent registered on a surviving node and trading", Duration.ofSeconds(120), () -> {
          AccountDesk.Agents a = desk(kit, h);
          return a.trading().size() == agents.size()
              && a.agents().values().stream().noneMatch(r -> r.path().address().equals(victim));
        });
        awaitTrue("moved agents trade on", Duration.ofSeconds(60), () -> {
          Map<String, AgentState> st = states(h, agents);
          return moved.stream().allMatch(id -> st.get(id).nextOrderSeq() > seqBeforeKill.get(id) + 1);
        });

        // Stop trading, let every order settle.
        for (AgentConfig a : agents) {
          StatusReply<Done> r = h.agent(a.id()).<StatusReply<Done>>ask(
              rt -> new AgentEntity.Park("test over", rt), ASK).toCompletableFuture().get(15, TimeUnit.SECONDS);
          assertTrue(r.isSuccess(), a.id() + " parked: " + r);
        }
        awaitTrue("orders settled", Duration.ofSeconds(30),
            () -> states(h, agents).values().stream().allMatch(st -> st.openOrders().isEmpty()));
        Map<String, AgentState> books = states(h, agents);
        for (String id : moved) {
          assertTrue(books.get(id).nextOrderSeq() > seqBeforeKill.get(id), id + " kept its journal");
        }

        // Positions: per symbol, the agents' books equal the account.
        BooksEqualTheAccount.positions(sim, books, summary(books));

        // Order for order, and none twice, from the whole journals in PostgreSQL (the books keep only
        // the newest closed orders): every order the sim accepted is exactly one agent order.
        Map<String, ClientOrderId> owner = new HashMap<>();
        for (AgentConfig a : agents) {
          for (AgentEvent e : JournalEvents.read(kit.system(), JournalEvents.JDBC,
              Agent.persistenceId(a.id()).id(), ASK)) {
            if (e instanceof OrderAccepted acc) {
              ClientOrderId before = owner.put(acc.orderNo().value(), acc.orderId());
              assertTrue(before == null || before.equals(acc.orderId()), acc.orderNo() + " belongs to one order");
            } else if (e instanceof InDoubtResolved r && r.orderNo().isPresent()) {
              ClientOrderId before = owner.put(r.orderNo().get().value(), r.orderId());
              assertTrue(before == null || before.equals(r.orderId()), r.orderNo() + " belongs to one order");
            }
          }
        }
        // Cash to the won: fee and tax are rounded per order on its cumulative amount, so a fill
        // inferred from the inquiry (its notice lost while the account moved) costs what the
        // exchange charged.
        long cashFlow = books.values().stream().mapToLong(AgentState::cashFlow).sum();
        assertEquals(sim.account().cash() - cashBefore, cashFlow, "cash; " + summary(books));
        List<OrderLog.Entry> accepted = sim.orderLog().entries(e -> e.outcome() == OrderLog.Outcome.ACCEPTED);
        Set<String> simOrders = new HashSet<>();
        accepted.forEach(e -> assertTrue(simOrders.add(e.odno()), "order " + e.odno() + " logged once"));
        assertEquals(simOrders, owner.keySet(), "the sim's orders are the agents' orders; " + summary(books));
        assertEquals(owner.size(), new HashSet<>(owner.values()).size(), "no agent order was sent twice");
      } finally {
        for (int i = kits.size() - 1; i >= 0; i--) {
          kits.get(i).shutdownTestKit();
        }
        for (TcpProxy link : links) {
          link.close();
        }
      }
    } finally {
      sim.close();
    }
  }

  private ClusterEngine.Handles node(ActorSystem<?> system, Config config, KisSimulator sim, String name) {
    SimCredentials sc = sim.credentials();
    KisCredentials creds = KisCredentials.of(sc.appKey(), sc.appSecret(), sc.cano() + "-" + sc.acntPrdtCd(),
        sc.htsId());
    KisConfig kc = KisConfig.forSimulator(sim.restBaseUrl(), sim.websocketUrl(), dir.resolve("tokens-" + name))
        .withTrIds(true);
    return ClusterEngine.start(system, new ClusterEngine.Setup(config, KisConnector.create(system, kc, creds),
        Clock.systemUTC(), SessionSchedule.alwaysOpen(StrategyContext.KST),
        new SessionClock(KrxCalendar.defaults(), Clock.systemUTC()), GatewaySettings.real(), Duration.ofSeconds(2),
        // A short in-doubt grace: the sim lists an order in daily-ccld as soon as it exists.
        Optional.of(new Reconciler(CostModel.KIS_2026, Duration.ofSeconds(2), Duration.ofSeconds(5),
            StrategyContext.KST))));
  }

  private static long upCount(Cluster c) {
    return java.util.stream.StreamSupport.stream(c.state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up()).count();
  }

  private static AccountDesk.Agents desk(ActorTestKit kit, ClusterEngine.Handles h) {
    TestProbe<AccountDesk.Agents> p = kit.createTestProbe();
    h.account().tell(new AccountDesk.GetAgents(p.getRef()));
    return p.receiveMessage(ASK);
  }

  private static boolean placedAtLeast(ClusterEngine.Handles h, List<AgentConfig> agents, long n) {
    Map<String, AgentState> s = states(h, agents);
    return s.size() == agents.size() && s.values().stream().allMatch(x -> x.nextOrderSeq() > n);
  }

  private static Map<String, AgentState> states(ClusterEngine.Handles h, List<AgentConfig> agents) {
    Map<String, AgentState> out = new HashMap<>();
    for (AgentConfig a : agents) {
      try {
        out.put(a.id().value(), h.agent(a.id()).<AgentState>ask(AgentEntity.GetState::new, ASK)
            .toCompletableFuture().get(15, TimeUnit.SECONDS));
      } catch (Exception e) {
        throw new IllegalStateException("state of " + a.id() + ": " + e, e);
      }
    }
    return out;
  }

  /** Polls {@code condition} (exceptions count as false) until true; fails after {@code max}. */
  private static void awaitTrue(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    Throwable last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException | AssertionError e) {
        last = e;
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError("timed out waiting for " + what + (last == null ? "" : " (last: " + last + ")"));
  }

  private static String summary(Map<String, AgentState> books) {
    StringBuilder b = new StringBuilder();
    books.forEach((id, s) -> b.append(id).append(": orders ").append(s.nextOrderSeq() - 1).append(" open ")
        .append(s.openOrders().size()).append(" pos ").append(s.positions()).append(" cash ").append(s.cashFlow())
        .append(" anomalies ").append(s.anomalyCount()).append("; "));
    return b.toString();
  }
}
