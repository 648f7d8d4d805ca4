package kis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's pure parts; the loop itself runs child JVMs for minutes and is run by run-all.sh, not here. */
class RestartToLiveTest {
  private static final List<String> SIM_CONSOLE = List.of(
      "04:48:08.183 INFO  kis.sim.KisSimulator  - kis-sim listening on http://127.0.0.1:37885 (VTS flavour)",
      "kis-sim listening (VTS flavour)",
      "  REST       http://127.0.0.1:37885",
      "  websocket  ws://127.0.0.1:37885  (also /tryitout and /tryitout/<TR_ID>)",
      "  control    http://127.0.0.1:37885/sim/status  (see kis-sim/README.md)",
      "Credentials this simulator accepts. They are its own throwaway values, not KIS secrets,",
      "so printing them is fine:",
      "  appkey        KEY123",
      "  appsecret     SECRET456",
      "  CANO          50338264",
      "  ACNT_PRDT_CD  01",
      "  HTS id        simuser",
      "Ctrl-C to stop.");

  @Test
  void theSimulatorsEndpointIsReadOnceItsConsoleNamedAllOfIt() {
    assertTrue(SimChild.Endpoint.parse(SIM_CONSOLE.subList(0, 12)).isEmpty()); // before "Ctrl-C to stop."
    SimChild.Endpoint e = SimChild.Endpoint.parse(SIM_CONSOLE).orElseThrow();
    assertEquals("http://127.0.0.1:37885", e.restUrl());
    assertEquals("ws://127.0.0.1:37885", e.wsUrl());
    assertEquals(Map.of("KIS_APP_KEY", "KEY123", "KIS_APP_SECRET", "SECRET456", "KIS_ACCOUNT", "50338264-01",
        "KIS_HTS_ID", "simuser"), e.credentialsEnv());
    assertFalse(e.toString().contains("SECRET456") || e.toString().contains("KEY123"), e.toString());
  }

  @Test
  void aSimulatorOffLoopbackIsRefused() {
    List<String> lines = new ArrayList<>(SIM_CONSOLE);
    lines.set(2, "  REST       http://10.0.0.5:37885");
    assertThrows(IllegalStateException.class, () -> SimChild.Endpoint.parse(lines));
  }

  @Test
  void theAgentsAlternateMarketRoundTripsAndRestingLimitsOverTheSimulatorsUniverse() {
    Config c = ConfigFactory.parseString(RestartToLive.agentsConf(10));
    List<? extends Config> agents = c.getConfigList("kis-trader.agents");
    assertEquals(10, agents.size());
    assertEquals(10, agents.stream().map(a -> a.getString("id")).distinct().count());
    assertEquals("kis.actors.live.DemoRoundTrip", agents.get(0).getString("strategy.name"));
    assertEquals("kis.strategies.examples.LimitChaser", agents.get(1).getString("strategy.name"));
    for (Config a : agents) {
      assertTrue(RestartToLive.SYMBOLS.contains(a.getString("symbol")), a.toString());
      assertEquals(a.getString("symbol"), a.getString("strategy.params.symbol"));
    }
    assertEquals(0, c.getInt("kis.dashboard.port"));
  }

  @Test
  void theDashboardShowsLiveOnlyWithTheWebsocketLiveAndEveryAgentRunning() throws Exception {
    String live = "{\"agents\":[{\"id\":\"a\",\"state\":\"RUNNING\"},{\"id\":\"b\",\"state\":\"RUNNING\"}],"
        + "\"connection\":{\"websocket\":{\"state\":\"LIVE\"}}}";
    assertTrue(DashboardLive.live(live, 2));
    assertFalse(DashboardLive.live(live, 3));
    assertFalse(DashboardLive.live(live.replace("\"LIVE\"", "\"SUBSCRIBING\""), 2));
    assertFalse(DashboardLive.live(live.replaceFirst("RUNNING", "PARKED"), 2));
  }

  @Test
  void theCpuTimeIsUserPlusSystemTicksCountedAfterACommandNameWithSpacesAndParentheses() {
    String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 60000 0 12 0 250 37 0 0 20 0 40 0 1234 0 0";
    assertEquals(287 * 10_000_000L, ProcCpu.parse(stat).getAsLong());
    assertTrue(ProcCpu.parse("garbage").isEmpty());
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwoAndP90IsNearestRank() {
    Spread s = Spread.of(new long[] {10, 1, 9, 2, 8, 3, 7, 4, 6, 5});
    assertEquals(5.5, s.median());
    assertEquals(9.0, s.p90());
    assertEquals(1.0, s.min());
    assertEquals(10.0, s.max());
    assertEquals(3.0, Spread.of(new long[] {5, 1, 3}).median());
    assertThrows(IllegalArgumentException.class, () -> Spread.of(new long[0]));
  }
}
