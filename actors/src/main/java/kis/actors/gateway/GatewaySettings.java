package kis.actors.gateway;

import java.time.Duration;

/**
 * How the {@link OrderGateway} paces and routes.
 *
 * @param permits order calls per {@code per} (KIS: about 18/s real, 1/s paper; kis-api.md §6.1)
 * @param per the budget's period
 * @param burst how many calls may go back to back after a quiet spell
 * @param maxThrottledResends how often an order refused for the rate limit ({@code EGW00201}) is
 *     sent again before it counts as rejected
 * @param throttledResendDelay the wait before such a resend
 * @param maxHeld notices held at once while a reply is outstanding
 * @param holdTimeout how long a notice waits for the reply naming its order
 * @param dedupCapacity notice keys remembered for duplicate detection
 */
public record GatewaySettings(int permits, Duration per, int burst, int maxThrottledResends,
    Duration throttledResendDelay, int maxHeld, Duration holdTimeout, int dedupCapacity) {

  public GatewaySettings {
    if (permits < 1 || burst < 1 || maxThrottledResends < 0 || maxHeld < 1 || dedupCapacity < 1 || per == null
        || per.isZero() || per.isNegative() || throttledResendDelay == null || throttledResendDelay.isNegative()
        || holdTimeout == null || holdTimeout.isZero() || holdTimeout.isNegative()) {
      throw new IllegalArgumentException("bad gateway settings");
    }
  }

  /** Real-account pacing: 15 calls/s (below KIS's 20), bursts of 3, 3 resends 1 s apart, 5 s hold. */
  public static GatewaySettings real() {
    return new GatewaySettings(15, Duration.ofSeconds(1), 3, 3, Duration.ofSeconds(1), 1_000, Duration.ofSeconds(5),
        100_000);
  }

  /** Paper-account pacing: 1 call/s (paper allows 2), otherwise as {@link #real()}. */
  public static GatewaySettings paper() {
    return new GatewaySettings(1, Duration.ofSeconds(1), 1, 3, Duration.ofSeconds(1), 1_000, Duration.ofSeconds(5),
        100_000);
  }

  public GatewaySettings withRate(int permits, Duration per, int burst) {
    return new GatewaySettings(permits, per, burst, maxThrottledResends, throttledResendDelay, maxHeld, holdTimeout,
        dedupCapacity);
  }

  public GatewaySettings withThrottledResends(int max, Duration delay) {
    return new GatewaySettings(permits, per, burst, max, delay, maxHeld, holdTimeout, dedupCapacity);
  }

  public GatewaySettings withHoldTimeout(Duration hold) {
    return new GatewaySettings(permits, per, burst, maxThrottledResends, throttledResendDelay, maxHeld, hold,
        dedupCapacity);
  }
}
