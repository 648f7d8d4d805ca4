package kis.sim;

import com.typesafe.config.ConfigFactory;

/** Simulator configs for tests: manual prices, no rate limit, a fixed seed. */
final class SimTestSupport {
  private SimTestSupport() {}

  static SimConfig config(String overrides) {
    return SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 0, rate-limit-per-second = -1, seed = 7, token-reissue-interval = 0s\n"
            + overrides + " }"));
  }

  /** Polls {@code condition} every few milliseconds until it holds or {@code timeout} passes. */
  static boolean eventually(java.util.function.BooleanSupplier condition, java.time.Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
    }
    return true;
  }

  static KisSimulator start(String overrides) {
    return KisSimulator.start(config(overrides));
  }
}
