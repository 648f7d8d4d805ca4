package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The group-commit writer against a sink that counts commits (each stands for one fsync) and can
 * hold the first one open: what queues behind an fsync in flight goes into the next one, and no
 * write is confirmed before the commit that holds it returned.
 */
class GroupCommitterTest {
  private static final long WAIT_S = 30;

  /** A sink whose first commit blocks until released; records every group it commits. */
  private static final class GatedSink implements GroupCommitter.Sink<String> {
    final List<List<String>> groups = new CopyOnWriteArrayList<>();
    final CountDownLatch inFirst = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void commit(List<String> group) throws Exception {
      if (groups.isEmpty()) {
        inFirst.countDown();
        assertTrue(release.await(WAIT_S, TimeUnit.SECONDS), "the test never released the first commit");
      }
      groups.add(List.copyOf(group));
    }
  }

  @Test
  void writesArrivingWhileAnFsyncIsInFlightAreCommittedTogetherInTheNextOne() throws Exception {
    GatedSink sink = new GatedSink();
    try (GroupCommitter<String> w = GroupCommitter.start(sink, 1000, "test-writer")) {
      CompletableFuture<Void> first = w.submit("agent-0", 1);
      assertTrue(sink.inFirst.await(WAIT_S, TimeUnit.SECONDS));
      List<CompletableFuture<Void>> behind = new ArrayList<>();
      for (int i = 1; i < 10; i++) {
        behind.add(w.submit("agent-" + i, 1));
      }
      sink.release.countDown();
      first.get(WAIT_S, TimeUnit.SECONDS);
      CompletableFuture.allOf(behind.toArray(CompletableFuture[]::new)).get(WAIT_S, TimeUnit.SECONDS);
      assertEquals(List.of(List.of("agent-0"), List.of("agent-1", "agent-2", "agent-3", "agent-4", "agent-5",
          "agent-6", "agent-7", "agent-8", "agent-9")), sink.groups);
      assertEquals(2, w.commits());
      assertEquals(10, w.requests());
    }
  }

  @Test
  void aWriteIsNotConfirmedBeforeTheCommitHoldingItReturned() throws Exception {
    GatedSink sink = new GatedSink();
    try (GroupCommitter<String> w = GroupCommitter.start(sink, 1000, "test-writer")) {
      CompletableFuture<Void> first = w.submit("a", 1);
      assertTrue(sink.inFirst.await(WAIT_S, TimeUnit.SECONDS));
      CompletableFuture<Void> second = w.submit("b", 1);
      CompletableFuture<Void> barrier = w.barrier();
      // The first commit is inside its "fsync": nothing may be confirmed yet.
      assertFalse(first.isDone());
      assertFalse(second.isDone());
      assertFalse(barrier.isDone());
      sink.release.countDown();
      second.get(WAIT_S, TimeUnit.SECONDS);
      assertTrue(first.isDone());
      barrier.get(WAIT_S, TimeUnit.SECONDS);
      assertEquals(List.of(List.of("a"), List.of("b")), sink.groups);
    }
  }

  @Test
  void aGroupHoldsAtMostTheConfiguredEventsAndALargerWriteGoesAlone() throws Exception {
    GatedSink sink = new GatedSink();
    try (GroupCommitter<String> w = GroupCommitter.start(sink, 4, "test-writer")) {
      w.submit("first", 1);
      assertTrue(sink.inFirst.await(WAIT_S, TimeUnit.SECONDS));
      List<CompletableFuture<Void>> behind = new ArrayList<>();
      for (String r : List.of("a3", "b1", "c1", "d6", "e2", "f2")) {
        behind.add(w.submit(r, Integer.parseInt(r.substring(1))));
      }
      sink.release.countDown();
      CompletableFuture.allOf(behind.toArray(CompletableFuture[]::new)).get(WAIT_S, TimeUnit.SECONDS);
      assertEquals(List.of(List.of("first"), List.of("a3", "b1"), List.of("c1"), List.of("d6"), List.of("e2", "f2")),
          sink.groups);
    }
  }

