package kis.engine.live;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kis.actors.supervisor.ConnectionState;
import kis.actors.supervisor.KisSupervisor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * When the engine's first KIS connection attempt has settled: LIVE (subscribed and gap-filled), or
 * any state a waiting operator has to see (degraded, reconnecting after a failed open, disabled).
 * {@code run} starts its dashboard then, not beside the connection: on a small host the dashboard's
 * start (the HTTP server, its routes, the journal feed) is about a second of CPU that otherwise
 * competes with the path to LIVE (bench/README.md, {@code live7}). No later than {@link #WAIT_AT_MOST}
 * after the engine started, whatever the connection does, so a connection that hangs is on the page.
 */
public final class FirstConnection {
  /** The longest {@code run} holds the dashboard back for the first connection. */
  public static final Duration WAIT_AT_MOST = Duration.ofSeconds(10);

  private FirstConnection() {}

  /** Completes with the first settled state {@code supervisor} reports (never completes exceptionally). */
  public static CompletionStage<ConnectionState> settled(ActorSystem<?> system,
      ActorRef<KisSupervisor.Command> supervisor) {
    CompletableFuture<ConnectionState> done = new CompletableFuture<>();
    ActorRef<KisSupervisor.Status> watcher = system.systemActorOf(watcher(done), "first-connection", Props.empty());
    supervisor.tell(new KisSupervisor.WatchStatus(watcher));
    return done;
  }

  /**
   * Hears the supervisor's statuses until the first settled one; stays, ignoring the rest, as the
   * supervisor keeps telling its watchers every change.
   */
  static Behavior<KisSupervisor.Status> watcher(CompletableFuture<ConnectionState> done) {
    return Behaviors.receive(KisSupervisor.Status.class)
        .onMessage(KisSupervisor.Status.class, s -> {
          if (!hasSettled(s.state())) {
            return Behaviors.same();
          }
          done.complete(s.state());
          return Behaviors.ignore();
        })
        .build();
  }

  /** Whether the first attempt is over: every state but those of an attempt under way. */
  static boolean hasSettled(ConnectionState s) {
    return switch (s) {
      case DISCONNECTED, AUTHENTICATING, CONNECTING, SUBSCRIBING -> false;
      case LIVE, STALE, DEGRADED, RECONNECTING, DISABLED -> true;
    };
  }
}
