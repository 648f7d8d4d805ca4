package kis.actors.agent;

import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Wraps an event-sourced behavior so it stops at the first message after {@code givenUp} turns
 * true. A failed recovery is retried by Pekko's persist-failure backoff supervisor, which lives
 * inside the event-sourced behavior and has no "stop after N" that spares write failures; the
 * backoff's own scheduled restart passes through here first, so the actor stops instead of
 * recovering again.
 */
final class StopOnceGivenUp extends BehaviorInterceptor<Object, Object> {
  private final BooleanSupplier givenUp;

  StopOnceGivenUp(BooleanSupplier givenUp) {
    super(Object.class);
    this.givenUp = givenUp;
  }

  @SuppressWarnings("unchecked")
  static <T> Behavior<T> wrap(Behavior<T> inner, BooleanSupplier givenUp) {
    Behavior<Object> any = (Behavior<Object>) (Behavior<?>) inner;
    return (Behavior<T>) (Behavior<?>) Behaviors.intercept(() -> new StopOnceGivenUp(givenUp), any);
  }

  @Override
  public Behavior<Object> aroundReceive(TypedActorContext<Object> ctx, Object msg, ReceiveTarget<Object> target) {
    return givenUp.getAsBoolean() ? Behaviors.stopped() : target.apply(ctx, msg);
  }

  @Override
  public Behavior<Object> aroundSignal(TypedActorContext<Object> ctx, Signal signal, SignalTarget<Object> target) {
    return target.apply(ctx, signal);
  }
}
