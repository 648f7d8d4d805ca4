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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Terminated;
import org.apache.pekko.japi.pf.ReceiveBuilder;
import org.apache.pekko.persistence.AtomicWrite;
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
import scala.util.Failure;
import scala.util.Success;
import scala.util.Try;

/**
 * The engine's LevelDB journal with group commit: Pekko's LevelDB journal writes every write
 * request as its own synced batch, so ten agents persisting at once pay ten fsyncs one after the
 * other. Here one writer thread ({@link GroupCommitter}) commits every request that arrived while
 * the previous fsync was in flight as one synced LevelDB batch (at most
 * {@code group-commit-max-events} events), then appends their {@link JournalMarks high-water marks}
 * (one more fsync), and only then confirms each request to its persistent actor.
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
  private static final String TAG_PREFIX = "$$$";

  /** Asks the journal how many write requests and commits it made; answered with {@link Stats}. */
  public enum GetStats { INSTANCE }

  /** Write requests (one per persistent actor's write) and the commits (fsyncs) that held them. */
  public record Stats(long requests, long commits) {}

  private record Put(byte[] key, byte[] value) {}

  private record Request(List<Put> puts, List<MarkKeeper.Written> events) {}

  /** Sent to itself when a commit is durable, so the subscribers are told on the actor's thread. */
  private record Appended(Set<String> persistenceIds, Set<String> tags) {}

  private final Map<String, Long> tagSequenceNr = new HashMap<>();
  private final Map<String, Set<ActorRef>> idSubscribers = new HashMap<>();
  private final Map<String, Set<ActorRef>> tagSubscribers = new HashMap<>();
  private final ReadsInFlight reads = new ReadsInFlight();
  private GroupCommitter<Request> writer;
  private MarkKeeper keeper;
  private Path marksFile;
  private Executor replayExecutor;

  public GroupCommitLeveldbJournal(Config cfg) {
    super(cfg);
  }

  @Override
  public void preStart() {
    marksFile = MarkKeeper.fileBeside(leveldbDir().toPath());
    super.preStart();
    keeper = MarkKeeper.openOver(marksFile, config().getBoolean("fsync"), leveldb(), leveldbDir().toPath(),
        this::numericId);
    replayExecutor = context().system().dispatchers().lookup(config().getString("replay-dispatcher"));
    int maxGroup = config().hasPath(MAX_GROUP_KEY) ? config().getInt(MAX_GROUP_KEY) : 1000;
    writer = GroupCommitter.start(this::commit, maxGroup, "kis-journal-writer");
  }

  @Override
  public void postStop() {
    // Queued writes are committed before LevelDB closes; reads in flight finish first (leveldbjni
    // crashes the JVM when the DB closes under an iterator).
    boolean stopped = writer == null || writer.close(Duration.ofSeconds(20));
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

  /** The writer thread's commit: one synced LevelDB batch, then the marks (fsynced). */
  private void commit(List<Request> group) throws IOException {
    WriteBatch batch = leveldb().createWriteBatch();
    try {
      for (Request r : group) {
        for (Put p : r.puts()) {
          batch.put(p.key(), p.value());
        }
      }
      leveldb().write(batch, leveldbWriteOptions());
    } finally {
      batch.close();
    }
    List<MarkKeeper.Written> events = new ArrayList<>();
    group.forEach(r -> events.addAll(r.events()));
    try {
      keeper.marked(events);
    } catch (IOException | RuntimeException e) {
      throw new IOException("the journal batch is written but its mark is not (" + marksFile + "): "
          + e.getMessage(), e);
    }
  }

  @Override
  public Future<Seq<Try<BoxedUnit>>> asyncWriteMessages(Seq<AtomicWrite> messages) {
    List<Try<BoxedUnit>> results = new ArrayList<>();
    List<Put> puts = new ArrayList<>();
    List<MarkKeeper.Written> events = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    Set<String> tags = new LinkedHashSet<>();
    for (AtomicWrite a : CollectionConverters.asJava(messages)) {
      try {
        // All or nothing per atomic write: a payload that fails to serialize rejects its write
        // and leaves no part of it in the batch.
        List<Put> own = new ArrayList<>();
        List<MarkKeeper.Written> ownEvents = new ArrayList<>();
        Set<String> ownTags = new HashSet<>();
        for (PersistentRepr p : CollectionConverters.asJava(a.payload())) {
          add(p, own, ownEvents, ownTags);
        }
        puts.addAll(own);
        events.addAll(ownEvents);
        tags.addAll(ownTags);
        ids.add(a.persistenceId());
        results.add(new Success<>(BoxedUnit.UNIT));
      } catch (RuntimeException e) {
        results.add(new Failure<>(e));
      }
    }
    Seq<Try<BoxedUnit>> outcome = CollectionConverters.asScala(results).toList();
    if (events.isEmpty()) {
      return Future.successful(outcome);
    }
    ActorRef self = self();
    CompletableFuture<Void> done = writer.submit(new Request(puts, events), events.size());
    done.thenRun(() -> self.tell(new Appended(ids, tags), ActorRef.noSender()));
    return FutureConverters.asScala(done.thenApply(v -> outcome));
  }

  /** The puts Pekko's {@code LeveldbStore.addToMessageBatch} makes for one event, byte for byte. */
  private void add(PersistentRepr persistent, List<Put> puts, List<MarkKeeper.Written> events, Set<String> tags) {
    PersistentRepr p = persistent;
    Set<String> own = Set.of();
    if (p.payload() instanceof Tagged t) {
      p = p.withPayload(t.payload());
      own = CollectionConverters.asJava(t.tags());
    }
    if (p.persistenceId().startsWith(TAG_PREFIX)) {
      throw new IllegalArgumentException("persistenceId [" + p.persistenceId() + "] must not start with " + TAG_PREFIX);
    }
    byte[] bytes = persistentToBytes(p.withTimestamp(System.currentTimeMillis()));
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
    tags.addAll(own);
    events.add(new MarkKeeper.Written(p.persistenceId(), p.sequenceNr(), bytes));
  }

  private static byte[] counter(long n) {
    return ByteBuffer.allocate(8).putLong(n).array();
  }

  @Override
  public Future<Object> asyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
    int nid = numericId(persistenceId);
    JournalMarks.Mark m = keeper.mark(persistenceId).orElse(null);
    return reads.track(() -> FutureConverters.asScala(writer.barrier().thenApplyAsync(v -> {
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
    return reads.track(() -> FutureConverters.asScala(writer.barrier().thenCompose(v ->
        FutureConverters.asJava(super.asyncDeleteMessagesTo(persistenceId, toSequenceNr)))));
  }

  @Override
  public PartialFunction<Object, BoxedUnit> receivePluginInternal() {
    return ReceiveBuilder.create()
        .match(GetStats.class, g -> sender().tell(new Stats(writer.requests(), writer.commits()), self()))
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