  @Test
  void aFailedCommitFailsEveryWriteInItAndTheNextGroupStillCommits() throws Exception {
    CountDownLatch inFirst = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<List<String>> committed = new CopyOnWriteArrayList<>();
    GroupCommitter.Sink<String> sink = group -> {
      if (group.contains("first")) {
        inFirst.countDown();
        assertTrue(release.await(WAIT_S, TimeUnit.SECONDS));
      }
      if (group.contains("bad")) {
        throw new java.io.IOException("disk full");
      }
      committed.add(List.copyOf(group));
    };
    try (GroupCommitter<String> w = GroupCommitter.start(sink, 2, "test-writer")) {
      w.submit("first", 1);
      assertTrue(inFirst.await(WAIT_S, TimeUnit.SECONDS));
      CompletableFuture<Void> good = w.submit("good", 1);
      CompletableFuture<Void> bad = w.submit("bad", 1);
      CompletableFuture<Void> later = w.submit("later", 1);
      release.countDown();
      later.get(WAIT_S, TimeUnit.SECONDS);
      ExecutionException e1 = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
          () -> good.get(WAIT_S, TimeUnit.SECONDS));
      assertEquals("disk full", e1.getCause().getMessage());
      assertTrue(bad.isCompletedExceptionally());
      assertEquals(List.of(List.of("first"), List.of("later")), committed);
    }
  }

  @Test
  void closeCommitsWhatIsQueuedAndRefusesWhatComesAfter() throws Exception {
    GatedSink sink = new GatedSink();
    GroupCommitter<String> w = GroupCommitter.start(sink, 100, "test-writer");
    w.submit("a", 1);
    assertTrue(sink.inFirst.await(WAIT_S, TimeUnit.SECONDS));
    CompletableFuture<Void> queued = w.submit("b", 1);
    CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> w.close(Duration.ofSeconds(WAIT_S)));
    sink.release.countDown();
    assertTrue(closed.get(WAIT_S, TimeUnit.SECONDS));
    queued.get(WAIT_S, TimeUnit.SECONDS);
    CompletableFuture<Void> refused = w.submit("c", 1);
    assertTrue(refused.isCompletedExceptionally());
    assertEquals(List.of(List.of("a"), List.of("b")), sink.groups);
  }

  /** A sink that records every group it commits, at once. */
  private static final class RecordingSink implements GroupCommitter.Sink<String> {
    final List<List<String>> groups = new CopyOnWriteArrayList<>();

    @Override
    public void commit(List<String> group) {
      groups.add(List.copyOf(group));
    }
  }

  private static final Duration FOREVER = Duration.ofHours(1);

  @Test
  void aLoneWriteIsCommittedAtOnceWhateverTheGatherWait() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (GroupCommitter<String> w = GroupCommitter.start(sink, 1000, FOREVER, "test-writer")) {
      // Nothing else is on its way: an hour's gather wait must not hold it (the get's bound only
      // keeps a broken writer from hanging the build).
      w.submit("lone", 1, false).get(WAIT_S, TimeUnit.SECONDS);
      assertEquals(List.of(List.of("lone")), sink.groups);
      assertEquals(0, w.gathered());
    }
  }

  @Test
  void writesTheProducerSaysAreOnTheirWayShareOneCommit() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (GroupCommitter<String> w = GroupCommitter.start(sink, 1000, FOREVER, "test-writer")) {
      CompletableFuture<Void> a = w.submit("a", 1, true);
      CompletableFuture<Void> b = w.submit("b", 1, true);
      CompletableFuture<Void> c = w.submit("c", 1, false);
      CompletableFuture.allOf(a, b, c).get(WAIT_S, TimeUnit.SECONDS);
      assertEquals(List.of(List.of("a", "b", "c")), sink.groups);
      assertEquals(1, w.commits());
    }
  }

  @Test
  void aCommitWaitingForWritesThatDoNotComeGoesWhenTheProducerTakesItsWordBack() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (GroupCommitter<String> w = GroupCommitter.start(sink, 1000, FOREVER, "test-writer")) {
      CompletableFuture<Void> a = w.submit("a", 1, true);
      w.expecting(false);
      a.get(WAIT_S, TimeUnit.SECONDS);
      assertEquals(List.of(List.of("a")), sink.groups);
    }
  }

  @Test
  void aFullGroupDoesNotWaitForMore() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (GroupCommitter<String> w = GroupCommitter.start(sink, 2, FOREVER, "test-writer")) {
      CompletableFuture<Void> a = w.submit("a", 1, true);
      CompletableFuture<Void> b = w.submit("b", 1, true);
      CompletableFuture.allOf(a, b).get(WAIT_S, TimeUnit.SECONDS);
      assertEquals(List.of(List.of("a", "b")), sink.groups);
    }
  }

  @Test
  void theGatherWaitBoundsHowLongACommitWaitsForWritesThatNeverCome() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (GroupCommitter<String> w = GroupCommitter.start(sink, 1000, Duration.ofMillis(1), "test-writer")) {
      w.submit("a", 1, true).get(WAIT_S, TimeUnit.SECONDS);
      assertEquals(List.of(List.of("a")), sink.groups);
      assertEquals(1, w.gathered());
    }
  }

  @Test
  void closingEndsAGatherWaitAndCommitsWhatIsQueued() throws Exception {
    RecordingSink sink = new RecordingSink();
    GroupCommitter<String> w = GroupCommitter.start(sink, 1000, FOREVER, "test-writer");
    CompletableFuture<Void> a = w.submit("a", 1, true);
    assertTrue(w.close(Duration.ofSeconds(WAIT_S)));
    a.get(WAIT_S, TimeUnit.SECONDS);
    assertEquals(List.of(List.of("a")), sink.groups);
  }

  @Test
  void aPacedWriterCommitsOnePaceAfterItsOldestRequestAndABarrierDoesNotWaitForThePace() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (GroupCommitter<String> w = GroupCommitter.paced(sink, 1000, FOREVER, "test-marks")) {
      CompletableFuture<Void> a = w.submit("a", 1);
      CompletableFuture<Void> b = w.submit("b", 1);
      // Even the first request after a quiet spell waits its pace (an hour here): the marks fsync
      // comes after the write it marks was handed on, not during that hand-off.
      assertFalse(a.isDone());
      w.barrier().get(WAIT_S, TimeUnit.SECONDS);
      assertTrue(a.isDone() && b.isDone());
      CompletableFuture<Void> c = w.submit("c", 1);
      w.barrier().get(WAIT_S, TimeUnit.SECONDS);
      assertTrue(c.isDone());
      assertEquals(List.of(List.of("a", "b"), List.of("c")), sink.groups);
    }
  }

  @Test
  void aPacedWritersLoneRequestIsCommittedOnceItsPaceHasPassed() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (GroupCommitter<String> w = GroupCommitter.paced(sink, 1000, Duration.ofMillis(20), "test-marks")) {
      w.submit("a", 1).get(WAIT_S, TimeUnit.SECONDS); // no barrier, no close: the pace alone lets it go
      w.submit("b", 1).get(WAIT_S, TimeUnit.SECONDS);
      assertEquals(List.of(List.of("a"), List.of("b")), sink.groups);
    }
  }

  @Test
  void closingEndsAPaceAndCommitsWhatIsQueued() throws Exception {
    RecordingSink sink = new RecordingSink();
    GroupCommitter<String> w = GroupCommitter.paced(sink, 1000, FOREVER, "test-marks");
    CompletableFuture<Void> a = w.submit("a", 1);
    CompletableFuture<Void> b = w.submit("b", 1);
    assertTrue(w.close(Duration.ofSeconds(WAIT_S)));
    a.get(WAIT_S, TimeUnit.SECONDS);
    b.get(WAIT_S, TimeUnit.SECONDS);
    assertEquals(List.of(List.of("a", "b")), sink.groups);
  }
}
