package kis.cluster;

import static kis.actors.live.LiveHarness.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentConfig;
import kis.journal.calendar.SessionSchedule;
import kis.actors.gateway.GatewaySettings;
import kis.actors.live.AccountDesk;
import kis.actors.live.AgentRunner;
import kis.actors.live.BooksEqualTheAccount;
import kis.actors.reconcile.Reconciler;
import kis.cluster.migrate.JournalEvents;
import kis.connector.KisConfig;
import kis.connector.assembly.KisConnector;
import kis.connector.KisCredentials;
import kis.journal.ClientOrderId;
import kis.journal.CostModel;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import kis.journal.event.AgentEvent;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.OrderAccepted;
import kis.journal.state.AgentState;
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

/**
 * A test cluster: {@code n} engine nodes (actor systems on loopback ports, the first the oldest,
 * holding the account singleton) against one kis-sim and a PostgreSQL schema of their own.
 */
final class SimCluster implements AutoCloseable {
  static final Duration ASK = Duration.ofSeconds(10);

  /**
   * What a test needs beyond a plain cluster.
   *
   * @param ownDatabaseLinks each node reaches PostgreSQL through a link of its own, which
   *     {@link #kill} cuts first: nothing a dying node does on the way down (a lease release, a
   *     journal write) reaches the database, as when a machine dies
   * @param youngestEngineFirst the engines start youngest node first, the oldest (sharding's
   *     coordinator) last, so the first agents are placed over every node rather than all on the oldest
   * @param pins agent id to the index of the node it must run on ({@link PinnedAllocation}); empty:
   *     Pekko's default allocation
   */
  record Options(boolean ownDatabaseLinks, boolean youngestEngineFirst, Map<String, Integer> pins) {
    static final Options PLAIN = new Options(false, false, Map.of());
    /** The node failover proofs: nodes die like machines and agents run on every node. */
    static final Options FAILOVER = new Options(true, true, Map.of());

    /** These options with {@code pins} (agent id to node index) placing the agents. */
    Options pinned(Map<String, Integer> pins) {
      return new Options(ownDatabaseLinks, youngestEngineFirst, Map.copyOf(pins));
    }
  }

  static final String COMMON = """
      kis-trader.agent {
        snapshot-every = 50, snapshots-kept = 2
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
      # Where the profile takes PostgreSQL leases (split brain, singleton, shards): a dead node's
      # expire 6 s after its last renewal.
      kis-trader.cluster.lease {
        heartbeat-timeout = 6s, heartbeat-interval = 500ms, lease-operation-timeout = 2s, safety-margin = 2s
      }
      # A kill, not a leave: terminating a system skips coordinated shutdown's cluster exit.
      pekko.coordinated-shutdown.run-by-actor-system-terminate = off
      """;

  final KisSimulator sim;
  /** The simulator's cash before any node traded. */
  final long cashAtStart;
  final TestDatabase db;
  final Config config;
  final List<AgentConfig> agents;
  final List<ActorTestKit> kits = new ArrayList<>();
  final List<ClusterEngine.Handles> handles = new ArrayList<>();
  private final List<TcpCut> links = new ArrayList<>();
  private final Path dir;
  /** The engines' clock (every node's). */
  private final Clock clock;

  private SimCluster(KisSimulator sim, TestDatabase db, Config config, Path dir, Clock clock) {
    this.clock = clock;
    this.sim = sim;
    this.cashAtStart = sim.account().cash();
    this.db = db;
    this.config = config;
    this.agents = AgentConfig.listFrom(config);
    this.dir = dir;
  }

  /** {@code nodes} joined nodes running the agents of {@code agentsHocon}. */
  static SimCluster start(int nodes, String agentsHocon, Path dir) throws Exception {
    return start(nodes, agentsHocon, dir, Options.PLAIN);
  }

  /**
   * {@code nodes} joined nodes running the agents of {@code agentsHocon} (which may also override
   * {@link #COMMON}'s settings).
   */
  static SimCluster start(int nodes, String agentsHocon, Path dir, Options options) throws Exception {
    return start(nodes, agentsHocon, dir, options, "kis-sim { tick-interval = 100ms, rate-limit-per-second = -1,"
        + " session-mode = ALWAYS_OPEN, token-reissue-interval = 0s }", sim -> Clock.systemUTC());
  }

