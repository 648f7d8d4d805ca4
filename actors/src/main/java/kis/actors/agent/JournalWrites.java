package kis.actors.agent;

import java.time.Duration;
import kis.journal.AgentId;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * How long agents wait for their journal writes, per actor system: every {@link Agent} reports
 * each persisted batch here, and whoever cares (the engine's metrics) sets one {@link Listener}.
 * An extension rather than a constructor argument so that timing needs no change to how agents
 * are created.
 */
public final class JournalWrites implements Extension {

  /** Hears each batch; called on the agent's thread, so it must be quick and must not throw. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param agent the agent's journal id
     * @param events events in the batch
     * @param latency from handing the batch to the journal to the write being confirmed
     */
    void written(AgentId agent, int events, Duration latency);

    /**
     * The same batch with both instants ({@link System#nanoTime()}), for a listener that lines a
     * write up with other stamps (the bench's tick-to-order split); by default the latency only.
     *
     * @param persistNanos when the agent handed the batch to the journal
     * @param confirmedNanos when the agent heard it confirmed (after the fsync that holds it)
     */
    default void written(AgentId agent, int events, long persistNanos, long confirmedNanos) {
      written(agent, events, Duration.ofNanos(confirmedNanos - persistNanos));
    }
  }

  private static final Listener NONE = (a, n, d) -> { };

  private volatile Listener listener = NONE;

  private JournalWrites() {}

  /** The system's instance. */
  public static JournalWrites get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /** Replaces the listener; null removes it. */
  public void listen(Listener l) {
    listener = l == null ? NONE : l;
  }

  void written(AgentId agent, int events, long startNanos) {
    try {
      listener.written(agent, events, startNanos, System.nanoTime());
    } catch (RuntimeException e) {
      // Metrics never take an agent down.
    }
  }

  private static final class Id extends ExtensionId<JournalWrites> {
    static final Id INSTANCE = new Id();

    @Override
    public JournalWrites createExtension(ActorSystem<?> system) {
      return new JournalWrites();
    }
  }
}
