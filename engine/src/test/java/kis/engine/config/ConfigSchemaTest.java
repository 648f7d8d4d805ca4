package kis.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {
  @Test
  void aKeyWithADefaultIsKnownWithTheKindItsDefaultImplies() {
    ConfigSchema s = ConfigSchema.derive(ConfigFactory.parseString(
        "kis-trader.journal { fsync-every = 5s, batch = 10, ratio = 0.5, on = true, name = x, tags = [] }"),
        ConfigFactory.empty());
    assertEquals(Optional.of(KeyKind.OBJECT), s.kind("kis-trader.journal"));
    assertEquals(Optional.of(KeyKind.DURATION), s.kind("kis-trader.journal.fsync-every"));
    assertEquals(Optional.of(KeyKind.WHOLE_NUMBER), s.kind("kis-trader.journal.batch"));
    assertEquals(Optional.of(KeyKind.NUMBER), s.kind("kis-trader.journal.ratio"));
    assertEquals(Optional.of(KeyKind.BOOLEAN), s.kind("kis-trader.journal.on"));
    assertEquals(Optional.of(KeyKind.STRING), s.kind("kis-trader.journal.name"));
    assertEquals(Optional.of(KeyKind.LIST), s.kind("kis-trader.journal.tags"));
    assertEquals(Optional.empty(), s.kind("pekko.loglevel"), "pekko.* is Pekko's");
  }

  @Test
  void anOptionalKeyIsKnownFromItsListingAndCannotLoosenADefaultsKind() {
    ConfigSchema s = ConfigSchema.derive(ConfigFactory.parseString("kis.port = 1"),
        ConfigFactory.parseString("kis { port = string, dashboard { host = string, extra = free-object } }"));
    assertEquals(Optional.of(KeyKind.WHOLE_NUMBER), s.kind("kis.port"));
    assertEquals(Optional.of(KeyKind.STRING), s.kind("kis.dashboard.host"));
    assertEquals(Optional.of(KeyKind.FREE_OBJECT), s.kind("kis.dashboard.extra"));
  }

  @Test
  void listsOfBlocksKnowTheirElementsKeysAndAgentsComeFromTheAgentSchema() {
    ConfigSchema s = ConfigSchema.shipped();
    assertEquals(Optional.of(KeyKind.WHOLE_NUMBER), s.kind("kis-sim.universe[].base-price"));
    assertEquals(Optional.of(KeyKind.WHOLE_NUMBER), s.kind("kis-trader.agents[].risk.max-position"));
    assertEquals(Optional.of(KeyKind.LIST), s.kind("kis-trader.agents[].symbols"));
    assertEquals(Optional.of(KeyKind.FREE_OBJECT), s.kind("kis-trader.agents[].strategy.params"));
    assertTrue(s.paths().contains("kis-trader.risk.max-daily-loss"), "RiskLimits' own defaults are known");
    assertTrue(s.paths().contains("kis-trader.krx-calendar.holidays"), "the calendar's defaults are known");
    assertTrue(s.paths().contains("kis-trader.cluster.db.url"), "cluster.conf is known");
    assertTrue(s.paths().contains("kis.dashboard.port"), "optional-keys.conf is read");
  }
}
