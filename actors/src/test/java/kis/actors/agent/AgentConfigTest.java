package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kis.journal.AgentId;
import kis.journal.CostModel;
import kis.journal.Symbol;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

  @Test
  void theAgentsOwnLimitsCarryItsDeclaredSymbolsSharesAndCapital() {
    AgentConfig a = AgentConfig.listFrom(ConfigFactory.parseString("""
        kis-trader.agents = [
          { id = pair, symbol = "005930", symbols = ["005935"], strategy { name = noop },
            risk { max-position = 2, max-daily-orders = 7 }, initial-capital = 5000000 }
        ]""")).get(0);
    assertEquals(new kis.actors.risk.AgentLimits(0, 2, 0, 7, 5_000_000,
        java.util.Set.of(Symbol.of("005930"), Symbol.of("005935"))), a.agentLimits());
    assertEquals(java.util.Set.of(Symbol.of("005930"), Symbol.of("005935")), a.declaredSymbols());
  }

  @Test
  void aNegativeLimitStopsTheStartNamingTheEntryAndTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentConfig.listFrom(
        ConfigFactory.parseString("""
            kis-trader.agents = [ { id = a, symbol = "005930", strategy { name = noop }, risk { max-position = -1 } } ]
            """)));
    assertTrue(e.getMessage().startsWith("kis-trader.agents[0]: ") && e.getMessage().contains("max-position"),
        e.getMessage());
  }

  @Test
  void agentsAreReadWithTheirStrategyParamsRiskLimitsAndCapital() {
    Config c = ConfigFactory.parseString("""
        kis-trader.agents = [
          { id = sma-1, symbol = "005930", strategy { name = sma-cross, params { fast = 5, slow = 20 } },
            risk { max-order-notional = 2000000, max-position = 100 }, initial-capital = 10000000 }
          { id = idle, symbol = "000660", strategy { name = noop } }
        ]""");
    List<AgentConfig> agents = AgentConfig.listFrom(c);
    assertEquals(2, agents.size());
    AgentConfig a = agents.get(0);
    assertEquals(new AgentId("sma-1"), a.id());
    assertEquals(Symbol.of("005930"), a.symbol());
    assertEquals("sma-cross", a.strategy());
    assertEquals(Map.of("fast", 5, "slow", 20), a.strategyParams());
    assertEquals(new AgentConfig.RiskLimits(2_000_000, 100, 0, 0), a.risk());
    assertEquals(10_000_000, a.initialCapital());
    assertEquals(AgentConfig.RiskLimits.NONE, agents.get(1).risk());
    assertEquals(Map.of(), agents.get(1).strategyParams());
  }

  @Test
  void aDuplicateIdOrABadSymbolNamesTheEntry() {
    IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> AgentConfig.listFrom(
        ConfigFactory.parseString("kis-trader.agents = [{ id = a, symbol = \"005930\", strategy.name = x },"
            + " { id = a, symbol = \"005930\", strategy.name = x }]")));
    assertTrue(dup.getMessage().startsWith("kis-trader.agents[1]: duplicate"), dup.getMessage());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> AgentConfig.listFrom(
        ConfigFactory.parseString("kis-trader.agents = [{ id = a, symbol = \"5930\", strategy.name = x }]")));
    assertTrue(bad.getMessage().startsWith("kis-trader.agents[0]"), bad.getMessage());
  }

  @Test
  void anAgentTradesOnKrxWithItsVenuesPrintsAndEmulatedStopsUnlessItSaysOtherwise() {
    AgentConfig plain = AgentConfig.from(ConfigFactory.parseString("id = a, symbol = \"005930\", strategy.name = x"));
    assertEquals(AgentConfig.Trading.DEFAULT, plain.trading());
    AgentConfig nxt = AgentConfig.from(ConfigFactory.parseString(
        "id = a, symbol = \"005930\", strategy.name = x, venue = nxt, market-data = integrated,"
            + " protective.stop-limit = native"));
    assertEquals(new AgentConfig.Trading(kis.journal.Venue.NXT, AgentConfig.Trading.Prints.INTEGRATED,
        AgentConfig.Trading.StopLimit.NATIVE), nxt.trading());
    assertTrue(AgentConfig.from(ConfigFactory.parseString("id = a, symbol = \"005930\", strategy.name = x, venue = SOR"))
        .trading().integratedPrints(), "SOR executes on both books: its prints are the integrated feed");
  }

  @Test
  void anUnknownVenueOrANativeStopThroughSorStopsTheStartNamingTheKey() {
    IllegalArgumentException venue = assertThrows(IllegalArgumentException.class, () -> AgentConfig.listFrom(
        ConfigFactory.parseString("kis-trader.agents = [{ id = a, symbol = \"005930\", strategy.name = x, venue = NYSE }]")));
    assertEquals("kis-trader.agents[0]: venue: 'NYSE' is not one of [krx, nxt, sor]", venue.getMessage());
    IllegalArgumentException sor = assertThrows(IllegalArgumentException.class, () -> AgentConfig.from(
        ConfigFactory.parseString("id = a, symbol = \"005930\", strategy.name = x, venue = SOR,"
            + " protective.stop-limit = native")));
    assertTrue(sor.getMessage().startsWith("protective.stop-limit = native: KIS takes no stop-limit order through SOR"),
        sor.getMessage());
  }

  @Test
  void settingsComeFromTheAgentSection() {
    Config agent = ConfigFactory.parseString("""
        snapshot-every = 100, snapshots-kept = 3
        persist-failure-backoff { min = 50ms, max = 2s, random-factor = 0.1 }
        costs { fee-ppb = 150000, sell-tax-ppb = 1800000 }""");
    AgentSettings s = AgentSettings.fromConfig(new AgentId("x"), agent);
    assertEquals(new AgentSettings(new AgentId("x"), new CostModel(150_000, 1_800_000), 100, 3,
        Duration.ofMillis(50), Duration.ofSeconds(2), 0.1), s);
  }
}