  /**
   * As {@link #start(int, String, Path, Options)}, with the simulator's settings ({@code kis-sim {
   * ... }}) and the engines' clock, made from the started simulator (a clock pinned to the
   * simulator's market clock starts running with it).
   */
  static SimCluster start(int nodes, String agentsHocon, Path dir, Options options, String simSettings,
      java.util.function.Function<KisSimulator, Clock> clockOf) throws Exception {
    KisSimulator sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(simSettings)));
    Clock clock = clockOf.apply(sim);
    TestDatabase db;
    try {
      db = TestDatabase.create();
    } catch (RuntimeException | Error e) {
      sim.close();
      throw e;
    }
    Config settings = ConfigFactory.parseString(agentsHocon).withFallback(ConfigFactory.parseString(COMMON));
    Config config = ClusterProfile.over(settings.withFallback(db.config()));
    SimCluster c = new SimCluster(sim, db, config, dir, clock);
    try {
      for (int i = 0; i < nodes; i++) {
        Config nodeConfig = config;
        if (options.ownDatabaseLinks()) {
          TcpCut link = TcpCut.to(db.url);
          c.links.add(link);
          nodeConfig = ClusterProfile.over(settings.withFallback(db.config().withValue("kis-trader.cluster.db.url",
              ConfigValueFactory.fromAnyRef(link.via(db.url)))));
        }
        c.kits.add(ActorTestKit.create("kis-trader", nodeConfig));
      }
      Address first = Cluster.get(c.kits.get(0).system()).selfMember().address();
      for (ActorTestKit k : c.kits) {
        Cluster.get(k.system()).manager().tell(Join.create(first));
        // One at a time, so the first is the oldest.
        awaitTrue("node up", Duration.ofSeconds(60),
            () -> Cluster.get(k.system()).selfMember().status() == MemberStatus.up());
      }
      awaitTrue("all nodes up", Duration.ofSeconds(60),
          () -> c.kits.stream().allMatch(k -> upCount(Cluster.get(k.system())) == nodes));
      Map<String, Address> pins = new HashMap<>();
      options.pins().forEach((agent, node) -> pins.put(agent, c.address(node)));
      if (options.youngestEngineFirst()) {
        for (int i = nodes - 1; i >= 0; i--) {
          c.handles.add(0, c.node(c.kits.get(i).system(), "n" + i, pins));
        }
      } else {
        for (int i = 0; i < nodes; i++) {
          c.handles.add(c.node(c.kits.get(i).system(), "n" + i, pins));
        }
      }
      return c;
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
  }

  private ClusterEngine.Handles node(ActorSystem<?> system, String name, Map<String, Address> pins) {
    SimCredentials sc = sim.credentials();
    KisCredentials creds = KisCredentials.of(sc.appKey(), sc.appSecret(), sc.cano() + "-" + sc.acntPrdtCd(),
        sc.htsId());
    KisConfig kc = KisConfig.forSimulator(sim.restBaseUrl(), sim.websocketUrl(), dir.resolve("tokens-" + name))
        .withTrIds(true);
    ClusterEngine.Setup setup = new ClusterEngine.Setup(config, KisConnector.create(system, kc, creds),
        clock, SessionSchedule.alwaysOpen(StrategyContext.KST),
        new SessionClock(KrxCalendar.defaults(), clock), GatewaySettings.real(), Duration.ofSeconds(2),
        Optional.of(new Reconciler(CostModel.KIS_2026, Duration.ofSeconds(2), Duration.ofSeconds(5),
            StrategyContext.KST)));
    if (!pins.isEmpty()) {
      setup = setup.withAllocation(new PinnedAllocation(pins,
          system.settings().config().getInt("pekko.cluster.sharding.number-of-shards")));
    }
    return ClusterEngine.start(system, setup);
  }

  Address address(int node) {
    return Cluster.get(kits.get(node).system()).selfMember().address();
  }

  /** Kills node {@code i} (no leave; its database link cut first, if it has one); the split brain resolver downs it. */
  void kill(int i) throws Exception {
    if (!links.isEmpty()) {
      links.get(i).close();
    }
    kits.get(i).system().terminate();
    kits.get(i).system().getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** The account's status, asked from node {@code via}. */
  AccountDesk.DeskStatus status(int via) {
    TestProbe<AccountDesk.DeskStatus> p = kits.get(via).createTestProbe();
    handles.get(via).account().tell(new AccountDesk.GetStatus(p.getRef()));
    return p.receiveMessage(ASK);
  }

  /** Every agent's books, asked through node {@code via}. */
  Map<String, AgentState> states(int via) {
    Map<String, AgentState> out = new HashMap<>();
    for (AgentConfig a : agents) {
      try {
        out.put(a.id().value(), handles.get(via).agent(a.id()).<AgentState>ask(AgentRunner.GetState::new, ASK)
            .toCompletableFuture().get(15, TimeUnit.SECONDS));
      } catch (Exception e) {
        throw new IllegalStateException("state of " + a.id() + ": " + e, e);
      }
    }
    return out;
  }

  /** The agents the account has registered, and which may trade, asked through node {@code via}. */
  AccountDesk.Agents desk(int via) {
    TestProbe<AccountDesk.Agents> p = kits.get(via).createTestProbe();
    handles.get(via).account().tell(new AccountDesk.GetAgents(p.getRef()));
    return p.receiveMessage(ASK);
  }

  /** Every agent has placed more than {@code n} orders (asked through node {@code via}). */
  boolean placedAtLeast(int via, long n) {
    Map<String, AgentState> s = states(via);
    return s.size() == agents.size() && s.values().stream().allMatch(x -> x.nextOrderSeq() > n);
  }

  /** Cuts every node's database link at once: PostgreSQL is gone, as the nodes see it (needs own links). */
  void cutDatabase() {
    requireLinks();
    links.forEach(TcpCut::cut);
  }

  /**
   * Stalls every node's database link at once: connections stay open and silent, as on a route to
   * PostgreSQL that vanished (needs own links).
   */
  void stallDatabase() {
    requireLinks();
    links.forEach(TcpCut::stall);
  }

  /** Ends {@link #cutDatabase} or {@link #stallDatabase}: PostgreSQL takes connections again. */
  void restoreDatabase() {
    requireLinks();
    links.forEach(TcpCut::restore);
  }

  private void requireLinks() {
    if (links.isEmpty()) {
      throw new IllegalStateException("the nodes share no database links of their own (Options.ownDatabaseLinks)");
    }
  }

  /** Parks every agent (through node {@code via}) and waits until no order is open; their books then. */
  Map<String, AgentState> parkAndSettle(int via) throws Exception {
    for (AgentConfig a : agents) {
      StatusReply<Done> r = handles.get(via).agent(a.id()).<StatusReply<Done>>ask(
          rt -> new AgentRunner.Park("test over", rt), ASK).toCompletableFuture().get(15, TimeUnit.SECONDS);
      assertTrue(r.isSuccess(), a.id() + " parked: " + r);
    }
    awaitTrue("orders settled", Duration.ofSeconds(30),
        () -> states(via).values().stream().allMatch(st -> st.openOrders().isEmpty()));
    return states(via);
  }

  /**
   * The end-of-test proof: per symbol the agents' {@code books} equal the account; cash to the
   * won; and, from the whole journals in PostgreSQL (the books keep only the newest closed orders),
   * every order the sim accepted is exactly one agent order and no agent order was sent twice.
   */
  void assertBooksEqualTheAccount(int via, Map<String, AgentState> books) throws Exception {
    String summary = summary(books);
    BooksEqualTheAccount.positions(sim, books, summary);
    Map<String, ClientOrderId> owner = new HashMap<>();
    for (AgentConfig a : agents) {
      for (AgentEvent e : JournalEvents.read(kits.get(via).system(), JournalEvents.JDBC,
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
    assertEquals(sim.account().cash() - cashAtStart, cashFlow, "cash; " + summary);
    Set<String> simOrders = new HashSet<>();
    sim.orderLog().entries(e -> e.outcome() == OrderLog.Outcome.ACCEPTED)
        .forEach(e -> assertTrue(simOrders.add(e.odno()), "order " + e.odno() + " logged once"));
    assertEquals(simOrders, owner.keySet(), "the sim's orders are the agents' orders; " + summary);
    assertEquals(owner.size(), new HashSet<>(owner.values()).size(), "no agent order was sent twice");
  }

  static String summary(Map<String, AgentState> books) {
    StringBuilder b = new StringBuilder();
    books.forEach((id, s) -> b.append(id).append(": orders ").append(s.nextOrderSeq() - 1).append(" open ")
        .append(s.openOrders().size()).append(" pos ").append(s.positions()).append(" cash ").append(s.cashFlow())
        .append(" anomalies ").append(s.anomalyCount()).append("; "));
    return b.toString();
  }

  /** New orders the exchange accepted so far (revises and cancels not counted). */
  long accepted() {
    return sim.orderLog().entries(e -> e.outcome() == OrderLog.Outcome.ACCEPTED && !e.trId().endsWith("0013U")
        && !e.trId().endsWith("0803U")).size();
  }

  private static long upCount(Cluster c) {
    return java.util.stream.StreamSupport.stream(c.state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up()).count();
  }

  @Override
  public void close() throws Exception {
    try {
      for (int i = kits.size() - 1; i >= 0; i--) {
        kits.get(i).shutdownTestKit();
      }
      for (TcpCut link : links) {
        link.close();
      }
    } finally {
      try {
        sim.close();
      } finally {
        db.close();
      }
    }
  }
}
