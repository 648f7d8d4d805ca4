package kis.engine.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import kis.actors.agent.AgentConfig;
import kis.strategies.StrategyRegistry;
import org.junit.jupiter.api.Test;

/** The agents shipped in conf/ start: their entries parse and every strategy is created from its params. */
class ShippedConfigTest {

  private static void allStrategiesCreate(Config c) {
    List<AgentConfig> agents = AgentConfig.listFrom(c);
    assertFalse(agents.isEmpty());
    for (AgentConfig a : agents) {
      assertFalse(StrategyRegistry.create(a.strategy(), ConfigFactory.parseMap(a.strategyParams())).symbols().isEmpty(),
          a.id().value());
    }
  }

  @Test
  void theDemoAgentsOfApplicationConfStart() {
    Config c = ConfigFactory.parseResourcesAnySyntax("application").resolve();
    allStrategiesCreate(c);
    assertEquals("ALWAYS_OPEN", c.getString("kis-sim.session-mode"));
  }

  @Test
  void theAgentsOfTheExampleConfStart() {
    allStrategiesCreate(ConfigFactory.parseFile(Path.of("../conf/agents.example.conf").toFile()));
  }
}
