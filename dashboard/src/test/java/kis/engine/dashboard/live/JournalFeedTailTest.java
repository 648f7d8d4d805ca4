package kis.engine.dashboard.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import kis.actors.agent.Agent;
import kis.engine.dashboard.PnlPoint;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.AgentParked;
import kis.journal.event.AgentResumed;
import kis.journal.event.FillSource;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.state.AgentState;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.testkit.SnapshotMeta;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit;
import org.apache.pekko.persistence.testkit.query.javadsl.PersistenceTestKitReadJournal;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The journal view of a long journal reads only what it shows: the recent tail for the journal
 * lines and today's events for fills and P&L, with the books before them from a snapshot; today's
 * P&L still counts a sale of shares bought on an earlier day against their cost.
 */
@ExtendWith(LogCapturingExtension.class)
class JournalFeedTailTest {
  static final ActorTestKit testKit = ActorTestKit.create(PersistenceTestKitPlugin.config()
      .withFallback(PersistenceTestKitSnapshotPlugin.config()));
  static final Symbol SAMSUNG = Symbol.of("005930");
  /** 10:00 KST on 2026-11-23 and 2026-11-24. */
  static final Instant YESTERDAY = Instant.parse("2026-11-23T01:00:00Z");
  static final Instant TODAY = Instant.parse("2026-11-24T01:00:00Z");
  /**
   * A bound, not a speed: what the test pins is which events are read (counted) and what the view
   * shows. Folding 2,000 in-memory events took over 10 s on 2 cores shared with two full suites.
   */
  static final Duration WAIT = Duration.ofSeconds(90);
  static final int YESTERDAYS_NOISE = 2_000;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Yesterday: buy 10 at 70,000, then a long quiet day of park/resume; today: sell 10 at 71,000. */
  private static List<AgentEvent> longJournal(String agent) {
    List<AgentEvent> out = new ArrayList<>(trade(agent, 1, Side.BUY, 10, 70_000, YESTERDAY));
    for (int i = 0; i < YESTERDAYS_NOISE; i++) {
      Instant at = YESTERDAY.plusSeconds(60 + i);
      out.add(i % 2 == 0 ? new AgentParked("test", at) : new AgentResumed("test", at));
    }
    out.addAll(trade(agent, 2, Side.SELL, 10, 71_000, TODAY));
    return out;
  }

  private static List<AgentEvent> trade(String agent, int n, Side side, long qty, long price, Instant at) {
    ClientOrderId id = new ClientOrderId(agent + "-" + n);
    OrderNo no = OrderNo.of(String.valueOf(1000 + n));
    return List.of(new OrderRequested(id, OrderSpec.limit(SAMSUNG, side, qty, price), "test", at),
        new OrderAccepted(id, no, "06010", "100000", false, at),
        new OrderFilled(id, no, SAMSUNG, side, qty, price, 0, 0, "x" + n, "100000", FillSource.NOTICE,
            at.plusMillis(5)));
  }

  /** The test kit's read journal, counting the events every stream hands out. */
  private static JournalFeed.Queries counting(AtomicLong read, ConcurrentLinkedQueue<Long> froms) {
    JournalFeed.Queries q = JournalFeed.Queries.of(PersistenceQuery.get(Adapter.toClassic(testKit.system()))
        .getReadJournalFor(PersistenceTestKitReadJournal.class, PersistenceTestKitReadJournal.Identifier()));
    return JournalFeed.withSnapshots(new JournalFeed.Queries() {
      @Override
      public Source<EventEnvelope, NotUsed> current(String pid, long from) {
        froms.add(from);
        return q.current(pid, from).map(e -> {
          read.incrementAndGet();
          return e;
        });
      }

      @Override
      public Source<EventEnvelope, NotUsed> live(String pid, long from) {
        return q.live(pid, from);
      }
    }, testKit.system());
  }

  private static JournalFeed follow(AgentId id, JournalFeed.Queries q, int tail) {
    JournalFeed feed = new JournalFeed(testKit.system(), q, Map::of, (a, e) -> { },
        Clock.fixed(TODAY.plusSeconds(3600), ZoneOffset.UTC), tail);
    feed.follow(id);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!feed.caughtUp(id) && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
    }
    assertTrue(feed.caughtUp(id), "caught up within " + WAIT);
    return feed;
  }

  @Test
  void aLongJournalIsReadFromTheSnapshotBeforeTodayAndItsTailNotFromItsStart() {
    AgentId id = new AgentId("tail-a");
    String pid = Agent.persistenceId(id).id();
    List<AgentEvent> events = longJournal(id.value());
    PersistenceTestKit.create(testKit.system()).persistForRecovery(pid, new ArrayList<Object>(events));
    // The agent's snapshot late yesterday, as its snapshot-every would have taken it.
    int snapAt = events.size() - 3 - 50;
    SnapshotTestKit.create(testKit.system()).persistForRecovery(pid, List.of(Pair.create(
        SnapshotMeta.create(snapAt, YESTERDAY.toEpochMilli()), (Object) AgentState.fold(id.value(),
            events.subList(0, snapAt)))));
    AtomicLong read = new AtomicLong();
    ConcurrentLinkedQueue<Long> froms = new ConcurrentLinkedQueue<>();

    JournalFeed feed = follow(id, counting(read, froms), 20);
    try {
      AgentJournalView view = feed.view(id).orElseThrow();
      assertEquals(events.size(), view.eventCount(), "the books count every event");
      assertEquals(20, view.events().size(), "the journal lines are the tail: " + view.events());
      assertTrue(view.events().get(0).contains("OrderFilled"), view.events().get(0));
      assertEquals(1, view.fills().size(), "today's fill only");
      assertEquals(List.of(10_000L), view.pnl().stream().map(PnlPoint::pnl).toList(),
          "today's sale counts against yesterday's cost");
      // Probes read an event each; the history read starts after the snapshot.
      assertTrue(read.get() < 200, "read " + read.get() + " of " + events.size() + " events");
      assertTrue(froms.contains((long) snapAt + 1), "history read from the snapshot: " + froms);
    } finally {
      feed.close();
    }
  }

  @Test
  void withoutASnapshotBeforeTodayTheBooksAreFoldedFromTheStartButTheViewStillShowsOnlyTheTail() {
    AgentId id = new AgentId("tail-b");
    String pid = Agent.persistenceId(id).id();
    List<AgentEvent> events = longJournal(id.value());
    PersistenceTestKit.create(testKit.system()).persistForRecovery(pid, new ArrayList<Object>(events));
    AtomicLong read = new AtomicLong();

    JournalFeed feed = follow(id, counting(read, new ConcurrentLinkedQueue<>()), 20);
    try {
      AgentJournalView view = feed.view(id).orElseThrow();
      assertEquals(events.size(), view.eventCount());
      assertEquals(20, view.events().size());
      assertEquals(List.of(10_000L), view.pnl().stream().map(PnlPoint::pnl).toList());
    } finally {
      feed.close();
    }
  }
}
