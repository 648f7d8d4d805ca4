package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The 26-field notice layout of shared/kis-api.md §5.8 for every kind of order event. */
class ExecutionNoticeTest {
  KisSimulator sim;
  WireClient kis;
  WsProbe ws;
  String key;
  String iv;

  @BeforeEach
  void start() throws Exception {
    sim = SimTestSupport.start("");
    kis = new WireClient(sim);
    kis.issueToken();
    ws = new WsProbe(sim.websocketUrl() + "/tryitout/H0STCNI9");
    JsonNode ack = ws.subscribeAck(kis.approvalKey(), "H0STCNI9", sim.credentials().htsId());
    key = ack.path("body").path("output").path("key").asText();
    iv = ack.path("body").path("output").path("iv").asText();
  }

  @AfterEach
  void stop() {
    ws.close();
    sim.close();
  }

  private String[] next() throws Exception {
    return OrderFlowTest.notice(ws, key, iv);
  }

  @Test
  void acceptanceCarriesAccountOrderQuantityAndPrice() throws Exception {
    String odno = kis.buy("035720", 12, 41_000).output().path("ODNO").asText();
    String[] n = next();
    assertEquals(sim.credentials().htsId(), n[0]);
    assertEquals(sim.credentials().cano() + "01", n[1]);
    assertEquals(odno, n[2]);
    assertEquals("", n[3]);
    assertEquals("02", n[4]);
    assertEquals("0", n[5]);
    assertEquals("00", n[6]);
    assertEquals("035720", n[8]);
    assertEquals("0000000012", n[9]);
    assertEquals("000041000", n[10]);
    assertEquals("0", n[12]);
    assertEquals("1", n[13]);
    assertEquals("000000012", n[16]);
    assertEquals("카카오", n[24]);
    assertEquals("41000", n[25]);
  }

  @Test
  void reviseCancelAndFillNoticesReferToTheRightOrders() throws Exception {
    String odno = kis.buy("035720", 10, 41_000).output().path("ODNO").asText();
    next();
    String rvNo = kis.revise(odno, 4, 41_500).output().path("ODNO").asText();
    String[] rv = next();
    assertEquals(rvNo, rv[2]);
    assertEquals(odno, rv[3]);
    assertEquals("1", rv[5]);
    assertEquals("1", rv[13]);
    String cnNo = kis.cancel(odno, false, 2).output().path("ODNO").asText();
    String[] cn = next();
    assertEquals(cnNo, cn[2]);
    assertEquals(odno, cn[3]);
    assertEquals("2", cn[5]);
    assertEquals(2, Long.parseLong(cn[9]));
    kis.trade("035720", 41_500, 3);
    String[] fill = next();
    assertEquals(rvNo, fill[2]);
    assertEquals("2", fill[13]);
    assertEquals(3, Long.parseLong(fill[9]));
    assertEquals(41_500, Long.parseLong(fill[10]));
  }

  @Test
  void fokThatCannotFillIsRefused() throws Exception {
    JsonNode book = kis.quote("inquire-asking-price-exp-ccn", "FHKST01010200", "035720", Map.of()).body();
    long total = 0;
    for (int i = 1; i <= 10; i++) {
      total += book.path("output1").path("askp_rsqn" + i).asLong();
    }
    String odno = kis.order(true, "035720", "12", total + 1, 42_150 + 50 * 10).output().path("ODNO").asText();
    next(); // acceptance
    String[] n = next();
    assertEquals(odno, n[2]);
    assertEquals("1", n[12]);
    assertEquals("3", n[14]);
    assertEquals("2", n[7]);
  }
}
