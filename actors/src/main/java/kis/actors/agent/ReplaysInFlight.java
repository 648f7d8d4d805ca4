package kis.actors.agent;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.RecoveryPermitter;
import org.apache.pekko.persistence.SnapshotProtocol;

/**
 * The journal replays an agent's recovery tries asked for that may still be sending it events. A
 * try that fails before its replay ended (it timed out, or met an event out of sequence) does not
 * cancel it: Pekko's journal replays on and sends the rest, and then the replay's end, to the same
 * actor, where the next try takes them for its own. Every replay ends with exactly one message
 * ({@code RecoverySuccess} or {@code ReplayMessagesFailure}) after all its events, so a replay is
 * still running from the moment its try asked for it until its end arrived.
 *
 * <p>A try is <em>clean</em> if no earlier try's replay was still running when it asked for its own:
 * nothing but its own replay can reach it, so an event out of sequence there is the journal's (a
 * real gap, counted as damage). On a try that is not clean it is interference (not counted). And an
 * end that arrives while an earlier replay may still be running may be that replay's: the try does
 * not complete on it ({@link #endIsOwn}).
 *
 * <p>When a try asks for its replay is read off the messages the actor receives, which this class
 * sees before the event-sourced behavior does ({@link #watch}): the recovery permit starts a try's
 * snapshot load, and the snapshot's answer, if the try did not fail on it, makes the try ask the
 * journal for its events. What a replay sends outside a try's replaying is kept from the behavior:
 * Pekko would stash it while a try waits (for its backoff or its recovery permit) and meet it again
 * only once recovered, where it is unexpected and ends the unstashing, so commands stashed behind it
 * would wait for the next message to arrive. Touched only on the agent's thread.
 */
final class ReplaysInFlight {

  private enum Phase {
    /** Failed, in backoff, or waiting for a recovery permit: a journal message arriving now is stashed or dropped. */
    WAITING,
    /** Loading the snapshot: its answer, unless the try fails on it, makes the try ask for its replay. */
    SNAPSHOT,
    /** Replaying: the journal's events and end arriving now are folded as this try's. */
    EVENTS,
    /** Recovered. */
    RUNNING
  }

  private Phase phase = Phase.WAITING;
  /** Replays asked for by this actor's tries. */
  private long asked;
  /** Replays whose end has arrived. */
  private long ended;
  /** Earlier tries' replays still running when this try asked for its own. */
  private long earlierAtAsk;
  /** Ends arrived since this try asked for its replay. */
  private long endsSinceAsk;
  /** Whether the end this try is processing is its own for sure. */
  private boolean endIsOwn = true;

  /** The agent's behavior, with its replays counted off what it receives. */
  @SuppressWarnings("unchecked")
  <T> Behavior<T> watch(Behavior<T> inner) {
    Behavior<Object> any = (Behavior<Object>) (Behavior<?>) inner;
    return (Behavior<T>) (Behavior<?>) Behaviors.intercept(() -> new Watch(this), any);
  }

  /** A message arrives at the actor, before the behavior sees it; returns whether the behavior should. */
  boolean arriving(Object msg) {
    if (msg instanceof RecoveryPermitter.Reply) {
      phase = Phase.SNAPSHOT; // the permit granted: the try sends its snapshot load
      return true;
    }
    boolean end = msg instanceof JournalProtocol.RecoverySuccess
        || msg instanceof JournalProtocol.ReplayMessagesFailure;
    if (end) {
      if (phase == Phase.EVENTS) {
        endIsOwn = earlierAtAsk - endsSinceAsk <= 0;
        endsSinceAsk++;
      }
      ended++;
    }
    return phase == Phase.EVENTS || !(end || msg instanceof JournalProtocol.ReplayedMessage);
  }

  /** The behavior has handled {@code msg} (a failure it signalled has been heard: {@link #tryFailed}). */
  void handled(Object msg) {
    boolean snapshotAnswer = msg instanceof SnapshotProtocol.LoadSnapshotResult
        || msg instanceof SnapshotProtocol.LoadSnapshotFailed;
    if (snapshotAnswer && phase == Phase.SNAPSHOT) {
      // The try did not fail on the answer: it has asked the journal for its events.
      earlierAtAsk = asked - ended;
      endsSinceAsk = 0;
      endIsOwn = earlierAtAsk == 0;
      asked++;
      phase = Phase.EVENTS;
    }
  }

  /** This try failed; the next starts after backoff, with its recovery permit. */
  void tryFailed() {
    phase = Phase.WAITING;
  }

  /** This try recovered the books. */
  void completed() {
    phase = Phase.RUNNING;
  }

  /** A write failed: the agent restarts and recovers again. */
  void restarting() {
    phase = Phase.WAITING;
  }

  /** Whether an earlier try's replay was still running when this try asked for its own (the try is not clean). */
  boolean interfered() {
    return earlierAtAsk > 0;
  }

  /** Whether the end this try is completing on is surely its own replay's (no earlier replay could have sent it). */
  boolean endIsOwn() {
    return endIsOwn;
  }

  /** Replays asked for whose end has not arrived (this try's own included). */
  long running() {
    return asked - ended;
  }

  private static final class Watch extends BehaviorInterceptor<Object, Object> {
    private final ReplaysInFlight replays;

    Watch(ReplaysInFlight replays) {
      super(Object.class);
      this.replays = replays;
    }

    @Override
    public Behavior<Object> aroundReceive(TypedActorContext<Object> ctx, Object msg, ReceiveTarget<Object> target) {
      if (!replays.arriving(msg)) {
        return Behaviors.same(); // a stale replay's, outside any replaying: nothing would fold it
      }
      Behavior<Object> next = target.apply(ctx, msg);
      replays.handled(msg);
      return next;
    }

    @Override
    public Behavior<Object> aroundSignal(TypedActorContext<Object> ctx, Signal signal, SignalTarget<Object> target) {
      return target.apply(ctx, signal);
    }
  }
}
