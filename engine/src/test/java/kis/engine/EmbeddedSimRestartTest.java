package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.BooleanSupplier;
import kis.actors.agent.AgentConfig;
import kis.actors.handle.ControlOutcome;
import kis.actors.handle.EngineHandle;
import kis.actors.handle.LocalEngineHandle;
import kis.actors.reconcile.ReconcileReport;
import kis.actors.reconcile.ReconcilerActor;
import kis.engine.journal.EngineConfig;
import kis.engine.journal.JournalReader;
import kis.engine.journal.LevelDbBackend;
import kis.journal.AgentId;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.state.AgentState;
import kis.sim.AccountView;
import kis.sim.KisSimulator;
import kis.sim.OrderLog;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's demo that behaves like the market: {@code run} on the embedded kis-sim, stopped and
 * run again on the same data dir, meets the account its agents' journals describe. The restarted
 * simulator holds what the first one held, the first reconciliation finds nothing to flag (the
 * reconciler's comparison of books and account), and the restarted agents sell what they hold.
 * The first run stops at rest holding shares ({@link #settleHoldingShares}), so the second always
 * has shares to sell and nothing fills while the engine stops.
 */
@ExtendWith(LogCapturingExtension.class)
class EmbeddedSimRestartTest {
  private static final Duration ASK = Duration.ofSeconds(90);
  /** Times the first run is brought to rest; each finds it flat with well under even odds. */
  private static final int SETTLE_ATTEMPTS = 10;
  private static final String BY = "EmbeddedSimRestartTest";

  @TempDir Path dir;

  @Test
  void runTwiceOnOneDataDirMeetsTheSameAccountAndReconcilesClean() throws Exception {
    Path data = dir.resolve("data");
    Path conf = Files.writeString(dir.resolve("engine.conf"), String.join("\n",
        "kis-trader.agents = [",
        "  { id = keep-a, symbol = \"005930\", strategy { name = kis.actors.live.DemoRoundTrip,",
        "      params { symbol = \"005930\", quantity = 3, hold-trades = 2 } } }",
        "  { id = keep-b, symbol = \"000660\", strategy { name = kis.actors.live.DemoRoundTrip,",
        "      params { symbol = \"000660\", quantity = 1, hold-trades = 2 } } }",
        "]",
        "kis-trader.reconcile-every = 1s",
        "kis-trader.status-log-every = 1h",
        "kis-sim { tick-interval = 50ms, rate-limit-per-second = -1, token-reissue-interval = 0s, price-model = tick-walk }",
        "kis.dashboard.port = 0",
        "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off",
        "pekko.stdout-loglevel = OFF"));
    Config c = EngineConfig.load(Optional.of(conf), Optional.of(data));

    // 1. Trade, bring the account to rest holding shares, then stop as Ctrl-C would.
    long t0 = System.nanoTime();
    StringWriter firstOut = new StringWriter();
    RunCommand.Engine first = RunCommand.start(c, new PrintWriter(firstOut));
    KisSimulator sim1 = first.target.embedded().orElseThrow();
    lap("first run started", t0);
    Account settled;
    try {
      assertTrue(firstOut.toString().contains("its account kept in " + data.resolve("kis-sim/state.json")
          .toAbsolutePath()), firstOut.toString());
      await("six orders accepted (engine log: " + data.resolve("log") + ")", Duration.ofSeconds(180),
          () -> sim1.orderLog().entries(e -> e.outcome() == OrderLog.Outcome.ACCEPTED).size() >= 6);
      lap("first run traded", t0);
      try (LocalEngineHandle handle = new LocalEngineHandle(first.system, first.handles, Clock.systemUTC())) {
        List<AgentId> agents = first.handles.agents().stream().map(AgentConfig::id).toList();
        settled = settleHoldingShares(handle, agents, sim1, t0);
      }
    } finally {
      first.stop();
    }
    lap("first run stopped", t0);
    Account before = Account.of(sim1.account());
    // Nothing was open when the engine stopped, so nothing could fill while it stopped.
    assertEquals(settled, before, "the account did not move while the first run stopped");
    assertTrue(before.holdings().values().stream().anyMatch(q -> q > 0), "the first run ends holding shares");

    // 2. The second run's simulator is the first one's account; the first reconciliation is clean.
    RunCommand.Engine second = RunCommand.start(c, new PrintWriter(new StringWriter()));
    KisSimulator sim2 = second.target.embedded().orElseThrow();
    try {
      assertEquals(before, Account.of(sim2.account()), "the restarted simulator holds what the first one held");
      lap("second run started", t0);
      // The restarted agents may already be selling when the test joins a run (run returns once
      // the first connection has settled, so a while after they were let trade): a sell still
      // awaiting its reply is not yet in its agent's books and is reported as pending, not flagged.
      ReconcileReport report = reconcile(second);
      lap("reconciled", t0);
      assertNothingFlagged(report);
      ReconcileReport settledReport = report;
      long cleanBy = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (!clean(settledReport)) {
        assertTrue(System.nanoTime() < cleanBy, "no reconciliation without orders in flight: " + settledReport);
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        settledReport = reconcile(second);
        assertNothingFlagged(settledReport);
      }
      int ordersBefore = before.orders().size();
      await("a restarted agent sells the shares its journal holds, and the sell fills", Duration.ofSeconds(180),
          () -> sim2.account().orders().stream().skip(ordersBefore)
              .anyMatch(o -> o.side() == Side.SELL && o.filledQty() > 0));
      assertTrue(sim2.orderLog().entries(e -> e.outcome() != OrderLog.Outcome.ACCEPTED).isEmpty(),
          "nothing refused: " + sim2.orderLog().entries(e -> e.outcome() != OrderLog.Outcome.ACCEPTED));
      lap("restarted agent sold", t0);
    } finally {
      second.stop();
    }
    lap("second run stopped", t0);
    // Positions are compared by the reconciliations above (an order filled after the agents stopped
    // is the next run's correction, so a comparison at the stop would be wrong); the journals fold clean.
    Map<String, AgentState> afterSecond = books(c, data);
    for (AgentState s : afterSecond.values()) {
      assertEquals(List.of(), s.invariantViolations(), summary(afterSecond));
      assertEquals(0, s.anomalyCount(), summary(afterSecond));
    }
  }

  /**
   * Brings the first run to rest holding shares, through the engine's own controls: each attempt
   * waits until the account holds shares with no order open, host-pauses every agent (placements
   * dropped; not journaled, so the next run trades), cancels what still works, and waits until
   * neither the simulator nor any agent's books has an open order and the books hold what the
   * account holds. A sell placed just before the pause may have emptied the account by then: the
   * agents are unpaused and the next attempt waits for shares again. Without this a sell working
   * at the stop filled while the engine stopped (KIS would fill it too), and the run ended flat.
   *
   * @return the account at rest
   */
  private Account settleHoldingShares(EngineHandle handle, List<AgentId> agents, KisSimulator sim, long t0) {
    for (int attempt = 1; ; attempt++) {
      // Paused right after a buy fills, the buyer is inside its hold (hold-trades prints) and keeps its shares.
      await("the account holds shares with no order open", Duration.ofSeconds(120),
          () -> holdsShares(sim) && openAtSim(sim).isEmpty());
      await("every agent paused", Duration.ofSeconds(60), () -> control(agents, id -> handle.pause(id, true, BY)));
      await("no order open at the simulator or in the books, and the books hold what the account holds",
          Duration.ofSeconds(120), () -> control(agents, id -> handle.cancelWorking(id, BY))
              && openAtSim(sim).isEmpty() && booksAtRest(handle, agents, sim));
      Account rest = Account.of(sim.account());
      if (holdsShares(sim)) {
        lap("first run at rest holding " + rest.holdings() + " after " + attempt + " attempt(s)", t0);
        return rest;
      }
      if (attempt == SETTLE_ATTEMPTS) {
        throw new AssertionError("the account was flat each of the " + attempt + " times the agents came to rest\n"
            + engineLog());
      }
      await("every agent unpaused", Duration.ofSeconds(60), () -> control(agents, id -> handle.pause(id, false, BY)));
    }
  }

  private static boolean holdsShares(KisSimulator sim) {
    return sim.account().holdings().values().stream().anyMatch(q -> q > 0);
  }

  private static List<AccountView.OrderView> openAtSim(KisSimulator sim) {
    return sim.account().orders().stream().filter(o -> o.remainingQty() > 0).toList();
  }

  /**
   * Whether the control was done for every agent; an ask that timed out on a loaded machine is
   * not an answer, so the caller asks again (pause and cancel-working are idempotent).
   */
  private static boolean control(List<AgentId> agents, Function<AgentId, CompletionStage<ControlOutcome>> control) {
    for (AgentId id : agents) {
      ControlOutcome outcome;
      try {
        outcome = control.apply(id).toCompletableFuture().get(90, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      assertTrue(outcome.done(), id + ": " + outcome.message());
    }
    return true;
  }

  /**
   * No agent's books hold an open order (requested, in doubt, working, being cancelled), and
   * together they hold the account's shares.
   */
  private static boolean booksAtRest(EngineHandle handle, List<AgentId> agents, KisSimulator sim) {
    Map<Symbol, Long> held = new TreeMap<>();
    for (AgentId id : agents) {
      AgentState books;
      try {
        books = handle.books(id).toCompletableFuture().get(90, TimeUnit.SECONDS).orElseThrow().books();
      } catch (ExecutionException | TimeoutException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      if (!books.openOrders().isEmpty()) {
        return false;
      }
      books.positions().values().stream().filter(p -> p.quantity() != 0)
          .forEach(p -> held.merge(p.symbol(), p.quantity(), Long::sum));
    }
    return held.equals(sim.account().holdings());
  }

  /** What a restart must carry over, read from a simulator's account. */
  private record Account(long cash, Map<Symbol, Long> holdings, List<AccountView.OrderView> orders,
      List<AccountView.FillView> fills) {
    static Account of(AccountView a) {
      return new Account(a.cash(), new TreeMap<>(a.holdings()), a.orders(), a.fills());
    }
  }

  private static Map<String, AgentState> books(Config c, Path data) throws Exception {
    Map<String, AgentState> out = new TreeMap<>();
    try (JournalReader reader = JournalReader.open(data, LevelDbBackend.configure(c))) {
      for (String id : reader.agentIds()) {
        List<AgentEvent> events = reader.events("Agent|" + id).stream().map(JournalReader.Entry::event).toList();
        out.put(id, AgentState.fold(id, events));
      }
    }
    return out;
  }

  private static String summary(Map<String, AgentState> books) {
    StringBuilder sb = new StringBuilder();
    books.forEach((id, s) -> sb.append(id).append(' ').append(s.positions()).append(" open ")
        .append(s.openOrders().keySet()).append("; "));
    return sb.toString();
  }

  /**
   * The first reconciliation that could ask the account. On a loaded machine a run can fail with
   * nothing asked (no access token yet: "not sent"); that says nothing about the books, so the
   * next run is joined, within a bound.
   */
  /**
   * Books and account agree: no drift, no order without an owner, no cash drift; what is pending
   * is only the agents' own orders awaiting their replies (each external order is one of them).
   */
  private static void assertNothingFlagged(ReconcileReport report) {
    assertEquals(List.of(), report.drifts(), report.toString());
    assertEquals(List.of(), report.unowned(), report.toString());
    assertEquals(Optional.empty(), report.cashDrift(), report.toString());
    assertEquals(Optional.empty(), report.pendingCash(), report.toString());
    for (var o : report.externalOrders()) {
      assertTrue(report.notes().stream().anyMatch(n -> n.startsWith(o.orderNo() + " ") && n.contains("awaits its reply")),
          "external order " + o.orderNo() + " is an agent's order awaiting its reply: " + report);
    }
    for (var d : report.pendingDrifts()) {
      assertTrue(report.externalOrders().stream().anyMatch(o -> o.symbol().equals(d.symbol())),
          "pending drift on " + d.symbol() + " is explained by an order awaiting its reply: " + report);
    }
  }

  /** Nothing pending either: every order the account shows is in its agent's books. */
  private static boolean clean(ReconcileReport r) {
    return r.drifts().isEmpty() && r.pendingDrifts().isEmpty() && r.unowned().isEmpty()
        && r.externalOrders().isEmpty() && r.cashDrift().isEmpty() && r.pendingCash().isEmpty();
  }

  private static ReconcileReport reconcile(RunCommand.Engine engine) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (true) {
      StatusReply<ReconcileReport> r = AskPattern.<ReconcilerActor.Command, StatusReply<ReconcileReport>>ask(
          engine.handles.reconciler(), ReconcilerActor.JoinRun::new, ASK, engine.system.scheduler())
          .toCompletableFuture().get(90, TimeUnit.SECONDS);
      if (r.isSuccess()) {
        return r.getValue();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no reconciliation succeeded: " + r);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos()); // retry pacing
    }
  }

  /** The engine's log file (the test's data dir is gone after it). */
  private String engineLog() {
    try {
      return String.join("\n", Files.readAllLines(dir.resolve("data/log/kis-trader.log")));
    } catch (java.io.IOException e) {
      return "(no engine log: " + e + ")";
    }
  }

  private static void lap(String what, long t0) {
    System.out.println("EmbeddedSimRestartTest: " + what + " at " + Duration.ofNanos(System.nanoTime() - t0).toMillis()
        + " ms");
  }

  private void await(String what, Duration within, BooleanSupplier done) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " within " + within + "\n" + engineLog());
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // poll pacing
    }
  }
}
