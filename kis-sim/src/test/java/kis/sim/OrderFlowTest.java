package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import kis.journal.Symbol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderFlowTest {
  KisSimulator sim;
  WireClient kis;

  @BeforeEach
  void start() {
    sim = SimTestSupport.start("");
    kis = new WireClient(sim);
    kis.issueToken();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void restingBuyIsPartiallyFilledByAForcedTradeAndNoticesDecryptWithTheAckKey() throws Exception {
    try (WsProbe ws = new WsProbe(sim.websocketUrl() + "/tryitout")) {
      JsonNode ack = ws.subscribeAck(kis.approvalKey(), "H0STCNI9", sim.credentials().htsId());
      assertEquals("0", ack.path("body").path("rt_cd").asText());
      assertEquals("OPSP0000", ack.path("body").path("msg_cd").asText());
      assertEquals("Y", ack.path("header").path("encrypt").asText());
      String key = ack.path("body").path("output").path("key").asText();
      String iv = ack.path("body").path("output").path("iv").asText();
      assertEquals(32, key.length());
      assertEquals(16, iv.length());

      WireClient.Reply r = kis.buy("005930", 10, 70_000);
      assertEquals("0", r.rtCd(), r.body().toString());
      assertEquals("40600000", r.msgCd());
      String odno = r.output().path("ODNO").asText();
      assertEquals(10, odno.length());
      assertEquals("00950", r.output().path("KRX_FWDG_ORD_ORGNO").asText());

      String[] accepted = notice(ws, key, iv);
      assertEquals(26, accepted.length);
      assertEquals(odno, accepted[2]);
      assertEquals("1", accepted[13]); // CNTG_YN: order notice
      assertEquals("02", accepted[4]);

      kis.trade("005930", 70_000, 3);
      String[] fill = notice(ws, key, iv);
      assertEquals("2", fill[13]);
      assertEquals(3, Long.parseLong(fill[9]));
      assertEquals(70_000, Long.parseLong(fill[10]));
      assertEquals(odno, fill[2]);
    }
    JsonNode row = kis.dailyCcld("", "", "").body().path("output1").get(0);
    assertEquals("3", row.path("tot_ccld_qty").asText());
    assertEquals("7", row.path("rmn_qty").asText());
    assertEquals(3L, sim.account().holdings().get(Symbol.of("005930")));
  }

  static String[] notice(WsProbe ws, String key, String iv) throws Exception {
    String f = ws.next(s -> s.startsWith("1|H0STCNI9|"), Duration.ofSeconds(5));
    assertNotNull(f, "no execution notice within 5 s");
    String[] parts = f.split("\\|", 4);
    assertEquals("001", parts[2]);
    String plain = WsProbe.decrypt(parts[3], key, iv);
    assertTrue(plain.contains("^"));
    return plain.split("\\^", -1);
  }
}
