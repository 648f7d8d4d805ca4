package kis.engine.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.util.Optional;
import kis.engine.journal.EngineConfig;
import kis.sim.PriceModel;
import kis.sim.SimConfig;
import org.junit.jupiter.api.Test;

/**
 * Which price model runs where (issue 18): the engine's shipped configuration gives `run`'s
 * embedded simulator and `sim` the market calibrated to KRX stocks, seeded for a reproducible demo,
 * while a simulator built from kis-sim's own defaults (every test's) keeps the fast tick walk.
 */
class DemoPriceModelTest {
  @Test
  void theShippedConfigurationRunsTheDemoOnTheCalibratedSeededModel() {
    SimConfig demo = SimConfig.fromConfig(EngineConfig.load(Optional.empty(), Optional.empty()));
    assertEquals(PriceModel.CALIBRATED, demo.priceModel());
    assertEquals(42, demo.seed());
  }

  @Test
  void kisSimsOwnDefaultsKeepTheTickWalkTestsRelyOn() {
    assertEquals(PriceModel.TICK_WALK, SimConfig.fromConfig(ConfigFactory.parseString("kis-sim { port = 0 }"))
        .priceModel());
  }
}
