package kis.engine.journal;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import kis.engine.journal.AnsweringWriter.Put;
import kis.engine.journal.AnsweringWriter.Request;
import org.apache.pekko.actor.ActorCell;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Terminated;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MessageQueue;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.japi.pf.ReceiveBuilder;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.PersistentEnvelope;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.Tagged;
import org.apache.pekko.persistence.journal.leveldb.LeveldbJournal;
import org.iq80.leveldb.WriteBatch;
import scala.PartialFunction;
import scala.collection.immutable.Seq;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;
import scala.jdk.javaapi.FutureConverters;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * The engine's LevelDB journal with group commit: Pekko's LevelDB journal writes every write
 * request as its own synced batch, so ten agents persisting at once pay ten fsyncs one after the
 * other. Here one writer thread ({@link GroupCommitter}) commits every request that arrived while
 * the previous fsync was in flight as one synced LevelDB batch (at most
 * {@code group-commit-max-events} events) and confirms each request to its persistent actor as
 * soon as that batch is durable: the writer thread tells the actor Pekko's replies itself
 * ({@link AnsweringWriter}; write requests are taken in {@link #aroundReceive}, so Pekko's write
 * path of breaker, dispatcher callbacks and resequencer is not on the way), and a write not
 * durable within {@code circuit-breaker.call-timeout} fails as a timeout. The batch's
 * {@link JournalMarks high-water marks} are appended and fsynced by a second thread
 * ({@code kis-journal-marks}, a {@link GroupCommitter} of its own, one append and fsync
 * {@code group-commit-marks-interval} after the oldest commit it covers, each group still its own
 * mark line) while the next batches' fsyncs run: a mark is handed over only after LevelDB's synced
 * write returned, so it never claims an event LevelDB has not made durable; after an OS crash it
 * may lag the journal by the groups whose marks were not yet fsynced, which the start check
 * accepts and marks (an unmarked tail), so the lag weakens the lost-tail check for those groups and
 * never raises a false alarm. A marks failure stops the journal: every later write is refused until a restart.
 *
 * <p>The keys and values are exactly those of Pekko's LevelDB journal ({@code LeveldbStore}: the
 * per-id counter at sequence number 0, the event at {@code (id, seq, 0)}, tags as {@code $$$tag}
 * ids, the id mapping written by Pekko's own {@code numericId}), so data dirs move between the two
 * journals both ways unchanged. Reads (recovery, highest sequence number, tagged replay),
 * deletes, compaction, the id mapping, the LevelDB lock and the native/pure-Java choice are
 * Pekko's, inherited; a highest-sequence-number read and a delete first wait for the writes
 * submitted before them (a recovery or the shutdown's journal barrier sees every write queued
 * ahead of it).
 *
 * <p>Configured as {@code pekko.persistence.journal.leveldb.class} when
 * {@code kis-trader.journal.group-commit = on} ({@link JournalPlugin}).
 */
@SuppressWarnings("deprecation") // Pekko deprecates its LevelDB journal; it is still the engine's store
public final class GroupCommitLeveldbJournal extends LeveldbJournal {
  /** Plugin key: the most events one commit holds. */
  public static final String MAX_GROUP_KEY = "group-commit-max-events";
  /**
   * Plugin key: the longest a commit waits for writes already in the journal actor's mailbox
   * (never for a lone write); 0 turns the wait off.
   */
  public static final String GATHER_KEY = "group-commit-gather-wait";
  static final Duration DEFAULT_GATHER = Duration.ofNanos(200_000);
  /**
   * Plugin key: the marks thread begins an append-and-fsync this long after the oldest durable
   * commit it has not marked (so at most once per interval); the commits made meanwhile get their
   * mark lines in that one append (each group still its own line). 0 = one fsync per commit, as soon
   * as it is durable. A recovery's or a delete's barrier does not wait.
   */
  public static final String MARKS_INTERVAL_KEY = "group-commit-marks-interval";
  /**
   * Longer than a confirmed intent's way to KIS (the writer's answer, the agent, the gateway, the
   * REST call: ~0.5 ms, a few ms in its tail on 2 busy cores), so the marks fsync of that intent does
   * not run beside it (bench/README "tick8").
   */
  static final Duration DEFAULT_MARKS_INTERVAL = Duration.ofMillis(10);
  /** Pekko's plugin key: the time limit of each write (its breaker's, which writes no longer pass). */
  static final String CALL_TIMEOUT_KEY = "circuit-breaker.call-timeout";
  static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final String TAG_PREFIX = "$$$";

  /** Asks the journal how many write requests and commits it made; answered with {@link Stats}. */
  public enum GetStats { INSTANCE }

  /**
   * Write requests (one per persistent actor's write), the commits (fsyncs) that held them, and how
   * many of those commits waited for writes known to be on their way.
   */
  public record Stats(long requests, long commits, long gathered) {}

  /** A replay request with events to replay and its highest number, sent to itself for Pekko's replay path. */
  private record EventsToReplay(JournalProtocol.ReplayMessages request, long highest) {}

  /** Sent to itself when a commit is durable, so the subscribers are told on the actor's thread. */
  private record Appended(Set<String> persistenceIds, Set<String> tags) {}

  private final Map<String, Long> tagSequenceNr = new HashMap<>();
  private final Map<String, Set<ActorRef>> idSubscribers = new HashMap<>();
  private final Map<String, Set<ActorRef>> tagSubscribers = new HashMap<>();
  private final ReadsInFlight reads = new ReadsInFlight();
  /** Set (never cleared) by the first subscription; read by the writer's thread per confirmed write. */
  private volatile boolean anySubscriber;
  private AnsweringWriter writer;
  /** The one periodic check that fails writes past their time limit. */
  private Cancellable overdueCheck;
  /** Appends and fsyncs each durable group's marks, off the confirmation path. */
  private GroupCommitter<List<MarkKeeper.Written>> marker;
  /** The first marks failure; once set, no write is accepted (the marks would no longer cover it). */
  private final AtomicReference<Throwable> markFailure = new AtomicReference<>();
  private MarkKeeper keeper;
  private LoggingAdapter markLog; // the actor's log, taken on its thread, used from the writer's
  private Path marksFile;
  private Executor replayExecutor;
  /** Set while Pekko's replay path runs for a request whose highest number was read already. */
  private EventsToReplay alreadyRead;
  /** Pekko's debug switch: with it on, every replay goes Pekko's way, which publishes the request. */
  private boolean publishesCommands;
  /** What this actor last told the writer: its mailbox holds writes not yet submitted. */
  private boolean moreWritesQueued;
  /** Pekko's stored form of an event, written without Pekko's builders and copies. */
  private PersistentBytes encoder;

  public GroupCommitLeveldbJournal(Config cfg) {
    super(cfg);
  }

  @Override
  public void preStart() {
    marksFile = MarkKeeper.fileBeside(leveldbDir().toPath());
    encoder = new PersistentBytes(org.apache.pekko.serialization.SerializationExtension.get(context().system()));
    super.preStart();
    keeper = MarkKeeper.openOver(marksFile, config().getBoolean("fsync"), leveldb(), leveldbDir().toPath(),
        this::numericId);
    replayExecutor = context().system().dispatchers().lookup(config().getString("replay-dispatcher"));
    publishesCommands = config().hasPath("publish-plugin-commands") && config().getBoolean("publish-plugin-commands");
    int maxGroup = config().hasPath(MAX_GROUP_KEY) ? config().getInt(MAX_GROUP_KEY) : 1000;
    markLog = log();
    Duration marksInterval = config().hasPath(MARKS_INTERVAL_KEY) ? config().getDuration(MARKS_INTERVAL_KEY)
        : DEFAULT_MARKS_INTERVAL;
    // Paced: a marks fsync per LevelDB commit was a second synced write per commit on the same disk
    // (LevelDB's next fsync queued behind it) and a fifth of the journal's CPU per event; and one
    // begun as soon as a commit was durable ran, with its wake-ups, beside that commit's answer.
    marker = GroupCommitter.paced(this::mark, 1_000_000, marksInterval, "kis-journal-marks");
    Duration gather = config().hasPath(GATHER_KEY) ? config().getDuration(GATHER_KEY) : DEFAULT_GATHER;
    Duration limit = config().hasPath(CALL_TIMEOUT_KEY) ? config().getDuration(CALL_TIMEOUT_KEY) : DEFAULT_CALL_TIMEOUT;
    ActorRef self = self();
    writer = new AnsweringWriter(this::commit, confirmed -> appended(self, confirmed), limit, maxGroup, gather,
        "kis-journal-writer");
    Duration every = overdueCheckInterval(limit);
    AnsweringWriter w = writer;
    overdueCheck = context().system().scheduler().scheduleWithFixedDelay(every, every,
        () -> w.expireOverdue(System.nanoTime()), context().dispatcher());
  }

  /** How often overdue writes are looked for: a tenth of the limit, within 10 ms .. 1 s. */
  static Duration overdueCheckInterval(Duration limit) {
    long ms = Math.max(10, Math.min(1000, limit.toMillis() / 10));
    return Duration.ofMillis(ms);
  }

  @Override
  public void postStop() {
    if (overdueCheck != null) {
      overdueCheck.cancel();
    }
    // Queued writes are committed before LevelDB closes; reads in flight finish first (leveldbjni
    // crashes the JVM when the DB closes under an iterator).
    boolean stopped = writer == null || writer.close(Duration.ofSeconds(20));
    if (marker != null && !marker.close(Duration.ofSeconds(10))) {
      log().error("the journal marks writer did not finish within 10 s; the last marks may lag the journal (the"
          + " next start marks the unmarked tail)");
    }
    reads.awaitNone(Duration.ofSeconds(10));
    try {
      if (keeper != null) {
        keeper.close();
      }
    } catch (IOException e) {
      // Every append was fsynced already.
    }
    if (stopped) {
      super.postStop();
    } else {
      log().error("the journal writer did not finish within 20 s; LevelDB is left open (closing it under a write"
          + " would crash the JVM)");
    }
  }

  /**
   * The writer thread's commit: one synced LevelDB batch; its marks go to the marks thread once it
   * is durable. Refused whole while the marks are broken.
   */
  private void commit(List<Request> group) throws IOException {
    Throwable broken = markFailure.get();
    if (broken != null) {
      throw new IOException("the journal marks (" + marksFile + ") could not be written, so no write is accepted"
          + " until a restart (its start check marks what LevelDB holds): " + broken.getMessage(), broken);
    }
    WriteBatch batch = leveldb().createWriteBatch();
    int events = 0;
    try {
      for (Request r : group) {
        for (Put p : r.puts()) {
          batch.put(p.key(), p.value());
        }
        events += r.events().size();
      }
      leveldb().write(batch, leveldbWriteOptions());
    } finally {
      batch.close();
    }
    List<MarkKeeper.Written> written = new ArrayList<>(events);
    for (Request r : group) {
      written.addAll(r.events());
    }
    marker.submit(written, events); // a failure is kept by mark() itself, before any barrier sees it done
  }

  /** The marks thread's commit: the marks of each group in commit order, one append, one fsync. */
  private void mark(List<List<MarkKeeper.Written>> groups) throws IOException {
    if (markFailure.get() != null) {
      return; // the writer refuses writes now; the next start marks what was written before
    }
    CommitProbe.Listener probe = CommitProbe.listener();
    long start = probe == null ? 0 : System.nanoTime();
    try {
      keeper.marked(groups);
      if (probe != null) {
        probe.marked(start, System.nanoTime());
      }
    } catch (IOException | RuntimeException e) {
      IOException failure = new IOException("the journal batch is written but its mark is not (" + marksFile + "): "
          + e.getMessage(), e);
      markFailure.compareAndSet(null, failure);
      markLog.error(failure, "the journal refuses writes until a restart");
      throw failure;
    }
  }

  /**
   * Never called: {@link #aroundReceive} answers every {@code WriteMessages} itself, so Pekko's
   * write path (breaker, dispatcher callbacks, resequencer) is not used. Refuses loudly rather than
   * write around the group commit should a Pekko version call it after all.
   */
  @Override
  public Future<Seq<Try<BoxedUnit>>> asyncWriteMessages(Seq<AtomicWrite> messages) {
    return scala.concurrent.Future$.MODULE$.failed(
        new UnsupportedOperationException("the group-commit journal answers WriteMessages itself"));
  }

  /**
   * A write request is taken here, before Pekko's {@code receive} sees it: serialized on this
   * thread, committed and answered on the writer's ({@link AnsweringWriter}).
   */
  @Override
  public void aroundReceive(PartialFunction<Object, BoxedUnit> receive, Object msg) {
    if (msg instanceof JournalProtocol.WriteMessages w) {
      write(w);
    } else if (msg instanceof JournalProtocol.ReplayMessages r && !publishesCommands) {
      replayUnlessEmpty(r);
    } else if (msg instanceof EventsToReplay e) {
      // Pekko's path asks asyncReadHighestSequenceNr on this thread: it gets this read's answer.
      alreadyRead = e;
      try {
        super.aroundReceive(receive, e.request());
      } finally {
        alreadyRead = null;
      }
    } else {
      super.aroundReceive(receive, msg);
    }
    if (moreWritesQueued && !writesQueued()) {
      // The writes the writer may be waiting for were not writes after all (or went elsewhere).
      moreWritesQueued = false;
      writer.expecting(false);
    }
  }

  /**
   * A recovery's replay request: its highest sequence number is read first (through Pekko's
   * breaker, behind the writes queued before it, as Pekko reads it), and a recovery with no events
   * to replay (its snapshot holds the last event: an agent that wrote nothing since its last
   * snapshot, or nothing yet) is answered {@code RecoverySuccess} here. Pekko would create a
   * replay-filter actor for it, send it the empty replay's end and stop it again: an actor's
   * set-up and stop per agent, on the journal's one actor every recovery passes through, for a
   * filter with nothing to filter (its answer to an empty replay is that same end). A recovery
   * with events goes to Pekko's own replay, filter and all ({@link EventsToReplay}), given the
   * number read here.
   */
  private void replayUnlessEmpty(JournalProtocol.ReplayMessages r) {
    ActorRef recovering = r.persistentActor();
    ActorRef self = self();
    // Pekko's own breaker (its accessor's Scala name): a read that times out or meets it open
    // fails the recovery as it would on Pekko's path, and counts toward the same breaker.
    Future<Object> highest = org$apache$pekko$persistence$journal$AsyncWriteJournal$$breaker().callWithCircuitBreaker(
        () -> asyncReadHighestSequenceNr(r.persistenceId(), Math.max(0L, r.fromSequenceNr() - 1)));
    FutureConverters.asJava(highest).whenCompleteAsync((h, failure) -> {
      if (failure != null) {
        recovering.tell(new JournalProtocol.ReplayMessagesFailure(EmptyReplay.cause(failure)), ActorRef.noSender());
      } else if (EmptyReplay.nothingToReplay(r.fromSequenceNr(), r.toSequenceNr(), (Long) h)) {
        recovering.tell(new JournalProtocol.RecoverySuccess((Long) h), ActorRef.noSender());
      } else {
        self.tell(new EventsToReplay(r, (Long) h), ActorRef.noSender());
      }
    }, CompletingThread.EXECUTOR);
  }

  private void write(JournalProtocol.WriteMessages w) {
    long now = System.nanoTime();
    CommitProbe.Listener probe = CommitProbe.listener();
    if (probe != null) {
      probe.received(now);
    }
    List<Put> puts = new ArrayList<>();
    List<MarkKeeper.Written> events = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    Set<String> tags = new LinkedHashSet<>();
    List<Throwable> rejections = new ArrayList<>();
    try {
      // Pekko's own preparation: the senders dropped and the configured event adapters applied.
      for (AtomicWrite a : CollectionConverters.asJava(preparePersistentBatch(w.messages()))) {
        rejections.add(addAtomic(a, puts, events, ids, tags));
      }
    } catch (Exception e) { // an adapter failed: every atomic write is rejected, as in Pekko
      puts.clear();
      events.clear();
      ids.clear();
      tags.clear();
      rejections.clear();
      for (PersistentEnvelope m : CollectionConverters.asJava(w.messages())) {
        if (m instanceof AtomicWrite) {
          rejections.add(e);
        }
      }
    }
    WriteAnswer answer = new WriteAnswer(w, rejections, !events.isEmpty(), self(), writer.deadline(now));
    moreWritesQueued = writesQueued();
    writer.submit(new Request(puts, events, tags, ids, answer), moreWritesQueued);
  }

  /**
   * One atomic write's puts, all or nothing: a payload that fails to serialize rejects its write and
   * leaves no part of it in the batch. Returns the rejection, or null.
   */
  private Throwable addAtomic(AtomicWrite a, List<Put> puts, List<MarkKeeper.Written> events, Set<String> ids,
      Set<String> tags) {
    // Appended in place and cut back on a failure: no lists of its own per write.
    int putsBefore = puts.size();
    int eventsBefore = events.size();
    Set<String> ownTags = Set.of();
    try {
      for (PersistentRepr p : CollectionConverters.asJava(a.payload())) {
        Set<String> t = add(p, puts, events);
        if (!t.isEmpty()) {
          ownTags = ownTags.isEmpty() ? new HashSet<>(t) : ownTags;
          ownTags.addAll(t);
        }
      }
    } catch (Exception e) { // Pekko's serializers throw NotSerializableException, checked, undeclared
      puts.subList(putsBefore, puts.size()).clear();
      events.subList(eventsBefore, events.size()).clear();
      return e;
    }
    tags.addAll(ownTags);
    ids.add(a.persistenceId());
    return null;
  }

  /** The writer's word that requests are durable: the subscribers are told on this actor's thread. */
  private void appended(ActorRef self, List<Request> confirmed) {
    if (!anySubscriber) {
      return;
    }
    Set<String> ids = new LinkedHashSet<>();
    Set<String> tags = new LinkedHashSet<>();
    for (Request r : confirmed) {
      ids.addAll(r.persistenceIds());
      tags.addAll(r.tags());
    }
    self.tell(new Appended(ids, tags), ActorRef.noSender());
  }

  /**
   * Whether the next message in this actor's mailbox is another write request: the writer lets a
   * commit wait for it (ten agents' writes confirmed together come back together). Only the head is
   * looked at; a mailbox that is not a queue counts any message.
   */
  private boolean writesQueued() {
    MessageQueue q = ((ActorCell) context()).mailbox().messageQueue();
    if (q instanceof Queue<?> queue) {
      return queue.peek() instanceof Envelope e && e.message() instanceof JournalProtocol.WriteMessages;
    }
    return q.hasMessages();
  }

  /**
   * The puts Pekko's {@code LeveldbStore.addToMessageBatch} makes for one event, byte for byte;
   * returns the event's tags.
   */
  private Set<String> add(PersistentRepr persistent, List<Put> puts, List<MarkKeeper.Written> events)
      throws Exception {
    PersistentRepr p = persistent;
    Set<String> own = Set.of();
    if (p.payload() instanceof Tagged t) {
      p = p.withPayload(t.payload());
      own = CollectionConverters.asJava(t.tags());
    }
    if (p.persistenceId().startsWith(TAG_PREFIX)) {
      throw new IllegalArgumentException("persistenceId [" + p.persistenceId() + "] must not start with " + TAG_PREFIX);
    }
    byte[] bytes = encoder.of(p, System.currentTimeMillis());
    int nid = numericId(p.persistenceId());
    puts.add(new Put(RawJournal.key(nid, 0L, 0), counter(p.sequenceNr())));
    puts.add(new Put(RawJournal.key(nid, p.sequenceNr(), 0), bytes));
    for (String tag : own) {
      int tagNid = tagNumericId(tag);
      long tagSeq = tagSequenceNr.computeIfAbsent(tag, k -> readHighestSequenceNr(tagNid)) + 1;
      tagSequenceNr.put(tag, tagSeq);
      puts.add(new Put(RawJournal.key(tagNid, 0L, 0), counter(tagSeq)));
      puts.add(new Put(RawJournal.key(tagNid, tagSeq, 0), bytes));
    }
    events.add(new MarkKeeper.Written(p.persistenceId(), p.sequenceNr(), bytes));
    return own;
  }

  private static byte[] counter(long n) {
    return ByteBuffer.allocate(8).putLong(n).array();
  }

  @Override
  public Future<Object> asyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
    if (alreadyRead != null && alreadyRead.request().persistenceId().equals(persistenceId)) {
      return scala.concurrent.Future$.MODULE$.successful(alreadyRead.highest()); // read by replayUnlessEmpty
    }
    int nid = numericId(persistenceId);
    JournalMarks.Mark m = keeper.mark(persistenceId).orElse(null);
    // Behind the writes submitted before it and their marks: the mark it checks is theirs.
    return reads.track(() -> FutureConverters.asScala(writer.barrier().thenCompose(v -> marker.barrier())
        .thenApplyAsync(v -> {
          long h = readHighestSequenceNr(nid);
          JournalMarks.Mark mark = keeper.mark(persistenceId).orElse(m);
          if (mark != null && h < mark.seq()) {
            throw new MarkedLeveldbJournal.LostTailException(persistenceId + ": the journal ends at #" + h
                + " but its mark says #" + mark.seq() + " was written (" + marksFile
                + "); the books are not whole: see `journal verify`");
          }
          return (Object) h;
        }, replayExecutor)));
  }

  @Override
  public Future<BoxedUnit> asyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
      scala.Function1<PersistentRepr, BoxedUnit> recoveryCallback) {
    return reads.track(() -> super.asyncReplayMessages(persistenceId, fromSequenceNr, toSequenceNr, max,
        recoveryCallback));
  }

  @Override
  public Future<BoxedUnit> asyncReplayTaggedMessages(String tag, long fromSequenceNr, long toSequenceNr, long max,
      scala.Function1<LeveldbJournal.ReplayedTaggedMessage, BoxedUnit> cb) {
    return reads.track(() -> super.asyncReplayTaggedMessages(tag, fromSequenceNr, toSequenceNr, max, cb));
  }

  @Override
  public Future<BoxedUnit> asyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
    // Behind the writes queued before it, like a read: it never races a commit of the same id.
    // The marks of those writes too: a mark made after the delete could not rebuild its chain.
    return reads.track(() -> FutureConverters.asScala(writer.barrier().thenCompose(v -> marker.barrier())
        .thenCompose(v -> FutureConverters.asJava(super.asyncDeleteMessagesTo(persistenceId, toSequenceNr)))));
  }

  @Override
  public PartialFunction<Object, BoxedUnit> receivePluginInternal() {
    return ReceiveBuilder.create()
        .match(GetStats.class, g -> sender().tell(new Stats(writer.committer().requests(), writer.committer().commits(),
            writer.committer().gathered()),
            self()))
        .match(Appended.class, this::notifySubscribers)
        .match(LeveldbJournal.SubscribePersistenceId.class, s -> subscribe(idSubscribers, s.persistenceId()))
        .match(LeveldbJournal.SubscribeTag.class, s -> subscribe(tagSubscribers, s.tag()))
        .match(Terminated.class, t -> {
          idSubscribers.values().forEach(s -> s.remove(t.actor()));
          tagSubscribers.values().forEach(s -> s.remove(t.actor()));
          super.receivePluginInternal().apply(t); // Pekko's all-persistence-ids subscribers
        })
        .build().onMessage().orElse(super.receivePluginInternal());
  }

  private void subscribe(Map<String, Set<ActorRef>> subscribers, String key) {
    anySubscriber = true;
    subscribers.computeIfAbsent(key, k -> new HashSet<>()).add(sender());
    context().watch(sender());
  }

  private void notifySubscribers(Appended a) {
    a.persistenceIds().forEach(pid -> idSubscribers.getOrDefault(pid, Set.of())
        .forEach(s -> s.tell(new LeveldbJournal.EventAppended(pid), self())));
    a.tags().forEach(tag -> tagSubscribers.getOrDefault(tag, Set.of())
        .forEach(s -> s.tell(new LeveldbJournal.TaggedEventAppended(tag), self())));
  }
}
