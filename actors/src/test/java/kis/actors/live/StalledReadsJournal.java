package kis.actors.live;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.persistence.journal.inmem.InmemJournal;
import scala.concurrent.Future;
import scala.concurrent.Promise;

/**
 * Pekko's in-memory journal whose reads of the highest sequence number can be held (as a LevelDB
 * read queued behind a hundred full replays on a loaded machine is): a held read completes only when
 * {@link #release} is called, so the plugin's circuit breaker times it out (then opens) every time,
 * however fast or slow the machine. Nothing is lost or unreadable: once released, every read answers.
 */
public final class StalledReadsJournal extends InmemJournal {
  /** The plugin's configuration path. */
  public static final String PLUGIN = "stalled-reads-journal";

  private static final Object LOCK = new Object();
  private static boolean stalled;
  private static final List<Runnable> held = new ArrayList<>();
  private static final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
  private static final Set<String> unreadable = ConcurrentHashMap.newKeySet();

  public StalledReadsJournal(Config cfg) {
    super(cfg);
  }

  /**
   * The journal as the default plugin, its breaker's call timeout {@code callTimeoutMs}: small, so a
   * held read times out at once (Pekko's default is 10 s).
   */
  public static Config config(long callTimeoutMs) {
    return ConfigFactory.parseString("""
        pekko.persistence.journal.plugin = "%s"
        %s {
          class = "%s"
          plugin-dispatcher = "pekko.actor.default-dispatcher"
          circuit-breaker { max-failures = 2, call-timeout = %dms, reset-timeout = 100ms }
        }
        """.formatted(PLUGIN, PLUGIN, StalledReadsJournal.class.getName(), callTimeoutMs));
  }

  /** From now on, every read of a highest sequence number is held until {@link #release}. */
  public static void stall() {
    synchronized (LOCK) {
      stalled = true;
    }
  }

  /** Answers every held read and stops holding. */
  public static void release() {
    List<Runnable> answers;
    synchronized (LOCK) {
      stalled = false;
      answers = List.copyOf(held);
      held.clear();
    }
    answers.forEach(Runnable::run);
  }

  /**
   * From now on, every read of {@code persistenceId} fails as a damaged table file makes it (not
   * held; one held before fails at the release).
   */
  public static void failReads(String persistenceId) {
    unreadable.add(persistenceId);
  }

  /** How many times {@code persistenceId}'s highest sequence number was asked for (one per recovery). */
  public static int reads(String persistenceId) {
    AtomicInteger n = reads.get(persistenceId);
    return n == null ? 0 : n.get();
  }

  private static IllegalStateException corruption() {
    return new IllegalStateException("corruption in table file 000123.sst");
  }

  @Override
  public Future<Object> asyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
    reads.computeIfAbsent(persistenceId, p -> new AtomicInteger()).incrementAndGet();
    if (unreadable.contains(persistenceId)) {
      return Futures.failed(corruption());
    }
    synchronized (LOCK) {
      if (stalled) {
        Promise<Object> answer = Futures.promise();
        long highest = highestSequenceNr(persistenceId);
        // Answered as the journal is at the release: a read held across failReads fails too.
        held.add(() -> {
          if (unreadable.contains(persistenceId)) {
            answer.tryFailure(corruption());
          } else {
            answer.trySuccess(highest);
          }
        });
        return answer.future();
      }
    }
    return super.asyncReadHighestSequenceNr(persistenceId, fromSequenceNr);
  }
}
