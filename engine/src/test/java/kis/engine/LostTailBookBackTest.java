package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import kis.actors.agent.Agent;
import kis.actors.live.BooksEqualTheAccount;
import kis.actors.reconcile.ReconcileReport;
import kis.actors.reconcile.ReconcilerActor;
import kis.actors.reconcile.UnownedOrders;
import kis.engine.journal.EngineConfig;
import kis.engine.journal.JournalFixture;
import kis.engine.journal.JournalReader;
import kis.engine.journal.LevelDbBackend;
import kis.engine.journal.RepairProofs;
import kis.journal.AgentId;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderRequested;
import kis.journal.state.AgentState;
import kis.sim.KisSimulator;
import kis.sim.OrderLog;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's done-when, end to end on kis-sim: an agent trades until it has fills, the engine
 * stops, the newest {@code .log} of its journal loses its second half; {@code journal verify}
 * reports the lost tail, {@code journal repair} keeps the proven prefix and records the proof; the
 * restarted engine keeps the agent PARKED, the reconciler reports the orders no agent owns on its
 * symbol, and the operator's book-back journals them with the repair's proof. Then the agent's books
 * equal the account: position per symbol, and fills order for order.
 */
@ExtendWith(LogCapturingExtension.class)
class LostTailBookBackTest {
  private static final Duration ASK = Duration.ofSeconds(15);
  private static final String SYMBOL = "005930";

  @TempDir Path dir;

