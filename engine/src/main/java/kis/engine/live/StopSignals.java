package kis.engine.live;

import java.util.List;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT (Ctrl-C) start the engine's coordinated shutdown instead of the JVM's exit.
 * With the JVM's own handling the shutdown would run in a shutdown hook, and the process would end
 * with 143 (130) however cleanly it stopped; here {@code run} returns when the system has
 * terminated and exits 0. Pekko's shutdown hook stays as the fallback for other exits.
 */
public final class StopSignals {
  private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

  private StopSignals() {}

  /** Installs the handlers for {@code system}; where a signal cannot be handled, the JVM's default stays. */
  public static void install(ActorSystem<?> system) {
    for (String name : List.of("TERM", "INT")) {
      try {
        // sun.misc.Signal (jdk.unsupported) is the JDK's only way to handle a signal without exiting.
        sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
          LOG.info("SIG{}: coordinated shutdown", name);
          CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.jvmExitReason());
        });
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        LOG.debug("cannot handle SIG{}: {}", name, e.toString());
      }
    }
  }
}
