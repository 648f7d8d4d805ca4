package kis.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import kis.engine.journal.EngineConfig;
import kis.journal.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckerTest {
  private static final ConfigChecker CHECKER = ConfigChecker.shipped();
  @TempDir Path dir;

  /** The problems of {@code text}, written to a file and layered over conf/application.conf as run does. */
  private List<ConfigProblem> check(String text) throws Exception {
    Path f = dir.resolve("user.conf");
    Files.writeString(f, text);
    return CHECKER.check(load(f));
  }

  private static Config load(Path f) {
    return EngineConfig.load(Optional.of(f), Optional.empty());
  }

  private static String agent(String id, String symbol, String extra) {
    return "{ id = " + id + ", symbol = \"" + symbol + "\", strategy { name = volatility-band, params { symbol = \""
        + symbol + "\", quantity = 1 } }" + extra + " }";
  }

  private static ConfigProblem only(List<ConfigProblem> problems) {
    assertEquals(1, problems.size(), problems.stream().map(ConfigProblem::render).collect(Collectors.joining("\n")));
    return problems.get(0);
  }

  @Test
  void theShippedDefaultsHaveNoProblem() {
    assertEquals(List.of(), CHECKER.check(EngineConfig.load(Optional.empty(), Optional.empty())));
  }

  @Test
  void aLiquidityClassOfTheUsersOwnIsAcceptedAndAMisspeltPriceModelKeyIsNot() throws Exception {
    assertEquals(List.of(), check("kis-sim { price-model = CALIBRATED, prints-per-minute.frantic = 600 }\n"));
    assertEquals(Set.of("kis-sim.price-modle"), check("kis-sim.price-modle = CALIBRATED\n").stream()
        .map(ConfigProblem::path).collect(Collectors.toSet()));
  }

  @Test
  void aMisspeltRiskKeyIsNamedWithItsFileAndLineAndTheKeyMeant() throws Exception {
    ConfigProblem p = only(check("kis-trader.agents = [\n"
        + agent("a1", "005930", ", risk {\n max-daily-los = 300000\n }") + "\n]\n"));
    assertEquals("kis-trader.agents[0].risk.max-daily-los", p.path());
    assertEquals(Optional.of(dir.resolve("user.conf") + ":3"), p.origin());
    assertEquals(Optional.of("max-daily-loss"), p.suggestion());
    assertTrue(p.render().contains("user.conf:3: kis-trader.agents[0].risk.max-daily-los: unknown key (did you mean"
        + " `max-daily-loss`?)"), p.render());
  }

  @Test
  void aTypoAtTheTopIsRefusedInsteadOfFallingBackToTheDemoAgents() throws Exception {
    ConfigProblem p = only(check("kis-trader.agentz = [" + agent("a1", "005930", "") + "]\n"));
    assertEquals("kis-trader.agentz", p.path());
    assertEquals(Optional.of("agents"), p.suggestion());
  }

  @Test
  void misspeltKeysInEverySectionAreAllReported() throws Exception {
    List<ConfigProblem> ps = check("kis.read-queue-timout = 5s\nkis-sim.tick-intervall = 1s\n"
        + "kis.dashboard.prot = 8080\nkis-trader.supervisor.watchdog-evry = 1s\n");
    assertEquals(Set.of("kis.read-queue-timout", "kis-sim.tick-intervall", "kis.dashboard.prot",
        "kis-trader.supervisor.watchdog-evry"), ps.stream().map(ConfigProblem::path).collect(Collectors.toSet()));
    assertEquals(Set.of("read-queue-timeout", "tick-interval", "port", "watchdog-every"),
        ps.stream().map(p -> p.suggestion().orElseThrow()).collect(Collectors.toSet()));
  }

  @Test
  void aWrongTypeIsNamed() throws Exception {
    List<ConfigProblem> ps = check("kis-trader.reconcile-every = often\nkis-trader.agents = ["
        + agent("a1", "005930", ", initial-capital = lots") + "]\n");
    assertEquals(2, ps.size(), ps.toString());
    assertEquals("kis-trader.agents[0].initial-capital", ps.get(0).path());
    assertTrue(ps.get(0).message().startsWith("must be a whole number"), ps.get(0).message());
    assertEquals("kis-trader.reconcile-every", ps.get(1).path());
    assertTrue(ps.get(1).message().startsWith("must be a duration"), ps.get(1).message());
  }

  @Test
  void aFractionalKeyWithAnIntegralDefaultTakesAFractionWhileAWholeNumberKeyStillRefusesOne() throws Exception {
    // time-compression's default 1.0 parses as the whole number 1; SimConfig reads a double.
    assertEquals(List.of(), check("kis-sim.time-compression = 0.000001\n"));
    ConfigProblem p = only(check("kis-sim.seed = 4.5\n"));
    assertEquals("kis-sim.seed", p.path());
    assertTrue(p.message().startsWith("must be a whole number"), p.message());
  }

  @Test
  void theAgentsThreadsAreKnownCheckedAndSizeTheAgentsDispatcher() throws Exception {
    assertEquals(List.of(), check("kis-trader.agent.threads = 3\n"));
    Config c = load(dir.resolve("user.conf"));
    assertEquals(3, c.getInt("pekko.actor.kis-agent-dispatcher.fork-join-executor.parallelism-min"));
    assertEquals(3, c.getInt("pekko.actor.kis-agent-dispatcher.fork-join-executor.parallelism-max"));
    ConfigProblem typo = only(check("kis-trader.agent.thread = 3\n"));
    assertEquals(Optional.of("threads"), typo.suggestion());
    ConfigProblem none = only(check("kis-trader.agent.threads = 0\n"));
    assertEquals("kis-trader.agent.threads", none.path(), none.render());
    assertTrue(none.message().contains("at least 1"), none.message());
  }

  @Test
  void theDenialRepeatWindowIsKnownCheckedAndAMisspellingNamesIt() throws Exception {
    assertEquals(List.of(), check("kis-trader.risk.denial-repeat-window = 0s\n"));
    ConfigProblem typo = only(check("kis-trader.risk.denial-repeat-windw = 2s\n"));
    assertEquals(Optional.of("denial-repeat-window"), typo.suggestion());
    ConfigProblem negative = only(check("kis-trader.risk.denial-repeat-window = -1s\n"));
    assertEquals("kis-trader.risk.denial-repeat-window", negative.path(), negative.render());
    assertTrue(negative.message().contains("negative"), negative.message());
  }

  @Test
  void negativeLimitsAreRefused() throws Exception {
    List<ConfigProblem> ps = check("kis-trader.agents = [" + agent("a1", "005930",
        ", risk { max-position = -5 }, initial-capital = -1") + "]\nkis-trader.risk.max-daily-loss = -100\n");
    assertEquals(Set.of("kis-trader.agents[0].risk.max-position", "kis-trader.agents[0].initial-capital",
        "kis-trader.risk.max-daily-loss"), ps.stream().map(ConfigProblem::path).collect(Collectors.toSet()), ps.toString());
    assertTrue(ps.stream().allMatch(p -> p.origin().orElse("").contains("user.conf:")), ps.toString());
  }

  @Test
  void aDuplicateAgentIdIsRefusedNamingBothEntries() throws Exception {
    ConfigProblem p = only(check("kis-trader.agents = [\n" + agent("twin", "005930", "") + "\n"
        + agent("twin", "005930", "") + "\n]\n"));
    assertEquals("kis-trader.agents[1].id", p.path());
    assertTrue(p.message().contains("duplicate agent id twin, already used by kis-trader.agents[0]"), p.message());
  }

  @Test
  void aStrategyTradingASymbolItsAgentDoesNotDeclareIsRefused() throws Exception {
    ConfigProblem p = only(check("kis-trader.agents = [{ id = a1, symbol = \"005930\", strategy { name = "
        + "volatility-band, params { symbol = \"000660\", quantity = 1 } } }]\n"));
    assertEquals("kis-trader.agents[0].strategy.params", p.path());
    assertTrue(p.message().contains("trades [000660], which this agent does not declare"), p.message());
  }

  @Test
  void aPairStrategyPassesWhenItsSecondLegIsDeclaredInSymbols() throws Exception {
    String pair = "strategy { name = pair-spread, params { common = \"005930\", preferred = \"005935\","
        + " notional = 1000000 } }";
    assertEquals(1, check("kis-trader.agents = [{ id = p1, symbol = \"005930\", " + pair + " }]\n").size());
    assertEquals(List.of(), check("kis-trader.agents = [{ id = p1, symbol = \"005930\", symbols = [\"005935\"], "
        + pair + " }]\n"));
  }

  @Test
  void aSymbolTheExchangeDoesNotListIsRefused() throws Exception {
    ConfigProblem p = only(check("kis-trader.agents = [" + agent("a1", "999999", "") + "]\n"));
    assertEquals("kis-trader.agents[0].symbol", p.path());
    assertTrue(p.message().startsWith("unknown symbol 999999: not in kis-sim.universe"), p.message());
  }

  @Test
  void againstKisNoOfflineListIsKnownSoAWellFormedCodePasses() throws Exception {
    assertEquals(List.of(), check("kis.mode = paper\nkis-trader.agents = [" + agent("a1", "999999", "") + "]\n"));
    List<ConfigProblem> malformed = check("kis.mode = paper\nkis-trader.agents = [" + agent("a1", "99999", "") + "]\n");
    assertTrue(malformed.stream().anyMatch(p -> p.path().equals("kis-trader.agents[0].symbol")
        && p.message().startsWith("not a KRX short code")), malformed.toString());
  }

  @Test
  void theSymbolCheckIsPluggable() throws Exception {
    Path f = dir.resolve("user.conf");
    Files.writeString(f, "kis-trader.agents = [" + agent("a1", "005930", "") + "]\n");
    List<ConfigProblem> ps = CHECKER.check(load(f), SymbolCatalog.of(Set.of(Symbol.of("000660")), "a test list"));
    assertEquals("unknown symbol 005930: not in a test list", only(ps).message());
  }

  @Test
  void strategyParametersAreCheckedByTheStrategyAndPlacedWhereTheyWereWritten() throws Exception {
    ConfigProblem p = only(check("kis-trader.agents = [{ id = a1, symbol = \"005930\", strategy { name = "
        + "volatility-band, params {\n symbol = \"005930\", quantity = 1\n windwo = 5 } } }]\n"));
    assertEquals("kis-trader.agents[0].strategy.params.windwo", p.path());
    assertTrue(p.origin().orElseThrow().endsWith("user.conf:3"), p.render());
    assertEquals(Optional.of("window"), p.suggestion());
  }

  @Test
  void outOfRangeValuesAreReportedByTheSectionsParser() throws Exception {
    List<ConfigProblem> ps = check("kis.mode = papr\nkis-sim.time-compression = 0\n");
    assertEquals(List.of("kis-sim.time-compression", "kis.mode"), ps.stream().map(ConfigProblem::path).toList(),
        ps.toString());
    assertTrue(ps.get(0).origin().orElseThrow().endsWith("user.conf:2"), ps.get(0).render());
    assertTrue(ps.get(1).origin().orElseThrow().endsWith("user.conf:1"), ps.get(1).render());
    assertTrue(ps.get(1).message().contains("sim, paper or real"), ps.get(1).message());
  }

  @Test
  void aRequiredAgentKeyMissingIsNamed() throws Exception {
    ConfigProblem p = only(check("kis-trader.agents = [{ id = a1, strategy { name = volatility-band, params {"
        + " symbol = \"005930\", quantity = 1 } } }]\n"));
    assertEquals("kis-trader.agents[0].symbol", p.path());
    assertTrue(p.message().startsWith("is required"), p.message());
  }

  @Test
  void optionalKeysWithoutADefaultAreKnownFromTheirList() throws Exception {
    assertEquals(List.of(), check("kis.dashboard { port = 0, token-for-reads = on }\n"
        + "kis-trader.shutdown.agents-timeout = 3s\nkis.alerts.max-per-minute = 3\n"));
  }

  @Test
  void aMisspeltAlertChannelKeyIsRefusedWithTheKeyMeant() throws Exception {
    ConfigProblem p = only(check("kis.alerts.telegram {\n chat_id = \"777\"\n}\n"));
    assertEquals("kis.alerts.telegram.chat_id", p.path());
    assertEquals(Optional.of("chat-id"), p.suggestion());
  }
}
