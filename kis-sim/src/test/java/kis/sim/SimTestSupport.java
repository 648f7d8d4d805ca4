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

  static KisSimulator start(String overrides) {
    return KisSimulator.start(config(overrides));
  }
}