  @Test
  void afterRepairTheOperatorsBookBackCarriesTheProofAndTheBooksEqualTheAccount() throws Exception {
    try (KisSimulator sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 100ms, rate-limit-per-second = -1, session-mode = ALWAYS_OPEN, seed = 15,"
            + " token-reissue-interval = 0s }")))) {
      Path data = dir.resolve("data");
      Path conf = Files.writeString(dir.resolve("engine.conf"), String.join("\n",
          "kis-trader.agents = [ { id = tail, symbol = \"" + SYMBOL + "\", strategy { name = kis.actors.live.DemoRoundTrip,",
          "    params { symbol = \"" + SYMBOL + "\", quantity = 1, hold-trades = 1 } } } ]",
          "kis-trader.reconcile-every = 1s",
          // The sim issues tokens at any pace: a token call timed out under load is retried at once.
          "kis.token.min-issue-interval = 1s",
          "kis.dashboard.port = 0",
          "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off",
          "pekko.stdout-loglevel = OFF"));
      Config c = EngineConfig.load(Optional.of(conf), Optional.of(data));
      RunCommand.Target target = new RunCommand.Target(sim.restBaseUrl(), sim.websocketUrl(), null, env(sim));

      // 1. Trade until at least eight orders are accepted and filled, then stop as Ctrl-C would.
      RunCommand.Engine first = RunCommand.start(c, new PrintWriter(new StringWriter()), target);
      try {
        await("eight orders accepted by kis-sim", Duration.ofSeconds(60),
            () -> sim.orderLog().entries(e -> e.outcome() == OrderLog.Outcome.ACCEPTED).size() >= 8);
        // Its round trips repeat one order, denied as a duplicate (journaled) at every print for the
        // 3 s window; prints come 10 a second, not 20, so those denials leave room in the books'
        // window of 200 closed orders that the order-for-order check below reads.
        // Paused before the stop: the agent trades at every print (10 a second), and a shutdown slowed
        // by a loaded host would let it place past the books' window of closed orders that the
        // order-for-order comparison below reads.
        assertTrue(new kis.actors.handle.LocalEngineHandle(first.system, first.handles, java.time.Clock.systemUTC())
            .pause(new AgentId("tail"), true, "test").toCompletableFuture().get(30, TimeUnit.SECONDS).done());
      } finally {
        first.stop();
      }
      List<Path> logs = JournalFixture.files(data.resolve("journal"), ".log");
      Path log = logs.get(logs.size() - 1);
      try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
        f.setLength(f.length() / 2);
      }

      // 2. verify finds the lost tail; repair keeps the proven prefix and records the proof, owner-only.
      JournalDamageTest.Run verify = JournalDamageTest.cli("journal", "verify", "--dir", data.toString());
      assertEquals(1, verify.exitCode(), verify.out() + verify.err());
      assertTrue(verify.out().contains("FAIL tail: DAMAGED"), verify.out());
      assertTrue(verify.out().contains("lost tail: the mark says #"), verify.out());
      JournalDamageTest.Run repair = JournalDamageTest.cli("journal", "repair", "--dir", data.toString(),
          "--agent", "tail");
      assertEquals(0, repair.exitCode(), repair.out() + repair.err());
      assertTrue(repair.out().contains("REPAIRED Agent|tail: kept #1.."), repair.out());
      assertTrue(repair.out().contains("PROOF journal repair at "), repair.out());
      Path proofs = RepairProofs.fileFor(data.resolve("journal"));
      assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
          Files.getPosixFilePermissions(proofs));

      // 3. The restarted engine: the agent is parked, the account shows orders no agent owns on its symbol.
      RunCommand.Engine second = RunCommand.start(c, new PrintWriter(new StringWriter()), target);
      try {
        var agent = awaitAgent(second);
        assertTrue(state(second, agent).parked(), "a repaired agent comes up parked");
        ReconcileReport before = reconcile(second);
        List<UnownedOrders> unowned = before.unowned().stream()
            .filter(u -> u.symbol().code().equals(SYMBOL)).toList();
        assertEquals(1, unowned.size(), "the lost orders are reported: " + before);
        assertEquals(List.of("tail"), unowned.get(0).agents());
        assertFalse(unowned.get(0).orders().isEmpty());

        // 4. The operator's book-back, through the reconciler as the dashboard's POST sends it.
        StatusReply<String> booked = AskPattern.<ReconcilerActor.Command, StatusReply<String>>ask(
            second.handles.reconciler(), r -> new ReconcilerActor.BookBackOrders(new AgentId("tail"), "operator-15",
                Optional.empty(), r), ASK, second.system.scheduler()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(booked.isSuccess() && booked.getValue().startsWith("booked "), String.valueOf(booked));
        ReconcileReport after = reconcile(second);
        assertTrue(after.unowned().stream().noneMatch(u -> u.symbol().code().equals(SYMBOL)), after.toString());
        assertTrue(state(second, agent).parked(), "a book-back does not resume the agent");
      } finally {
        second.stop();
      }

      // 5. The journal holds the evidence with the proof; the books equal the account.
      List<AgentEvent> events;
      try (JournalReader reader = JournalReader.open(data, LevelDbBackend.configure(c))) {
        events = reader.events("Agent|tail").stream().map(JournalReader.Entry::event).toList();
      }
      List<String> reasons = events.stream().filter(e -> e instanceof OrderRequested)
          .map(e -> ((OrderRequested) e).reason()).filter(r -> r.startsWith("booked back from the account")).toList();
      assertFalse(reasons.isEmpty(), "orders were booked back");
      for (String r : reasons) {
        assertTrue(r.contains("asked by operator-15"), r);
        assertTrue(r.contains("lost-tail proof: journal repair at "), r);
        assertTrue(r.contains("its high-water mark says #"), r);
      }
      AgentState books = AgentState.fold("tail", events);
      Map<String, AgentState> all = Map.of("tail", books);
      String summary = books.positions() + " orders " + (books.nextOrderSeq() - 1) + " open " + books.openOrders()
          + " closed by outcome " + books.closedOrders().stream().collect(java.util.stream.Collectors.groupingBy(
              o -> o.status() + " " + o.lastMessage(), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
      assertTrue(books.openOrders().isEmpty(), summary);
      BooksEqualTheAccount.positions(sim, all, summary);
      BooksEqualTheAccount.orderForOrder(sim, all, Set.of(OrderLog.Outcome.ACCEPTED), "accepted", summary);
    }
  }

  private static Map<String, String> env(KisSimulator sim) {
    SimCredentials c = sim.credentials();
    return Map.of("KIS_APP_KEY", c.appKey(), "KIS_APP_SECRET", c.appSecret(),
        "KIS_ACCOUNT", c.cano() + "-" + c.acntPrdtCd(), "KIS_HTS_ID", c.htsId());
  }

  private static org.apache.pekko.actor.typed.ActorRef<Agent.Command> awaitAgent(RunCommand.Engine engine)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<kis.actors.live.AgentRunner.Refs> a = kis.actors.live.LocalAgents.refs(engine.system,
          engine.handles.runners(), engine.handles.agents().get(0).id(), ASK).toCompletableFuture().get()
          .filter(r -> r.agent().isPresent());
      if (a.isPresent()) {
        return a.get().agent().get();
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // poll pacing
    }
    throw new AssertionError("the repaired agent was not started");
  }

  private static AgentState state(RunCommand.Engine engine, org.apache.pekko.actor.typed.ActorRef<Agent.Command> a)
      throws Exception {
    return AskPattern.<Agent.Command, AgentState>ask(a, Agent.GetState::new, ASK, engine.system.scheduler())
        .toCompletableFuture().get();
  }

  private static ReconcileReport reconcile(RunCommand.Engine engine) throws Exception {
    StatusReply<ReconcileReport> r = AskPattern.<ReconcilerActor.Command, StatusReply<ReconcileReport>>ask(
        engine.handles.reconciler(), ReconcilerActor.JoinRun::new, ASK, engine.system.scheduler())
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertTrue(r.isSuccess(), String.valueOf(r));
    return r.getValue();
  }

  private static void await(String what, Duration within, BooleanSupplier done) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " within " + within);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // poll pacing
    }
  }
}
