package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kis.journal.CostModel;
import kis.journal.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorLifecycleTest {

  @Test
  void defaultsComeFromReferenceConf() {
    SimConfig d = SimConfig.defaults();
    assertEquals("127.0.0.1", d.host());
    assertEquals(0, d.port());
    assertEquals(Flavour.VTS, d.flavour());
    assertEquals(SessionMode.ALWAYS_OPEN, d.sessionMode());
    assertEquals(6, d.universe().size());
    assertEquals(Symbol.of("005930"), d.universe().get(0).symbol());
    assertEquals(Duration.ofMillis(500), d.tickInterval());
    assertEquals(20, d.effectiveRateLimit());
  }

  @Test
  void startsOnAnEphemeralLoopbackPortAndClosesCleanly() {
    KisSimulator sim = KisSimulator.start(SimTestSupport.config(""));
    assertTrue(sim.port() > 0);
    assertEquals("http://127.0.0.1:" + sim.port(), sim.restBaseUrl());
    assertEquals("ws://127.0.0.1:" + sim.port(), sim.websocketUrl());
    sim.close();
  }

  @Test
  void priceGeneratorStreamsTradesOnItsOwn() throws Exception {
    try (KisSimulator sim = SimTestSupport.start("tick-interval = 50ms")) {
      WireClient kis = new WireClient(sim);
      kis.issueToken();
      try (WsProbe ws = new WsProbe(sim.websocketUrl() + "/tryitout")) {
        ws.subscribeAck(kis.approvalKey(), "H0STCNT0", "000660");
        String f = ws.next(s -> s.startsWith("0|H0STCNT0|"), Duration.ofSeconds(5));
        assertNotNull(f);
        String[] parts = f.split("\\|", 4);
        assertEquals(Integer.parseInt(parts[2]) * 46, parts[3].split("\\^", -1).length);
      }
    }
  }

  @Test
  void sameSeedAndSameOrdersGiveTheSameFills() {
    assertEquals(fillsFor(11), fillsFor(11));
    assertNotEquals(fillsFor(11), fillsFor(12));
  }

  private static String fillsFor(long seed) {
    try (KisSimulator sim = KisSimulator.start(SimTestSupport.config("").withSeed(seed))) {
      WireClient kis = new WireClient(sim);
      kis.issueToken();
      kis.order(true, "005930", "01", 3000, 0);
      kis.buy("035420", 50, 185_500);
      kis.trade("035420", 185_000, 7);
      StringBuilder sb = new StringBuilder();
      sim.account().fills().forEach(f -> sb.append(f.odno()).append(':').append(f.qty()).append('@')
          .append(f.price()).append(';'));
      return sb.toString();
    }
  }

  @Test
  void stateFileKeepsAccountOrdersAndCredentialsAcrossRestarts(@TempDir Path dir) {
    Path file = dir.resolve("sim-state.json");
    SimConfig cfg = SimTestSupport.config("").withStateFile(file);
    SimCredentials creds;
    String odno;
    long cash;
    try (KisSimulator sim = KisSimulator.start(cfg)) {
      WireClient kis = new WireClient(sim);
      kis.issueToken();
      kis.order(true, "005930", "01", 4, 0);
      odno = kis.buy("005930", 2, 69_000).output().path("ODNO").asText();
      creds = sim.credentials();
      cash = sim.account().cash();
    }
    assertTrue(Files.exists(file));
    try (KisSimulator sim = KisSimulator.start(cfg)) {
      assertEquals(creds, sim.credentials());
      assertEquals(cash, sim.account().cash());
      assertEquals(4L, sim.account().holdings().get(Symbol.of("005930")));
      WireClient kis = new WireClient(sim);
      kis.issueToken();
      JsonNode rows = kis.dailyCcld("", "", "").body().path("output1");
      assertEquals(2, rows.size());
      String next = kis.buy("005930", 1, 69_000).output().path("ODNO").asText();
      assertTrue(next.compareTo(odno) > 0, "order numbers continue after a restart");
      assertEquals("0", kis.cancel(odno, true, 0).rtCd(), "yesterday's session state is still live");
    }
  }

  /**
   * A simulator killed without {@code close()} (the embedded one dies with the engine's JVM):
   * every order and fill it has replied or notified about is already in its state file, and a
   * simulator restarted from that file goes on numbering fills after them.
   */
  @Test
  void everyOrderAndFillIsInTheStateFileBeforeItsReplyLeavesSoAKillLosesNothingReported(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("sim-state.json");
    try (KisSimulator running = KisSimulator.start(SimTestSupport.config("").withStateFile(file))) {
      WireClient kis = new WireClient(running);
      kis.issueToken();
      assertEquals("0", kis.order(true, "005930", "01", 4, 0).rtCd(), "a market buy fills at once");
      assertEquals("0", kis.buy("005930", 2, 69_000).rtCd(), "a limit buy below the market rests");
      // Manual prices (tick-interval 0): nothing changes the account after the replies, so this
      // copy is what a kill -9 would leave.
      Path killed = Files.copy(file, dir.resolve("killed.json"));
      AccountView before = running.account();
      assertEquals(1, before.fills().size());
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(file)), "it holds the simulator's credentials");
      try (KisSimulator restarted = KisSimulator.start(SimTestSupport.config("").withStateFile(killed))) {
        AccountView after = restarted.account();
        assertEquals(before.cash(), after.cash());
        assertEquals(before.holdings(), after.holdings());
        assertEquals(before.orders(), after.orders());
        assertEquals(before.fills(), after.fills());
        WireClient again = new WireClient(restarted);
        again.issueToken();
        assertEquals("0", again.order(true, "005930", "01", 1, 0).rtCd());
        assertEquals(before.fills().get(0).seq() + 1, after.fills().get(1).seq(), "fill numbers go on");
      }
    }
  }

  /**
   * Past days go to the history file once, today's orders stay in the state file; a restart reads
   * both, and a kill between the day roll's two writes (new history, old state) counts nothing twice.
   */
  @Test
  void pastDaysMoveToTheHistoryFileAtTheRollAndARestartReadsBothCountingNothingTwice(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("sim-state.json");
    Path history = dir.resolve("sim-state.json.history");
    SimConfig cfg = SimTestSupport.config("").withStateFile(file);
    try (KisSimulator sim = KisSimulator.start(cfg)) {
      WireClient kis = new WireClient(sim);
      kis.issueToken();
      assertEquals("0", kis.order(true, "005930", "01", 4, 0).rtCd());
      assertEquals("0", kis.buy("005930", 2, 69_000).rtCd());
      List<AccountView.OrderView> dayOne = sim.account().orders();
      Path stateBeforeRoll = Files.copy(file, dir.resolve("killed.json"));

      assertEquals(200, kis.control("POST", "/sim/session/end-of-day", Map.of()).status());
      assertEquals("0", kis.order(true, "005930", "01", 1, 0).rtCd(), "day two trades");
      JsonNode state = WireClient.M.readTree(Files.readString(file));
      JsonNode past = WireClient.M.readTree(Files.readString(history));
      assertEquals(1, state.path("orders").size(), "the state file holds today's order only");
      assertEquals(2, past.path("orders").size(), "yesterday's two orders are in the history");
      assertTrue(past.path("orders").get(1).path("expired").asBoolean(), "expired at the roll");
      // The kill between the two writes: the new history beside the old state.
      Files.copy(history, dir.resolve("killed.json.history"));
      List<AccountView.OrderView> all = sim.account().orders();
      List<AccountView.FillView> fills = sim.account().fills();
      sim.close();

      try (KisSimulator restarted = KisSimulator.start(cfg)) {
        assertEquals(all, restarted.account().orders());
        assertEquals(fills, restarted.account().fills());
      }
      try (KisSimulator killed = KisSimulator.start(SimTestSupport.config("").withStateFile(stateBeforeRoll))) {
        assertEquals(dayOne, killed.account().orders(), "each order once, as the state file had it");
      }
    }
  }

  @Test
  void aRevisedOrderIsChargedOnItsWholeAmountAcrossARestart(@TempDir Path dir) {
    SimConfig cfg = SimTestSupport.config(OrderRulesTest.UNIVERSE.replace("initial-cash = 10000000",
        "initial-cash = 100000000")).withStateFile(dir.resolve("sim-state.json"));
    String odno;
    try (KisSimulator sim = KisSimulator.start(cfg)) {
      WireClient kis = new WireClient(sim);
      kis.issueToken();
      JsonNode book = kis.quote("inquire-asking-price-exp-ccn", "FHKST01010200", "005930", Map.of()).body();
      long q1 = book.path("output1").path("askp_rsqn1").asLong();
      // Fills the best ask's shares and rests 140 below the next level.
      odno = kis.buy("005930", q1 + 140, book.path("output1").path("askp1").asLong()).output().path("ODNO").asText();
    }
    try (KisSimulator sim = KisSimulator.start(cfg)) {
      WireClient kis = new WireClient(sim);
      kis.issueToken();
      JsonNode book = kis.quote("inquire-asking-price-exp-ccn", "FHKST01010200", "005930", Map.of()).body();
      long ask2 = book.path("output1").path("askp2").asLong();
      WireClient.Reply revised = kis.revise(odno, 0, ask2);
      assertEquals("0", revised.rtCd(), revised.body().toString());
      String second = revised.output().path("ODNO").asText();
      List<AccountView.FillView> fills = sim.account().fills();
      long first = fills.stream().filter(f -> f.odno().equals(odno)).mapToLong(f -> f.qty() * f.price()).sum();
      long then = fills.stream().filter(f -> f.odno().equals(second)).mapToLong(f -> f.qty() * f.price()).sum();
      assertTrue(first > 0 && then > 0, "filled before and after the revise: " + fills);
      CostModel c = CostModel.KIS_2026;
      assertNotEquals(c.fee(first + then), c.fee(first) + c.fee(then), "the case tells order from row rounding");
      assertEquals(c.fee(first + then), fills.stream().mapToLong(AccountView.FillView::fee).sum());
    }
  }

  @Test
  void realFlavourUsesRealTrIdsCodesAndPageSizes() {
    try (KisSimulator sim = SimTestSupport.start("flavour = REAL")) {
      WireClient kis = new WireClient(sim);
      kis.issueToken();
      Map<String, String> b = kis.account();
      b.put("PDNO", "005930");
      b.put("ORD_DVSN", "00");
      b.put("ORD_QTY", "1");
      b.put("ORD_UNPR", "69000");
      assertEquals("EGW2004".equals(kis.post("trading/order-cash", "VTTC0012U", b).msgCd()), false);
      WireClient.Reply r = kis.post("trading/order-cash", "TTTC0012U", b);
      assertEquals("APBK0013", r.msgCd());
      assertEquals("주문 전송 완료 되었습니다.", r.body().path("msg1").asText());
      Map<String, String> q = kis.account();
      q.put("INQR_DVSN_1", "0");
      q.put("INQR_DVSN_2", "0");
      q.put("CTX_AREA_FK100", "");
      q.put("CTX_AREA_NK100", "");
      JsonNode psbl = kis.get("trading/inquire-psbl-rvsecncl", "TTTC0084R", q).body();
      assertTrue(psbl.path("output").isArray());
      assertEquals(1, psbl.path("output").size());
      assertEquals("1", psbl.path("output").get(0).path("psbl_qty").asText());
      JsonNode bal = kis.get("trading/inquire-balance", "TTTC8434R", kis.account()).body();
      assertEquals("KIOK0510", bal.path("msg_cd").asText());
    }
  }
}
