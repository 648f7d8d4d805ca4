package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import kis.actors.reconcile.ReconcileReport;
import kis.actors.reconcile.ReconcilerActor;
import kis.engine.journal.EngineConfig;
import kis.engine.journal.JournalReader;
import kis.engine.journal.LevelDbBackend;
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
 */
@ExtendWith(LogCapturingExtension.class)
class EmbeddedSimRestartTest {
  private static final Duration ASK = Duration.ofSeconds(90);

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

    // 1. Trade until the account holds shares, then stop as Ctrl-C would.
    long t0 = System.nanoTime();
    StringWriter firstOut = new StringWriter();
    RunCommand.Engine first = RunCommand.start(c, new PrintWriter(firstOut));
    KisSimulator sim1 = first.target.embedded().orElseThrow();
    lap("first run started", t0);
    try {
      assertTrue(firstOut.toString().contains("its account kept in " + data.resolve("kis-sim/state.json")
          .toAbsolutePath()), firstOut.toString());
      await("six orders accepted and shares held (engine log: " + data.resolve("log") + ")", Duration.ofSeconds(180),
          () -> sim1.orderLog().entries(e -> e.outcome() == OrderLog.Outcome.ACCEPTED).size() >= 6
              && sim1.account().holdings().values().stream().anyMatch(q -> q > 0));
      lap("first run traded", t0);
    } finally {
      first.stop();
    }
    lap("first run stopped", t0);
    Account before = Account.of(sim1.account());
    // The books are not compared here: a fill the simulator reported after the agents stopped is
    // journaled by the next run's reconciliation (a correction, not drift), from the restored account.
    assertTrue(before.holdings().values().stream().anyMatch(q -> q > 0), "the first run ends holding shares");

    // 2. The second run's simulator is the first one's account; the first reconciliation is clean.
    RunCommand.Engine second = RunCommand.start(c, new PrintWriter(new StringWriter()));
    KisSimulator sim2 = second.target.embedded().orElseThrow();
    try {
      assertEquals(before, Account.of(sim2.account()), "the restarted simulator holds what the first one held");
      lap("second run started", t0);
      ReconcileReport report = reconcile(second);
      lap("reconciled", t0);
      assertEquals(List.of(), report.drifts(), report.toString());
      assertEquals(List.of(), report.pendingDrifts(), report.toString());
      assertEquals(List.of(), report.unowned(), report.toString());
      assertEquals(List.of(), report.externalOrders(), report.toString());
      assertEquals(Optional.empty(), report.cashDrift(), report.toString());
      assertEquals(Optional.empty(), report.pendingCash(), report.toString());
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
