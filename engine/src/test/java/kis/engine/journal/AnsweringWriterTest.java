package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.NonPersistentRepr;
import org.apache.pekko.persistence.PersistentEnvelope;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@link AnsweringWriter} with a store the test controls: a failed commit fails every request in
 * it, a hung commit's requests fail once past their time limit and its late success reaches no one,
 * and a request that writes nothing is answered as written whatever its commit did.
 */
class AnsweringWriterTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration LIMIT = Duration.ofSeconds(10);
  private static ActorSystem system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("answering-writer");
  }

  @AfterAll
  static void stop() {
    TestKit.shutdownActorSystem(system);
  }

  /** A store that records each commit's requests and holds or fails them as told. */
  private static final class Store implements AnsweringWriter.Store {
    final List<List<String>> commits = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger holdFirst = new AtomicInteger();
    volatile Exception failWith;

    @Override
    public void commit(List<AnsweringWriter.Request> requests) throws Exception {
      commits.add(requests.stream().map(r -> r.persistenceIds().iterator().next()).toList());
      if (holdFirst.getAndSet(0) == 1) {
        entered.countDown();
        release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      if (failWith != null) {
        throw failWith;
      }
    }
  }

  private static PersistentRepr event(String pid, long seq, ActorRef sender) {
    return PersistentRepr.apply("e" + seq, seq, pid, "", false, sender, "w");
  }

  /** One actor's request: its events (one atomic write) and looped messages, in this order. */
  private static AnsweringWriter.Request request(AnsweringWriter w, TestKit actor, String pid, List<PersistentRepr> evs,
      List<Object> loops) {
    List<PersistentEnvelope> msgs = new ArrayList<>();
    List<Throwable> rejections = new ArrayList<>();
    List<MarkKeeper.Written> written = new ArrayList<>();
    if (!evs.isEmpty()) {
      msgs.add(AtomicWrite.apply(CollectionConverters.asScala(evs).toList()));
      rejections.add(null);
      evs.forEach(e -> written.add(new MarkKeeper.Written(pid, e.sequenceNr(), new byte[] {1})));
    }
    loops.forEach(l -> msgs.add(new NonPersistentRepr(l, actor.getRef())));
    JournalProtocol.WriteMessages wm = new JournalProtocol.WriteMessages(CollectionConverters.asScala(msgs).toList(),
        actor.getRef(), 7);
    WriteAnswer answer = new WriteAnswer(wm, rejections, !written.isEmpty(), ActorRef.noSender(),
        w.deadline(System.nanoTime()));
    return new AnsweringWriter.Request(List.of(), written, Set.of(), Set.of(pid), answer);
  }

  /** A writer over {@code store} telling {@code appended} the persistence ids of each confirmed commit. */
  private static AnsweringWriter writer(Store store, TestKit appended) {
    return new AnsweringWriter(store, confirmed -> appended.getRef().tell(
        confirmed.stream().flatMap(r -> r.persistenceIds().stream()).toList(), ActorRef.noSender()), LIMIT, 1000,
        Duration.ZERO, "test-writer");
  }

  /** Holds the writer in a first commit so that the requests submitted next share the second. */
  private static void holdWriter(AnsweringWriter w, Store store, TestKit holder) throws InterruptedException {
    store.holdFirst.set(1);
    w.submit(request(w, holder, "holder", List.of(event("holder", 1, holder.getRef())), List.of()), false);
    store.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void aFailedCommitFailsEveryWriteInItAndStillAnswersWhatWritesNothing() throws Exception {
    Store store = new Store();
    TestKit appended = new TestKit(system);
    try (AnsweringWriter w = writer(store, appended)) {
      TestKit holder = new TestKit(system);
      TestKit a = new TestKit(system);
      TestKit b = new TestKit(system);
      TestKit loops = new TestKit(system);
      holdWriter(w, store, holder);
      PersistentRepr a1 = event("a", 1, a.getRef());
      PersistentRepr a2 = event("a", 2, a.getRef());
      PersistentRepr b1 = event("b", 1, b.getRef());
      w.submit(request(w, a, "a", List.of(a1, a2), List.of("after-a")), true);
      w.submit(request(w, b, "b", List.of(b1), List.of()), true);
      w.submit(request(w, loops, "loops", List.of(), List.of("only")), false);
      IOException disk = new IOException("disk gone");
      store.failWith = disk;
      store.release.countDown();

      holder.expectMsgClass(WAIT, JournalProtocol.WriteMessagesFailed.class); // the held commit failed too
      JournalProtocol.WriteMessagesFailed af = a.expectMsgClass(WAIT, JournalProtocol.WriteMessagesFailed.class);
      assertSame(disk, af.cause());
      assertEquals(1, af.writeCount());
      assertEquals(a1, a.expectMsgClass(WAIT, JournalProtocol.WriteMessageFailure.class).message());
      assertEquals(a2, a.expectMsgClass(WAIT, JournalProtocol.WriteMessageFailure.class).message());
      assertEquals("after-a", a.expectMsgClass(WAIT, JournalProtocol.LoopMessageSuccess.class).message());
      assertSame(disk, b.expectMsgClass(WAIT, JournalProtocol.WriteMessagesFailed.class).cause());
      JournalProtocol.WriteMessageFailure bf = b.expectMsgClass(WAIT, JournalProtocol.WriteMessageFailure.class);
      assertEquals(b1, bf.message());
      assertSame(disk, bf.cause());
      // Nothing of the looped request was to be written: nothing about it is uncertain.
      loops.expectMsg(WAIT, JournalProtocol.WriteMessagesSuccessful$.MODULE$);
      assertEquals("only", loops.expectMsgClass(WAIT, JournalProtocol.LoopMessageSuccess.class).message());
      assertEquals(List.of(List.of("holder"), List.of("a", "b", "loops")), store.commits);
      appended.expectNoMessage(Duration.ZERO); // a failed commit announces nothing
    }
  }

  @Test
  void aHungCommitFailsAsATimeoutPastItsLimitAndItsLateSuccessIsNotDelivered() throws Exception {
    Store store = new Store();
    TestKit appended = new TestKit(system);
    try (AnsweringWriter w = writer(store, appended)) {
      TestKit hung = new TestKit(system);
      TestKit queued = new TestKit(system);
      holdWriter(w, store, hung); // "holder" is the hung commit, answered to probe `hung`
      w.submit(request(w, queued, "queued", List.of(event("queued", 1, queued.getRef())), List.of()), false);

      assertEquals(0, w.expireOverdue(System.nanoTime()), "within the limit nothing fails");
      assertEquals(2, w.expireOverdue(System.nanoTime() + LIMIT.toNanos()));
      JournalProtocol.WriteMessagesFailed hf = hung.expectMsgClass(WAIT, JournalProtocol.WriteMessagesFailed.class);
      assertInstanceOf(TimeoutException.class, hf.cause(), "the agent's rule: slow is not damage");
      assertInstanceOf(TimeoutException.class,
          hung.expectMsgClass(WAIT, JournalProtocol.WriteMessageFailure.class).cause());
      queued.expectMsgClass(WAIT, JournalProtocol.WriteMessagesFailed.class);
      queued.expectMsgClass(WAIT, JournalProtocol.WriteMessageFailure.class);

      store.release.countDown(); // the hung fsync returns: durable, but the actor was told it failed
      PersistentRepr next = event("after", 1, hung.getRef());
      w.submit(request(w, hung, "after", List.of(next), List.of()), false);
      // The writer answers in order: a late confirmation of the hung commit would come first.
      hung.expectMsg(WAIT, JournalProtocol.WriteMessagesSuccessful$.MODULE$);
      assertEquals(next, hung.expectMsgClass(WAIT, JournalProtocol.WriteMessageSuccess.class).persistent());
      // The request that timed out before its commit began was left out of the store.
      assertEquals(List.of(List.of("holder"), List.of("after")), store.commits);
      // Announced in commit order: the hung commit, confirmed to no one, is announced to no one.
      appended.expectMsg(WAIT, List.of("after"));
      queued.expectNoMessage(Duration.ZERO);
    }
  }

  @Test
  void theProbeHearsEachCommitWithItsRequestsAndEventsInTheOrderItsStepsHappened() throws Exception {
    Store store = new Store();
    TestKit appended = new TestKit(system);
    List<long[]> heard = Collections.synchronizedList(new ArrayList<>());
    CommitProbe.install(new CommitProbe.Listener() {
      @Override
      public void received(long nanos) {}

      @Override
      public void committed(long startNanos, long writtenNanos, long answeredNanos, int requests, int events) {
        heard.add(new long[] {startNanos, writtenNanos, answeredNanos, requests, events});
      }

      @Override
      public void marked(long startNanos, long endNanos) {}
    });
    try (AnsweringWriter w = writer(store, appended)) {
      TestKit holder = new TestKit(system);
      TestKit a = new TestKit(system);
      TestKit b = new TestKit(system);
      holdWriter(w, store, holder);
      w.submit(request(w, a, "a", List.of(event("a", 1, a.getRef()), event("a", 2, a.getRef())), List.of()), true);
      w.submit(request(w, b, "b", List.of(event("b", 1, b.getRef())), List.of()), false);
      store.release.countDown();
      holder.expectMsg(WAIT, JournalProtocol.WriteMessagesSuccessful$.MODULE$);
      a.expectMsg(WAIT, JournalProtocol.WriteMessagesSuccessful$.MODULE$);
      b.expectMsg(WAIT, JournalProtocol.WriteMessagesSuccessful$.MODULE$);
      appended.expectMsg(WAIT, List.of("holder"));
      appended.expectMsg(WAIT, List.of("a", "b")); // told after the probe, on the same thread
    } finally {
      CommitProbe.install(null);
    }
    assertEquals(2, heard.size());
    long[] held = heard.get(0);
    long[] shared = heard.get(1);
    assertEquals(List.of(1L, 1L, 2L, 3L), List.of(held[3], held[4], shared[3], shared[4]));
    for (long[] c : heard) {
      assertTrue(c[0] <= c[1] && c[1] <= c[2], "begun, written, answered in this order");
    }
    assertTrue(held[2] <= shared[0], "the second commit began after the first was answered");
  }
}
