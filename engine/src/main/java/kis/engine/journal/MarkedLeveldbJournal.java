package kis.engine.journal;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.leveldb.LeveldbJournal;
import scala.collection.immutable.Seq;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * Pekko's LevelDB journal that also keeps the {@link JournalMarks high-water marks}: after each
 * write batch is in LevelDB (synced), one mark line per persistence id in the batch is appended to
 * the marks file and fsynced, before the batch is confirmed to the persistent actors. The mark
 * hashes exactly the bytes LevelDB stored (captured in {@link #persistentToBytes}).
 *
 * <p>A mark that cannot be written fails the batch (the agent's persist fails and it restarts): the
 * events are in LevelDB, unmarked, and the next start accepts and marks them. Reading a persistence
 * id's highest sequence number fails when LevelDB's is below the mark: a lost tail never recovers
 * as if it were the whole journal.
 *
 * <p>Configured as {@code pekko.persistence.journal.leveldb.class}; the marks file sits next to
 * the journal dir ({@link JournalMarks#fileFor}).
 */
@SuppressWarnings("deprecation") // Pekko deprecates its LevelDB journal; it is still the engine's store
public final class MarkedLeveldbJournal extends LeveldbJournal {
  /** A journal that holds less than its marks say. */
  public static final class LostTailException extends IllegalStateException {
    LostTailException(String message) {
      super(message);
    }
  }

  private final List<MarkKeeper.Written> captured = new ArrayList<>();
  private MarkKeeper keeper;
  private Path marksFile;
  /** Reads running on the replay dispatcher: LevelDB must not be closed under them (a native crash). */
  private final ReadsInFlight reads = new ReadsInFlight();

  public MarkedLeveldbJournal(Config cfg) {
    super(cfg);
  }

  @Override
  public void preStart() {
    marksFile = MarkKeeper.fileBeside(leveldbDir().toPath());
    super.preStart();
    keeper = MarkKeeper.openOver(marksFile, config().getBoolean("fsync"), leveldb(), leveldbDir().toPath(),
        this::numericId);
  }

  @Override
  public void postStop() {
    // Pekko's LevelDB recovery reads on futures; closing the DB under a running iterator kills the
    // JVM (SIGSEGV in leveldbjni). A stop waits for the reads in flight, bounded.
    reads.awaitNone(java.time.Duration.ofSeconds(10));
    try {
      if (keeper != null) {
        keeper.close();
      }
    } catch (IOException e) {
      // Every append was fsynced already.
    }
    super.postStop();
  }

  @Override
  public byte[] persistentToBytes(PersistentRepr p) {
    byte[] bytes = super.persistentToBytes(p);
    captured.add(new MarkKeeper.Written(p.persistenceId(), p.sequenceNr(), bytes));
    return bytes;
  }

  @Override
  public Future<Seq<Try<BoxedUnit>>> asyncWriteMessages(Seq<AtomicWrite> messages) {
    captured.clear();
    Future<Seq<Try<BoxedUnit>>> written = super.asyncWriteMessages(messages);
    // LevelDB's store writes synchronously: the future is complete here.
    if (written.value().isEmpty() || written.value().get().isFailure()) {
      captured.clear();
      return written;
    }
    try {
      keeper.marked(List.of(captured)); // one synced batch: one commit group
      return written;
    } catch (IOException | RuntimeException e) {
      return scala.concurrent.Future$.MODULE$.failed(new IOException("the journal batch is written but its mark is not ("
          + marksFile + "): " + e.getMessage(), e));
    } finally {
      captured.clear();
    }
  }

  @Override
  public Future<BoxedUnit> asyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
      scala.Function1<PersistentRepr, BoxedUnit> recoveryCallback) {
    return reads.track(() -> super.asyncReplayMessages(persistenceId, fromSequenceNr, toSequenceNr, max,
        recoveryCallback));
  }

  @Override
  public Future<BoxedUnit> asyncReplayTaggedMessages(String tag, long fromSequenceNr, long toSequenceNr, long max,
      scala.Function1<org.apache.pekko.persistence.journal.leveldb.LeveldbJournal.ReplayedTaggedMessage, BoxedUnit> cb) {
    return reads.track(() -> super.asyncReplayTaggedMessages(tag, fromSequenceNr, toSequenceNr, max, cb));
  }

  @Override
  public Future<Object> asyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
    JournalMarks.Mark m = keeper.mark(persistenceId).orElse(null);
    Future<Object> highest = reads.track(() -> super.asyncReadHighestSequenceNr(persistenceId, fromSequenceNr));
    if (m == null) {
      return highest;
    }
    return FutureConverters.asScala(FutureConverters.asJava(highest).thenApplyAsync(h -> {
      if ((Long) h < m.seq()) {
        throw new LostTailException(persistenceId + ": the journal ends at #" + h + " but its mark says #" + m.seq()
            + " was written (" + marksFile + "); the books are not whole: see `journal verify`");
      }
      return h;
    }, CompletingThread.EXECUTOR));
  }
}
