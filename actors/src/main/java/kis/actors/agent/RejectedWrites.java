package kis.actors.agent;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.JournalProtocol;

/**
 * Hands an event-sourced behavior the journal's rejection of an event (it could not be serialized)
 * as a failed write: Pekko would fail the actor with an {@code EventRejectedException} that its
 * persist-failure supervisor does not take, so the actor stopped and its commands waiting behind the
 * write were lost. As a failure ({@link Rejected} in the cause), it goes the failed write's way:
 * restarted with backoff, the commands kept, counted toward parking the agent; an event that fails to
 * serialize fails again every time, and the count ends it parked instead of restarting forever.
 */
final class RejectedWrites extends BehaviorInterceptor<Object, Object> {

  /** The cause of a write failure that was the journal's rejection of its event. */
  static final class Rejected extends Exception {
    Rejected(Throwable rejection) {
      super("the journal rejected the event, it could not be serialized: " + rejection, rejection);
    }
  }

  private RejectedWrites() {
    super(Object.class);
  }

  @SuppressWarnings("unchecked")
  static <T> Behavior<T> asFailures(Behavior<T> inner) {
    Behavior<Object> any = (Behavior<Object>) (Behavior<?>) inner;
    return (Behavior<T>) (Behavior<?>) Behaviors.intercept(RejectedWrites::new, any);
  }

  @Override
  public Behavior<Object> aroundReceive(TypedActorContext<Object> ctx, Object msg, ReceiveTarget<Object> target) {
    if (msg instanceof JournalProtocol.WriteMessageRejected r) {
      return target.apply(ctx, new JournalProtocol.WriteMessageFailure(r.message(), new Rejected(r.cause()),
          r.actorInstanceId()));
    }
    return target.apply(ctx, msg);
  }

  @Override
  public Behavior<Object> aroundSignal(TypedActorContext<Object> ctx, Signal signal, SignalTarget<Object> target) {
    return target.apply(ctx, signal);
  }
}
