package kis.actors.agent;

import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.util.Timeout;
import scala.reflect.ClassTag;
import scala.util.Try;

/**
 * {@link ActorContext#ask} without the thread hop it takes in Pekko's Java API: there the answer's
 * Scala future is turned into a {@code CompletionStage} whose {@code handle} runs asynchronously
 * (on the common pool, or, where that pool has a single thread as on two cores, on a new thread
 * per answer), so each answer waited for another thread before it was even queued for the asking
 * actor. In the tick-to-order bench that was the largest step of the order's queue part: the
 * account keeper's verdict before each placement took 0.7-1.9 ms from the keeper to the host at the
 * median on a loaded machine, 0.2-0.25 ms with this. Here the Scala API's ask is used, which
 * queues the answer for the actor on the thread that completes it. Same semantics otherwise: the
 * mapping runs in the actor, a timeout arrives as a failure.
 */
public final class DirectAsk {
  private DirectAsk() {}

  /**
   * Asks {@code target} with the request {@code createRequest} builds for a reply ref; the answer
   * (or the failure, a timeout after {@code timeout}) is mapped by {@code applyToResponse} in the
   * actor, as with {@link ActorContext#ask}.
   */
  public static <T, Req, Res> void ask(ActorContext<T> ctx, Class<Res> resClass, RecipientRef<Req> target,
      Duration timeout, Function<ActorRef<Res>, Req> createRequest, BiFunction<Res, Throwable, T> applyToResponse) {
    ctx.asScala().<Req, Res>ask(target, createRequest::apply,
        (Try<Res> t) -> t.isSuccess() ? applyToResponse.apply(t.get(), null) : applyToResponse.apply(null, t.failed().get()),
        Timeout.create(timeout), ClassTag.apply(resClass));
  }

  /**
   * As {@link ActorContext#askWithStatus}: the target answers a {@link StatusReply}, whose error
   * arrives as the failure ({@link StatusReply.ErrorMessage}), without the common pool's hop.
   */
  public static <T, Req, Res> void askWithStatus(ActorContext<T> ctx, Class<Res> resClass, RecipientRef<Req> target,
      Duration timeout, Function<ActorRef<StatusReply<Res>>, Req> createRequest,
      BiFunction<Res, Throwable, T> applyToResponse) {
    ctx.asScala().<Req, Res>askWithStatus(target, createRequest::apply,
        (Try<Res> t) -> t.isSuccess() ? applyToResponse.apply(t.get(), null) : applyToResponse.apply(null, t.failed().get()),
        Timeout.create(timeout), ClassTag.apply(resClass));
  }
}
