package kis.connector.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class KisJsonTest {
  @Test
  void kisNumberStringsBecomeLongsAndDecimals() throws Exception {
    String json = "{\"pdno\":\"005930  \",\"prdt_name\":\"삼성전자\",\"hldg_qty\":\"10\",\"ord_psbl_qty\":\"\","
        + "\"thdt_buyqty\":\"+3\",\"thdt_sll_qty\":\"0\",\"pchs_avg_pric\":\"22975.0000\",\"pchs_amt\":\"229750\","
        + "\"prpr\":\"23000\",\"evlu_amt\":\"230000\",\"evlu_pfls_amt\":\"-750\",\"evlu_pfls_rt\":\"-1.63\","
        + "\"unknown_field\":\"x\"}";

    Balance.Holding h = KisJson.MAPPER.readValue(json, Balance.Holding.class);

    assertEquals("005930", h.pdno());
    assertEquals(10, h.hldgQty());
    assertEquals(0, h.ordPsblQty());
    assertEquals(3, h.thdtBuyQty());
    assertEquals(new BigDecimal("22975.0000"), h.pchsAvgPric());
    assertEquals(-750, h.evluPflsAmt());
    assertEquals(new BigDecimal("-1.63"), h.evluPflsRt());
  }

  @Test
  void upperCaseKeysMapLikeLowerCaseOnes() throws Exception {
    DailyCcld.Order o = KisJson.MAPPER.readValue(
        "{\"ORD_DT\":\"20261124\",\"ODNO\":\"0000117057\",\"ORD_QTY\":\"10\",\"ORD_TMD\":\"093015\",\"avg_prvs\":\"\"}",
        DailyCcld.Order.class);
    assertEquals(LocalDate.of(2026, 11, 24), o.ordDt());
    assertEquals("0000117057", o.odno());
    assertEquals(10, o.ordQty());
    assertEquals(LocalTime.of(9, 30, 15), o.ordTmd());
    assertEquals(BigDecimal.ZERO, o.avgPrvs());
  }

  @Test
  void integersWithAZeroFractionAreAcceptedButRealFractionsAreNot() {
    assertEquals(100, KisJson.parseLong("100.00"));
    assertEquals(-19500, KisJson.parseLong(" -19500 "));
    assertEquals(1, KisJson.parseLong("0000000001"));
    assertThrows(ArithmeticException.class, () -> KisJson.parseLong("100.5"));
    assertNull(KisJson.parseDate(""));
    assertNull(KisJson.parseTime(" "));
  }
  @Test
  void datesAndTimesReadAsTheirPatternsReadThem() {
    java.time.format.DateTimeFormatter date = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd");
    java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("HHmmss");
    for (LocalDate d = LocalDate.of(1999, 1, 1); d.isBefore(LocalDate.of(2030, 1, 1)); d = d.plusDays(1)) {
      assertEquals(d, KisJson.parseDate(d.format(date)));
    }
    for (int s = 0; s < 86_400; s++) {
      LocalTime t = LocalTime.ofSecondOfDay(s);
      assertEquals(t, KisJson.parseTime(t.format(time)));
    }
    assertEquals(LocalDate.of(2026, 12, 7), KisJson.parseDate(" 20261207 "));
    assertEquals(LocalTime.of(9, 0, 1), KisJson.parseTime("090001 "));
    for (String odd : new String[] {"20260230", "20260229", "20240229", "20261301", "2026120", "2026-12-07", "x0261207"}) {
      assertSameOutcome(() -> LocalDate.parse(odd, date), () -> KisJson.parseDate(odd), odd);
    }
    for (String odd : new String[] {"240000", "236000", "235960", "12345", "1234567", "12:34:56", "+12345"}) {
      assertSameOutcome(() -> LocalTime.parse(odd, time), () -> KisJson.parseTime(odd), odd);
    }
  }

  private static void assertSameOutcome(java.util.function.Supplier<Object> pattern,
      java.util.function.Supplier<Object> parsed, String input) {
    Object expected;
    try {
      expected = pattern.get();
    } catch (RuntimeException e) {
      assertThrows(e.getClass(), parsed::get, input);
      return;
    }
    assertEquals(expected, parsed.get(), input);
  }
}
