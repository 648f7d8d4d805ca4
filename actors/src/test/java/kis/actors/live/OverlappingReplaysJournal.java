package kis.actors.live;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.inmem.InmemJournal;
import scala.Function1;
import scala.concurrent.Future;
import scala.concurrent.Promise;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Pekko's in-memory journal whose replays a test scripts, one step per replay of an agent: a replay
 * is held (it sends nothing, so the try times out as slow, and stays running, as a replay whose
 * read a loaded journal queued does), a later one sends each event together with the held replay's
 * copy of it (two replays of one agent overlapping) and then lets the held one end or not, or lets
 * the held replay end and is held itself; and a replay can skip an event (a real gap) every time. A
 * held replay ends when a step or {@link #endHeld} says so, never by itself. The replay filter is
 * off, so what the journal sends reaches the agent in the order it is sent, whatever the load.
 */
public final class OverlappingReplaysJournal extends InmemJournal {
  /** The plugin's configuration path. */
  public static final String PLUGIN = "overlapping-replays-journal";

  /** What one replay does. */
  public enum Step {
    /** Send nothing, and keep the replay open: the try times out and this replay runs on, stale. */
    HOLD,
    /** Send each event, each followed by the held replay's copy of it; then the held replay ends. */
    INTERLEAVE_HELD,
    /** As {@link #INTERLEAVE_HELD}, but the held replay runs on after it. */
    INTERLEAVE_HELD_RUNNING_ON,
    /**
     * Let the held replay end (it says which event it ended at) and send nothing of this one's: this
     * one is held in its place.
     */
    END_HELD
  }

  private record Held(Function1<PersistentRepr, BoxedUnit> callback, Promise<BoxedUnit> done) {}

  private static final Map<String, Queue<Step>> scripts = new ConcurrentHashMap<>();
  private static final Map<String, Held> held = new ConcurrentHashMap<>();
  private static final Map<String, Long> skipped = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> replays = new ConcurrentHashMap<>();

  public OverlappingReplaysJournal(Config cfg) {
    super(cfg);
  }

  /** The journal as the default plugin; a try that gets no event for {@code eventTimeoutMs} times out as slow. */
  public static Config config(long eventTimeoutMs) {
    return ConfigFactory.parseString("""
        pekko.persistence.journal.plugin = "%s"
        %s {
          class = "%s"
          plugin-dispatcher = "pekko.actor.default-dispatcher"
          replay-filter.mode = off
          recovery-event-timeout = %dms
        }
        """.formatted(PLUGIN, PLUGIN, OverlappingReplaysJournal.class.getName(), eventTimeoutMs));
  }

  /** The next replays of {@code persistenceId} do {@code steps}, one each; the replays after them are plain. */
  public static void script(String persistenceId, Step... steps) {
    scripts.computeIfAbsent(persistenceId, p -> new ConcurrentLinkedQueue<>()).addAll(java.util.List.of(steps));
  }

  /** Every replay of {@code persistenceId} from now on leaves out event {@code sequenceNr}, as a lost record does. */
  public static void skipAlways(String persistenceId, long sequenceNr) {
    skipped.put(persistenceId, sequenceNr);
  }

  /** Ends the held replay of {@code persistenceId}, if any, as a slow journal's finally finishes. */
  public static void endHeld(String persistenceId) {
    Held stale = held.remove(persistenceId);
    if (stale != null) {
      stale.done().trySuccess(BoxedUnit.UNIT);
    }
  }

  /** How many replays of {@code persistenceId} were asked for. */
  public static int replays(String persistenceId) {
    AtomicInteger n = replays.get(persistenceId);
    return n == null ? 0 : n.get();
  }

  @Override
  public Future<BoxedUnit> asyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
      Function1<PersistentRepr, BoxedUnit> callback) {
    replays.computeIfAbsent(persistenceId, p -> new AtomicInteger()).incrementAndGet();
    Queue<Step> script = scripts.get(persistenceId);
    Step step = script == null ? null : script.poll();
    if (step == Step.HOLD) {
      Promise<BoxedUnit> done = Futures.promise();
      held.put(persistenceId, new Held(callback, done));
      return done.future();
    }
    if (step == Step.END_HELD) {
      endHeld(persistenceId);
      Promise<BoxedUnit> done = Futures.promise(); // this one's events do not come: the try times out if it waits
      held.put(persistenceId, new Held(callback, done));
      return done.future();
    }
    boolean interleaving = step == Step.INTERLEAVE_HELD || step == Step.INTERLEAVE_HELD_RUNNING_ON;
    Held stale = interleaving ? held.get(persistenceId) : null;
    Long skip = skipped.get(persistenceId);
    Future<BoxedUnit> replayed = super.asyncReplayMessages(persistenceId, fromSequenceNr, toSequenceNr, max,
        new AbstractFunction1<PersistentRepr, BoxedUnit>() {
          @Override
          public BoxedUnit apply(PersistentRepr p) {
            if (skip != null && p.sequenceNr() == skip) {
              return BoxedUnit.UNIT;
            }
            callback.apply(p);
            if (stale != null) {
              stale.callback().apply(p);
            }
            return BoxedUnit.UNIT;
          }
        });
    if (step == Step.INTERLEAVE_HELD) {
      endHeld(persistenceId);
    }
    return replayed;
  }
}
