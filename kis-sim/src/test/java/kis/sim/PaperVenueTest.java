package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The paper server (VTS) trades on KRX only (shared/kis-api.md §6.4), as the simulator's VTS flavour does. */
class PaperVenueTest {

  @Test
  void paperRefusesNxtAndSorOrdersAndTheirFeedsAndTheRealOnlyCalendarTrs() throws Exception {
    try (KisSimulator sim = SimTestSupport.start("")) {
      WireClient kis = new WireClient(sim);
      kis.issueToken();
      for (String excg : new String[] {"NXT", "SOR"}) {
        Map<String, String> b = kis.account();
        b.put("PDNO", "005930");
        b.put("ORD_DVSN", "00");
        b.put("ORD_QTY", "1");
        b.put("ORD_UNPR", "70000");
        b.put("EXCG_ID_DVSN_CD", excg);
        WireClient.Reply r = kis.post("trading/order-cash", "VTTC0012U", b);
        assertEquals("1", r.rtCd(), excg);
        assertEquals("40100000", r.msgCd(), excg);
      }
      String odno = kis.buy("005930", 1, 69_000).output().path("ODNO").asText();
      Map<String, String> c = kis.account();
      c.put("KRX_FWDG_ORD_ORGNO", "00950");
      c.put("ORGN_ODNO", odno);
      c.put("ORD_DVSN", "00");
      c.put("RVSE_CNCL_DVSN_CD", "02");
      c.put("ORD_QTY", "0");
      c.put("ORD_UNPR", "0");
      c.put("QTY_ALL_ORD_YN", "Y");
      c.put("EXCG_ID_DVSN_CD", "NXT");
      assertEquals("1", kis.post("trading/order-rvsecncl", "VTTC0013U", c).rtCd());
      assertEquals("EGW2004", kis.get("quotations/chk-holiday", "CTCA0903R", Map.of("BASS_DT", "20261224")).msgCd());
      assertEquals("EGW2004", kis.get("quotations/inquire-time-dailychartprice", "FHKST03010230",
          Map.of("FID_COND_MRKT_DIV_CODE", "J", "FID_INPUT_ISCD", "005930", "FID_INPUT_DATE_1", "20261120",
              "FID_INPUT_HOUR_1", "153000")).msgCd());
      try (WsProbe ws = new WsProbe(sim.websocketUrl())) {
        JsonNode ack = ws.subscribeAck(kis.approvalKey(), "H0NXCNT0", "005930");
        assertEquals("OPSP8991", ack.path("body").path("msg_cd").asText());
      }
    }
  }
}
