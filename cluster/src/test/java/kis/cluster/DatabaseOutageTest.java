package kis.cluster;

import static kis.actors.live.LiveHarness.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import kis.actors.agent.Agent;
import kis.actors.live.AccountDesk;
import kis.cluster.lease.PostgresLease;
import kis.sim.OrderLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL outage under two engine nodes trading on kis-sim: every node reaches the database
 * (journal, snapshots, remembered entities, leases) through a {@link TcpCut} of its own, and the
 * test breaks them all at once.
 *
 * <p>Longer than the lease expiry, connections dropped or left open and silent (a lost route):
 * each node counts its leases lost before they can expire and stops the account and its agents;
 * while the database is gone nothing reaches kis-sim and at most one account instance ever runs;
 * once it is back the account and every agent run again by themselves, within a bounded time, and
 * trade; books equal the account, no order twice. Shorter than that: the leases hold, the agents'
 * failed journal writes are retried (restart with backoff) and trading goes on, nothing lost.
 */
class DatabaseOutageTest {
  @TempDir Path dir;

  /** Leases here expire 10 s after the last renewal; a holder counts one lost after 7 s without. */
  static final Duration LOST_AFTER = Duration.ofSeconds(7);
  static final Duration EXPIRY = Duration.ofSeconds(10);

  static final String AGENTS = """
      kis-trader.agents = [
        { id = pg-a, symbol = "005930", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "005930", quantity = 3, hold-trades = 2 } } }
        { id = pg-b, symbol = "000660", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "000660", quantity = 1, hold-trades = 3 } } }
        { id = pg-c, symbol = "035720", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "035720", quantity = 7, hold-trades = 2 } } }
      ]
      kis-trader.agent.snapshot-every = 20
      kis-trader.cluster.lease {
        heartbeat-timeout = 10s, heartbeat-interval = 500ms, lease-operation-timeout = 2s, safety-margin = 3s
      }
      """;

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Map<Logger, Level> levels = new HashMap<>();

  @BeforeEach
  void captureLeaseAndAccountLog() {
    log.start();
    // The account's start and stop lines, lease losses, and the agents' failed journal writes.
    for (Class<?> c : List.of(AccountDesk.class, PostgresLease.class, Agent.class)) {
      Logger l = (Logger) LoggerFactory.getLogger(c);
      levels.put(l, l.getLevel());
      l.setLevel(Level.INFO);
      l.addAppender(log);
    }
  }

  @AfterEach
  void restoreLog() {
    levels.forEach((l, level) -> {
      l.detachAppender(log);
      l.setLevel(level);
    });
  }

  @Test
  void anOutageLongerThanTheLeaseExpiryStopsEveryNodeFromActingAndEverythingComesBackByItselfWithBooksEqualToTheAccount()
      throws Exception {
    longOutage(SimCluster::cutDatabase);
  }

  @Test
  void aLostRouteLongerThanTheLeaseExpiryConnectionsOpenButSilentIsSurvivedTheSameWay() throws Exception {
    // Writes and renewals hang rather than fail; the driver's and the lease's timeouts end them.
    longOutage(SimCluster::stallDatabase);
  }

  private void longOutage(Consumer<SimCluster> outage) throws Exception {
    try (SimCluster c = SimCluster.start(2, AGENTS, dir, SimCluster.Options.FAILOVER)) {
      tradingEverywhere(c);
      Map<String, Long> seqBefore = seqs(c);

      Instant cut = Instant.now();
      outage.accept(c);
      // Hold the cut past the leases' expiry; the nodes are on their own meanwhile.
      hold(cut.plus(EXPIRY).plusSeconds(3));
      awaitTrue("the account stopped during the outage", Duration.ofSeconds(1),
          () -> stopsBetween(cut, Instant.now()) >= 1);
      Instant restored = Instant.now();
      c.restoreDatabase();

      // Nobody acted on the account from the moment every lease was counted lost until the
      // database came back: no request reached kis-sim.
      Instant leasesGone = cut.plus(LOST_AFTER).plusSeconds(1);
      List<OrderLog.Entry> during = c.sim.orderLog().entries(
          e -> e.receivedAt().isAfter(leasesGone) && e.receivedAt().isBefore(restored));
      assertEquals(List.of(), during, "requests reaching kis-sim while every node had lost its leases");
      assertTrue(leaseLosses(cut, restored) > 0, "the outage outlived the leases: " + timeline());

      // Back by itself, within a bounded time: the account singleton, every agent registered,
      // reconciled and trading again.
      awaitTrue("the account and every agent back and trading", Duration.ofSeconds(90),
          () -> c.desk(0).trading().size() == c.agents.size());
      awaitTrue(() -> "every agent trades again (next order numbers before the cut " + seqBefore + ", now "
              + seqs(c) + "): " + timeline(),
          Duration.ofSeconds(60), () -> {
            Map<String, Long> now = seqs(c);
            return seqBefore.entrySet().stream().allMatch(e -> now.get(e.getKey()) > e.getValue() + 1);
          });
      assertTrue(starts(restored, Instant.now()) >= 1, "the account started again after the outage: " + timeline());
      assertAtMostOneAccountAtATime();

      c.assertBooksEqualTheAccount(0, c.parkAndSettle(0));
    }
  }

