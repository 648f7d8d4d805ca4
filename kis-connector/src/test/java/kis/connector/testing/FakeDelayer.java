package kis.connector.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import kis.connector.Delayer;

/** Completes every delay at once after moving the fake clock forward by it; records the delays. */
public final class FakeDelayer implements Delayer {
  private final FakeClock clock;
  private final List<Duration> delays = new CopyOnWriteArrayList<>();

  public FakeDelayer(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public CompletionStage<Void> delay(Duration d) {
    delays.add(d);
    if (!d.isNegative()) {
      clock.advance(d);
    }
    return CompletableFuture.completedFuture(null);
  }

  public List<Duration> delays() {
    return List.copyOf(delays);
  }

  /** Only the non-zero waits. */
  public List<Duration> waits() {
    return delays.stream().filter(d -> !d.isZero()).toList();
  }
}
