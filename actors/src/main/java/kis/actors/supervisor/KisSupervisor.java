package kis.actors.supervisor;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import kis.actors.gateway.OrderGateway;
import kis.actors.reconcile.ReconcilerActor;
import kis.connector.KisConnector;
import kis.connector.ws.KisFeedEvent;
import kis.journal.Symbol;
import kis.journal.calendar.SessionClock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Owns the KIS websocket session: connects, subscribes, watches, reconnects. (Protocol first;
 * behaviour follows.)
 */
public final class KisSupervisor {

  /** What a reconnect renews. */
  public enum Level {
    /** A new socket with the same approval key. */
    WEBSOCKET,
    /** A new approval key, then a new socket. */
    APPROVAL_KEY,
    /** Everything: close, wait out a backoff, authenticate afresh, connect. */
    SESSION
  }

  /** Everything the supervisor accepts. */
  public interface Command {}

  /** Forward {@code symbol}'s trades and order book to {@code subscriber}, across reconnects. */
  public record SubscribeMarket(Symbol symbol, ActorRef<KisFeedEvent> subscriber) implements Command {}

  /** Tell {@code subscriber} every status change (LIVE only after the post-connect reconciliation). */
  public record WatchStatus(ActorRef<Status> subscriber) implements Command {}

  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /** Operator or test: reconnect now at {@code level}. */
  public record ForceReconnect(Level level) implements Command {}

  /**
   * The connection as the supervisor sees it.
   *
   * @param state the state machine's current state
   * @param since when it entered that state
   * @param reconnects reconnects so far, by level
   * @param lastCause why the last connection ended, if one did
   * @param symbols market symbols subscribed
   */
  public record Status(ConnectionState state, Instant since, Map<Level, Long> reconnects, Optional<String> lastCause,
      int symbols) {}

  private KisSupervisor() {}

  /**
   * @param connector the app key's connector (REST, tokens, websocket factory)
   * @param gateway gets every execution notice
   * @param reconciler runs after every (re)connect before the supervisor reports LIVE
   * @param sessions the market phase for the trade-silence watchdog
   */
  public static Behavior<Command> create(KisConnector connector, SupervisorSettings settings,
      ActorRef<OrderGateway.Command> gateway, ActorRef<ReconcilerActor.Command> reconciler, SessionClock sessions) {
    return Behaviors.empty();
  }
}