  @Test
  void anOutageShorterThanTheLeaseExpiryIsRiddenOutByRetriesAndTradingGoesOnWithBooksEqualToTheAccount()
      throws Exception {
    try (SimCluster c = SimCluster.start(2, AGENTS, dir, SimCluster.Options.FAILOVER)) {
      tradingEverywhere(c);
      Instant start = Instant.now();
      Map<String, Long> seqBefore = seqs(c);

      Instant cut = Instant.now();
      c.cutDatabase();
      hold(cut.plusSeconds(3));
      c.restoreDatabase();

      awaitTrue(() -> "every agent trades on (next order numbers before the cut " + seqBefore + ", now "
              + seqs(c) + "; trading on the desk " + tradingOnTheDesk(c) + "): " + timeline(),
          Duration.ofSeconds(60), () -> {
            Map<String, Long> now = seqs(c);
            return seqBefore.entrySet().stream().allMatch(e -> now.get(e.getKey()) > e.getValue() + 1);
          });
      assertTrue(events(cut, Instant.now()).stream().anyMatch(e -> e.getFormattedMessage().contains("Failed to persist")),
          "agents' journal writes failed during the cut (and were retried): " + timeline());
      assertEquals(0, leaseLosses(start, Instant.now()), "no lease lost: " + timeline());
      assertEquals(0, stopsBetween(start, Instant.now()), "the account kept running: " + timeline());
      assertEquals(c.agents.size(), c.desk(0).trading().size());

      c.assertBooksEqualTheAccount(0, c.parkAndSettle(0));
    }
  }

  private static void tradingEverywhere(SimCluster c) throws InterruptedException {
    awaitTrue("every agent trading", Duration.ofSeconds(120),
        () -> c.desk(0).trading().size() == c.agents.size());
    awaitTrue("a few orders per agent", Duration.ofSeconds(60), () -> c.placedAtLeast(0, 2));
  }

  /** For a failure message: what the account desk says is trading, or why it did not say. */
  private static String tradingOnTheDesk(SimCluster c) {
    try {
      return String.valueOf(c.desk(0).trading());
    } catch (RuntimeException | AssertionError e) {
      return "no answer (" + e.getMessage() + ")";
    }
  }

  /** The outage's length: the test waits for nothing, it lets the nodes run without their database. */
  private static void hold(Instant until) throws InterruptedException {
    while (Instant.now().isBefore(until)) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /** Each agent's next order number, asked wherever it runs. */
  private static Map<String, Long> seqs(SimCluster c) {
    Map<String, Long> out = new HashMap<>();
    c.states(0).forEach((id, st) -> out.put(id, st.nextOrderSeq()));
    return out;
  }

  private long leaseLosses(Instant from, Instant to) {
    return events(from, to).stream().filter(e -> e.getFormattedMessage().contains(" lost by ")).count();
  }

  private long starts(Instant from, Instant to) {
    return events(from, to).stream().filter(e -> e.getFormattedMessage().startsWith("account ")
        && e.getFormattedMessage().contains(" starts on ")).count();
  }

  private long stopsBetween(Instant from, Instant to) {
    return events(from, to).stream().filter(e -> e.getFormattedMessage().startsWith("account ")
        && e.getFormattedMessage().contains(" stopped on ")).count();
  }

  /** From the account's start and stop lines: never two instances at once. */
  private void assertAtMostOneAccountAtATime() {
    int running = 0;
    for (ILoggingEvent e : events(Instant.EPOCH, Instant.now().plusSeconds(1))) {
      String m = e.getFormattedMessage();
      if (m.startsWith("account ")) {
        running += m.contains(" starts on ") ? 1 : m.contains(" stopped on ") ? -1 : 0;
        assertTrue(running <= 1, "two accounts at once: " + timeline());
      }
    }
  }

  private List<ILoggingEvent> events(Instant from, Instant to) {
    List<ILoggingEvent> out = new ArrayList<>();
    synchronized (log) {
      for (ILoggingEvent e : log.list) {
        Instant at = Instant.ofEpochMilli(e.getTimeStamp());
        if (!at.isBefore(from) && at.isBefore(to)) {
          out.add(e);
        }
      }
    }
    out.sort((a, b) -> Long.compare(a.getTimeStamp(), b.getTimeStamp()));
    return out;
  }

  private String timeline() {
    StringBuilder b = new StringBuilder();
    events(Instant.EPOCH, Instant.now().plusSeconds(1)).forEach(e -> b.append(Instant.ofEpochMilli(e.getTimeStamp()))
        .append(' ').append(e.getFormattedMessage()).append("; "));
    return b.toString();
  }
}
