package kis.actors.handle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The contract suite's clock, handed to the engine under test instead of the system clock: it
 * reads a pinned instant until {@link #start}, then runs from it at the machine's monotonic pace
 * (the engine's duplicate windows and timestamps need time to move), plus what a test
 * {@link #advance}s. The pinned day is the simulator's (its {@code session-start}), so the engine,
 * the simulator and the test agree on the trading day whatever the wall clock says: a day roll
 * never races midnight, and an engine restarted on the same data dir continues the same day.
 */
public final class ContractClock extends Clock {
  private static final ZoneId KST = ZoneId.of("Asia/Seoul");
  private final Instant pinned;
  private final AtomicLong startNanos = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong offsetNanos = new AtomicLong();

  public ContractClock(Instant pinned) {
    this.pinned = pinned;
  }

  /**
   * Starts the clock running from the pinned instant; call it right after the simulator started
   * (its clock starts then too, so an order the engine stamps reaches the simulator no earlier).
   * Returns this clock; a second call changes nothing.
   */
  public ContractClock start() {
    startNanos.compareAndSet(Long.MIN_VALUE, System.nanoTime());
    return this;
  }

  /** Moves the clock on by {@code d} (the engine sees the time jump). */
  public void advance(Duration d) {
    offsetNanos.addAndGet(d.toNanos());
  }

  /** The trading day in Seoul now, as the engine's clock says. */
  public LocalDate today() {
    return instant().atZone(KST).toLocalDate();
  }

  @Override
  public Instant instant() {
    long start = startNanos.get();
    long run = start == Long.MIN_VALUE ? 0 : System.nanoTime() - start;
    return pinned.plusNanos(run + offsetNanos.get());
  }

  @Override
  public ZoneId getZone() {
    return KST;
  }

  /** The same running time in any zone (the engine only reads instants). */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
