package kis.strategies.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IndicatorsTest {

  @Test
  void rollingWindowKeepsTheLastValuesOldestFirst() {
    RollingWindow w = new RollingWindow(3);
    for (int v = 1; v <= 5; v++) {
      w.add(v);
    }
    assertEquals(3, w.count());
    assertEquals(3, w.get(0));
    assertEquals(5, w.last());
    assertEquals(4.0, w.mean());
    assertEquals(1.0, w.stdDev(), 1e-12);
  }

  @Test
  void simpleMovingAverageIsReadyOnlyAfterAFullWindowAndThenSlides() {
    SimpleMovingAverage sma = new SimpleMovingAverage(3);
    sma.update(10).update(20);
    assertFalse(sma.isReady());
    assertThrows(IllegalStateException.class, sma::value);
    sma.update(30);
    assertEquals(20.0, sma.value());
    sma.update(70);
    assertEquals(40.0, sma.value());
  }

  @Test
  void exponentialMovingAverageSeedsWithTheSimpleAverageThenSmooths() {
    ExponentialMovingAverage ema = new ExponentialMovingAverage(3);
    ema.update(1).update(2);
    assertFalse(ema.isReady());
    ema.update(3);
    assertEquals(2.0, ema.value(), 1e-12);
    ema.update(6); // alpha 0.5: 2 + 0.5 * (6 - 2)
    assertEquals(4.0, ema.value(), 1e-12);
  }

  @Test
  void bollingerBandIsMeanPlusMinusKSampleDeviations() {
    BollingerBand b = new BollingerBand(4, 2.0);
    for (double v : new double[] {2, 4, 4, 6}) {
      b.update(v);
    }
    double sd = Math.sqrt(8.0 / 3.0);
    assertEquals(4.0, b.mean(), 1e-12);
    assertEquals(4.0 + 2 * sd, b.upper(), 1e-12);
    assertEquals(4.0 - 2 * sd, b.lower(), 1e-12);
    assertEquals(1.0, b.zScore(4.0 + sd), 1e-12);
  }

  @Test
  void flatBandGivesZeroZScoreRatherThanInfinity() {
    BollingerBand b = new BollingerBand(2, 1.0);
    b.update(5).update(5);
    assertEquals(0.0, b.zScore(9));
  }

  @Test
  void volatilityOfSteadyGrowthIsZeroAndOfAlternatingMovesIsTheirSpread() {
    Volatility steady = new Volatility(3);
    for (double p : new double[] {100, 110, 121, 133.1}) {
      steady.update(p);
    }
    assertEquals(0.0, steady.value(), 1e-9);
    Volatility zigzag = new Volatility(2);
    zigzag.update(100).update(110).update(100);
    double r = Math.log(1.1);
    assertEquals(Math.sqrt(2 * r * r), zigzag.value(), 1e-12);
  }

  @Test
  void vwapIsExactAndResetsForTheNextSession() {
    Vwap v = new Vwap();
    v.update(10_000, 3).update(10_100, 1);
    assertEquals(10_025.0, v.value());
    assertEquals(4, v.volume());
    v.reset();
    assertFalse(v.isReady());
    v.updateBar(102, 98, 100, 10);
    assertEquals(100.0, v.value());
  }

  @Test
  void volumeRatioComparesWithThePreviousVolumesOnly() {
    VolumeRatio r = new VolumeRatio(3);
    r.update(100);
    r.update(200);
    assertTrue(Double.isNaN(r.update(300)));
    assertFalse(r.isReady());
    assertEquals(4.0, r.update(800), 1e-12); // baseline (100 + 200 + 300) / 3
    assertEquals(800.0 / ((200 + 300 + 800) / 3.0), r.update(800), 1e-12);
  }

  @Test
  void rollingSumSlidesExactlyAndCountsStreaksFromTheLatest() {
    RollingSum s = new RollingSum(3);
    s.update(5).update(-1);
    assertFalse(s.isReady());
    s.update(2).update(3);
    assertTrue(s.isReady());
    assertEquals(4, s.value());
    assertEquals(2, s.streak(1));
    assertEquals(0, s.streak(-1));
    s.update(-7);
    assertEquals(1, s.streak(-1));
  }
}
