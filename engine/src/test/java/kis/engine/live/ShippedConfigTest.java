package kis.engine.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kis.actors.agent.AgentConfig;
import kis.journal.Symbol;
import kis.strategies.registry.StrategyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agents shipped in the repository start, and every example configuration trades on kis-sim, as written: the demo
 * agents of {@code conf/application.conf}, the agents of {@code conf/agents.example.conf} (the
 * template the README points to) and each {@code strategies/examples/*.conf} run as an agent. The
 * engine is the one {@code run} builds ({@link ExampleOnSim}); the test drives kis-sim's prints and
 * moves its market clock a minute at a time, so the bar strategies' warm-ups (up to 60 one-minute
 * bars, built from the prints by the strategy host) pass in seconds. "Trades" means KIS accepted at
 * least one order of the agent.
 *
 * <p>The price paths are calm (two prices a tick apart, alternating, a small print a minute) until
 * the warm-ups are over, then give each strategy the move it trades on: a drop below the volatility
 * band, a volume spike with a rise (which also lifts the fast average over the slow one), the
 * preferred share cheapening against the common.
 */
class ShippedConfigTest {
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Symbol SAMSUNG_PREF = Symbol.of("005935");
  static final Symbol HYNIX = Symbol.of("000660");
  static final Symbol KAKAO = Symbol.of("035720");
  static final Duration READY = Duration.ofSeconds(90);
  static final Duration TRADED = Duration.ofSeconds(60);

  @TempDir Path dir;

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

  /** One print. */
  record Print(Symbol symbol, long price, long qty) {}

  /** Prints minute by minute. */
  static final class Tape {
    final List<List<Print>> minutes = new ArrayList<>();

    /** {@code n} calm minutes: each symbol prints once, alternating between its two prices. */
    Tape calm(int n, Map<Symbol, long[]> prices) {
      for (int i = 0; i < n; i++) {
        List<Print> m = new ArrayList<>();
        int k = minutes.size();
        prices.forEach((s, p) -> m.add(new Print(s, p[k % 2], 10)));
        minutes.add(m);
      }
      return this;
    }

    Tape minute(Print... prints) {
      minutes.add(List.of(prints));
      return this;
    }
  }

  /** Plays the tape: every minute's prints, then the market clock one minute on. */
  static void play(ExampleOnSim engine, Tape tape) throws Exception {
    for (List<Print> minute : tape.minutes) {
      for (Print p : minute) {
        engine.print(p.symbol(), p.price(), p.qty());
      }
      engine.nextMinute();
    }
  }

  static Map<Symbol, long[]> calm(Object... symbolLowHigh) {
    Map<Symbol, long[]> m = new LinkedHashMap<>();
    for (int i = 0; i < symbolLowHigh.length; i += 3) {
      m.put((Symbol) symbolLowHigh[i], new long[] {(Long) symbolLowHigh[i + 1], (Long) symbolLowHigh[i + 2]});
    }
    return m;
  }

  static void assertEveryAgentTrades(ExampleOnSim engine) throws Exception {
    assertAgentsTrade(engine, id -> true);
  }

  static void assertAgentsTrade(ExampleOnSim engine, java.util.function.Predicate<String> which) throws Exception {
    // Only the first order counts: the test's minutes pass in milliseconds, so a strategy's next
    // orders may meet limits made for real minutes (the 3 s duplicate window) and be denied.
    engine.awaitAgents(TRADED, "every agent has an order KIS accepted", which,
        (a, st) -> ExampleOnSim.placedAnAcceptedOrder(engine.state(a)));
  }

  @Test
  void theDemoAgentsOfApplicationConfTradeOnKisSim() throws Exception {
    try (ExampleOnSim engine = new ExampleOnSim(ConfigFactory.empty(), dir)) {
      assertEquals(List.of("demo-roundtrip-005930", "demo-roundtrip-000660", "band-035720"),
          engine.handles.agents().stream().map(a -> a.id().value()).toList());
      engine.awaitReady(READY);
      // band-035720: volatility-band over 5 bars, k = 1: calm bars, then a close far below. The
      // round trips trade every 8 and 12 prints of their symbols.
      Tape tape = new Tape().calm(12, calm(SAMSUNG, 71_000L, 71_100L, HYNIX, 128_500L, 128_600L,
          KAKAO, 42_150L, 42_200L));
      tape.minute(new Print(KAKAO, 41_500, 10), new Print(SAMSUNG, 71_000, 10), new Print(HYNIX, 128_500, 10))
          .calm(2, calm(SAMSUNG, 71_000L, 71_100L, HYNIX, 128_500L, 128_600L, KAKAO, 41_500L, 41_550L));
      play(engine, tape);
      assertEveryAgentTrades(engine);
    }
  }

  @Test
  void theAgentsOfTheExampleConfTradeOnKisSim() throws Exception {
    Config example = ConfigFactory.parseFile(Path.of("../conf/agents.example.conf").toFile());
    try (ExampleOnSim engine = new ExampleOnSim(example, dir)) {
      assertEquals(List.of("band-005930", "volume-000660"),
          engine.handles.agents().stream().map(a -> a.id().value()).toList());
      engine.awaitReady(READY);
      Map<Symbol, long[]> calm = calm(SAMSUNG, 71_000L, 71_100L, HYNIX, 128_500L, 128_600L);
      play(engine, new Tape().calm(3, calm));
      // Live bars are built from the prints: before 20 bars the band and the volume trigger warm up.
      engine.awaitAgents(TRADED, "both agents warming up on bars built from the prints",
          (a, st) -> st.idleReason().startsWith("warming up ("));
      Tape tape = new Tape().calm(22, calm)
          // band-005930 (20 bars, k = 2): a close far below the band. volume-000660 (20 bars):
          // 20 times the volume, up 0.7 % on the previous close and above the open.
          .minute(new Print(SAMSUNG, 70_000, 10), new Print(HYNIX, 128_500, 50), new Print(HYNIX, 129_500, 150))
          .calm(2, calm(SAMSUNG, 70_000L, 70_100L, HYNIX, 129_500L, 129_600L));
      play(engine, tape);
      assertEveryAgentTrades(engine);
    }
  }

  /** A {@code strategy { type, params }} file of strategies/examples as one agent, the way the README says to run it. */
  static String asAgent(Path file) {
    Config c = ConfigFactory.parseFile(file.toFile()).getConfig("strategy");
    String id = file.getFileName().toString().replace(".conf", "");
    Config params = c.getConfig("params");
    String symbol = params.hasPath("symbol") ? params.getString("symbol") : params.getString("common");
    // Every further symbol the strategy trades is declared, as an agent block must (pair-spread's second leg).
    List<String> more = StrategyRegistry.create(c.getString("type"), params).symbols().stream()
        .map(Symbol::code).filter(code -> !code.equals(symbol)).sorted().map(code -> "\"" + code + "\"").toList();
    return "{ id = \"" + id + "\", symbol = \"" + symbol + "\", symbols = [" + String.join(", ", more)
        + "], strategy { name = \"" + c.getString("type") + "\", params = "
        + params.root().render(ConfigRenderOptions.concise()) + " } }";
  }

  @Test
  void everyStrategyExampleTradesOnKisSim() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("../strategies/examples"))) {
      files = s.filter(f -> f.toString().endsWith(".conf")).sorted().toList();
    }
    assertEquals(5, files.size(), "a new example needs a price path here: " + files);
    String agents = "kis-trader.agents = [" + String.join("\n", files.stream().map(
        ShippedConfigTest::asAgent).toList()) + "]";
    try (ExampleOnSim engine = new ExampleOnSim(ConfigFactory.parseString(agents), dir)) {
      engine.awaitReady(READY);
      Map<Symbol, long[]> calm = calm(SAMSUNG, 71_000L, 71_100L, SAMSUNG_PREF, 58_500L, 58_600L);
      Tape tape = new Tape().calm(70, calm)
          // volume-trigger: 20 times the volume, up 0.7 % and above the open; moving-average-cross:
          // that close lifts the 10-bar average over the 60-bar one (equal until then); pair-spread:
          // the preferred share falls 2.6 % in the same minute, far past 2 deviations of the spread.
          .minute(new Print(SAMSUNG, 71_000, 50), new Print(SAMSUNG, 71_600, 150), new Print(SAMSUNG_PREF, 57_000, 10))
          // volatility-band (20 bars, k = 2, limit): a close far below the band.
          .minute(new Print(SAMSUNG, 70_500, 10), new Print(SAMSUNG_PREF, 57_000, 10))
          .calm(2, calm(SAMSUNG, 70_500L, 70_600L, SAMSUNG_PREF, 57_000L, 57_100L));
      play(engine, tape);
      // foreign-follower trades on the daily investor flows the engine fetches from kis-sim.
      assertEveryAgentTrades(engine);
    }
  }
}
