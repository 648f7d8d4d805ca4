package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** inquire-ccnl (today's last prints) and inquire-daily-price (30 days), over the wire. */
class RecentTradesAndDailyPriceTest {

  @Test
  void recentTradesListTodaysPrintsNewestFirstAndDailyPriceStartsWithToday() {
    try (KisSimulator sim = SimTestSupport.start("")) {
      WireClient kis = new WireClient(sim);
      kis.issueToken();
      kis.trade("005930", 71_100, 3);
      kis.trade("005930", 70_900, 2);
      JsonNode ccnl = kis.quote("inquire-ccnl", "FHKST01010300", "005930", Map.of()).body();
      assertEquals("0", ccnl.path("rt_cd").asText());
      JsonNode out = ccnl.path("output");
      assertEquals(2, out.size());
      assertEquals("70900", out.get(0).path("stck_prpr").asText());
      assertEquals("2", out.get(0).path("cntg_vol").asText());
      assertEquals("-100", out.get(0).path("prdy_vrss").asText());
      assertEquals("150.00", out.get(0).path("tday_rltv").asText(), "3 bought against 2 sold");
      assertEquals("71100", out.get(1).path("stck_prpr").asText());

      JsonNode daily = kis.quote("inquire-daily-price", "FHKST01010400", "005930",
          Map.of("FID_PERIOD_DIV_CODE", "D", "FID_ORG_ADJ_PRC", "0")).body().path("output");
      assertEquals(30, daily.size());
      JsonNode today = daily.get(0);
      assertEquals("70900", today.path("stck_clpr").asText());
      assertEquals("71100", today.path("stck_oprc").asText());
      assertEquals("5", today.path("acml_vol").asText());
      long yesterday = daily.get(1).path("stck_clpr").asLong();
      assertEquals(70_900 - yesterday, today.path("prdy_vrss").asLong());
    }
  }
}
