package kis.strategies.event;

import java.time.Instant;
import kis.journal.event.ProtectiveEvent;

/**
 * Something happened to one of your protective orders: {@code ProtectiveArmed}, {@code ProtectiveTrailed},
 * {@code ProtectiveTriggered} (its child order follows as an {@link OrderUpdate}) or
 * {@code ProtectiveCancelled}. The agent's state has already folded it ({@code ctx.state().protections()}).
 */
public record ProtectiveUpdate(ProtectiveEvent event) implements StrategyEvent {
  public ProtectiveUpdate {
    if (event == null) {
      throw new IllegalArgumentException("event is required");
    }
  }

  @Override
  public Instant time() {
    return event.recordedAt();
  }
}
