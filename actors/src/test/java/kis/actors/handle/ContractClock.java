package kis.actors.handle;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The contract suite's clock, handed to the engine under test instead of the system clock. It reads
 * a pinned instant until {@link #start}, then runs with the simulator's market clock (pinned to the
 * same instant, its {@code session-start}) at the machine's monotonic pace: the engine's duplicate
 * windows and timestamps need time to move. The engine, the simulator and the test agree on the
 * trading day whatever the wall clock says: a day roll never races midnight, and an engine
 * restarted on the same data dir continues the same day.
 */
public final class ContractClock extends Clock {
  private static final ZoneId KST = ZoneId.of("Asia/Seoul");
  private volatile Instant origin;
  private final AtomicLong startNanos = new AtomicLong(Long.MIN_VALUE);

  public ContractClock(Instant pinned) {
    this.origin = pinned;
  }

  /**
   * Starts the clock running from {@code simulatorNow}, the simulator's market clock read now
   * ({@code KisSimulator.now()}, itself running from the pinned {@code session-start} since the
   * simulator started): the engine's clock and the simulator's then agree to the microsecond, as
   * the reconciler's clock tolerance expects of KIS. Returns this clock; a second call changes nothing.
   */
  public synchronized ContractClock start(Instant simulatorNow) {
    if (startNanos.get() == Long.MIN_VALUE) {
      origin = simulatorNow;
      startNanos.set(System.nanoTime());
    }
    return this;
  }

  /** The trading day in Seoul now, as the engine's clock says. */
  public LocalDate today() {
    return instant().atZone(KST).toLocalDate();
  }

  @Override
  public Instant instant() {
    long start = startNanos.get();
    long run = start == Long.MIN_VALUE ? 0 : System.nanoTime() - start;
    return origin.plusNanos(run);
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
