package kis.actors.live;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.journal.inmem.InmemJournal;
import scala.collection.immutable.Seq;
import scala.concurrent.Future;
import scala.concurrent.Promise;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Try;

/**
 * Pekko's in-memory journal whose writes a test scripts, one outcome per write of an agent: a write
 * fails as a full disk makes it fail, is rejected as an event that cannot be serialized is, or is held past the plugin's circuit-breaker call timeout (a
 * hung write: the breaker fails it, then fails calls fast while open) and then either lands or is
 * lost. A held write is settled before the agent's next recovery reads the journal, as the engine's
 * journal answers a read only after the writes asked of it before: the recovery finds it or not,
 * never later. Reads can also be held until {@link #release}, so a test can watch the agent recover.
 * Writes past the script, and every write of an agent without one, are plain.
 */
public final class SlowWritesJournal extends InmemJournal {
  /** The plugin's configuration path. */
  public static final String PLUGIN = "slow-writes-journal";

  /** What becomes of one write. */
  public enum Outcome {
    /** Fails at once with the disk's error. */
    FAILS,
    /** Never confirmed (the breaker times it out); the next recovery finds it written. */
    TIMES_OUT_AND_LANDS,
    /** Never confirmed (the breaker times it out); the next recovery finds nothing of it. */
    TIMES_OUT_AND_IS_LOST,
    /** Rejected as a journal rejects an event that fails to serialize; nothing of it is written. */
    REJECTED,
    /** Fails at once with an error quoting credentials (a database URL with its password): {@link #SECRET}. */
    FAILS_QUOTING_A_SECRET
  }

  /** The credential {@link Outcome#FAILS_QUOTING_A_SECRET}'s error quotes. */
  public static final String SECRET = "hunter2-s3cret";

  private static final Map<String, Queue<Outcome>> scripts = new ConcurrentHashMap<>();
  private static final Map<String, Queue<Runnable>> heldWrites = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
  private static final Object LOCK = new Object();
  private static final java.util.Set<String> readsHeld = new java.util.HashSet<>();
  private static final List<Runnable> heldReads = new ArrayList<>();

  public SlowWritesJournal(Config cfg) {
    super(cfg);
  }

  /** The journal as the default plugin, its breaker's call timeout {@code callTimeoutMs} (open after 2 failures). */
  public static Config config(long callTimeoutMs) {
    return ConfigFactory.parseString("""
        pekko.persistence.journal.plugin = "%s"
        %s {
          class = "%s"
          plugin-dispatcher = "pekko.actor.default-dispatcher"
          circuit-breaker { max-failures = 2, call-timeout = %dms, reset-timeout = 100ms }
        }
        """.formatted(PLUGIN, PLUGIN, SlowWritesJournal.class.getName(), callTimeoutMs));
  }

  /** The next writes of {@code persistenceId} have {@code outcomes}, one each. */
  public static void script(String persistenceId, Outcome... outcomes) {
    scripts.computeIfAbsent(persistenceId, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(outcomes));
  }

  /** From now on every read of {@code persistenceId}'s highest sequence number is held until {@link #release}. */
  public static void holdReads(String persistenceId) {
    synchronized (LOCK) {
      readsHeld.add(persistenceId);
    }
  }

  /** Answers every held read and holds no more. */
  public static void release() {
    List<Runnable> answers;
    synchronized (LOCK) {
      readsHeld.clear();
      answers = List.copyOf(heldReads);
      heldReads.clear();
    }
    answers.forEach(Runnable::run);
  }

  /** How many writes of {@code persistenceId} were asked for. */
  public static int writes(String persistenceId) {
    AtomicInteger n = writes.get(persistenceId);
    return n == null ? 0 : n.get();
  }

  @Override
  public Future<Seq<Try<scala.runtime.BoxedUnit>>> asyncWriteMessages(Seq<AtomicWrite> messages) {
    String pid = messages.head().persistenceId();
    writes.computeIfAbsent(pid, p -> new AtomicInteger()).incrementAndGet();
    Queue<Outcome> script = scripts.get(pid);
    Outcome outcome = script == null ? null : script.poll();
    if (outcome == null) {
      return super.asyncWriteMessages(messages);
    }
    if (outcome == Outcome.FAILS) {
      return Futures.failed(new IOException("No space left on device"));
    }
    if (outcome == Outcome.FAILS_QUOTING_A_SECRET) {
      return Futures.failed(new IOException("jdbc:postgresql://kis:" + SECRET + "@db:5432/kis?password=" + SECRET
          + " refused the write: No space left on device"));
    }
    if (outcome == Outcome.REJECTED) {
      List<Try<scala.runtime.BoxedUnit>> rejected = new ArrayList<>();
      CollectionConverters.asJava(messages).forEach(m -> rejected.add(new scala.util.Failure<>(
          new NotSerializableException("no serializer for the event"))));
      return Futures.successful(CollectionConverters.asScala(rejected).toList());
    }
    Promise<Seq<Try<scala.runtime.BoxedUnit>>> confirmed = Futures.promise();
    heldWrites.computeIfAbsent(pid, p -> new ConcurrentLinkedQueue<>()).add(() -> {
      if (outcome == Outcome.TIMES_OUT_AND_LANDS) {
        confirmed.tryCompleteWith(super.asyncWriteMessages(messages));
      } else {
        confirmed.tryFailure(new IOException("the held write was lost"));
      }
    });
    return confirmed.future();
  }

  @Override
  public Future<Object> asyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
    Queue<Runnable> held = heldWrites.get(persistenceId);
    for (Runnable settle = held == null ? null : held.poll(); settle != null; settle = held.poll()) {
      settle.run(); // on the journal's own thread, before the read: found or not, never later
    }
    synchronized (LOCK) {
      if (readsHeld.contains(persistenceId)) {
        Promise<Object> answer = Futures.promise();
        long highest = highestSequenceNr(persistenceId);
        heldReads.add(() -> answer.trySuccess(highest));
        return answer.future();
      }
    }
    return super.asyncReadHighestSequenceNr(persistenceId, fromSequenceNr);
  }
}
