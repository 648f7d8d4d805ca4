package kis.strategies.event;

import java.time.Instant;
import kis.journal.event.OrderEvent;

/**
 * Something happened to one of the strategy's own orders: the journaled event itself, delivered
 * after the agent's state has folded it (so {@code ctx.state()} already shows its effect).
 *
 * <p>Delivered: {@code OrderAccepted}, {@code OrderRejected}, {@code OrderDenied},
 * {@code OrderFilled}, {@code OrderRevised}, {@code ModifyRejected}, {@code OrderCancelled},
 * {@code OrderExpired}, {@code OrderInDoubt}, {@code InDoubtResolved}. Not delivered: the
 * write-ahead requests ({@code OrderRequested}, {@code ReviseRequested}, {@code CancelRequested}),
 * which only echo the strategy's own intents.
 */
public record OrderUpdate(OrderEvent event) implements StrategyEvent {
  public OrderUpdate {
    if (event == null) {
      throw new IllegalArgumentException("event is required");
    }
  }

  @Override
  public Instant time() {
    return event.recordedAt();
  }
}
