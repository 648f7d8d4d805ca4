package kis.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KrxTickTest {

  @ParameterizedTest
  @CsvSource({"1999,1", "2000,5", "4995,5", "5000,10", "19990,10", "20000,50", "49950,50",
      "50000,100", "199900,100", "200000,500", "499500,500", "500000,1000", "1500000,1000"})
  void tickSizeFollowsThe2023UnifiedTable(long price, long tick) {
    assertEquals(tick, KrxTick.tickSize(price));
  }

  @Test
  void offGridPricesAreRecognised() {
    assertTrue(KrxTick.isOnGrid(274_000));
    assertFalse(KrxTick.isOnGrid(274_365));
    assertFalse(KrxTick.isOnGrid(0));
  }

  @Test
  void roundingLandsOnTheGridOnBothSidesOfABandEdge() {
    assertEquals(19_990, KrxTick.roundDown(19_999));
    assertEquals(20_000, KrxTick.roundUp(19_991));
    assertEquals(20_050, KrxTick.roundUp(20_001));
    assertEquals(2_000, KrxTick.step(1_999, 1));
    assertEquals(1_999, KrxTick.step(2_000, -1));
    assertEquals(2_000, KrxTick.step(2_005, -1));
  }

  @Test
  void priceLimitsReproduceKisPublishedExamples() {
    PriceLimits hynix = PriceLimits.forBase(128_500);
    assertEquals(90_000, hynix.lower());
    assertEquals(167_000, hynix.upper());
    PriceLimits other = PriceLimits.forBase(52_800);
    assertEquals(37_000, other.lower());
    assertEquals(68_600, other.upper());
  }

  @Test
  void sellsPayTaxAndBothSidesPayTheFee() {
    CostModel c = CostModel.KIS_2026;
    assertEquals(139, c.costs(Side.BUY, 1, 995_000));
    assertEquals(139 + 1_990, c.costs(Side.SELL, 1, 995_000));
  }
}
