package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TwoPlacesTest {

  private static String formatted(long num, long scale, long den) {
    return String.format(Locale.ROOT, "%.2f", num * (double) scale / den);
  }

  @Test
  void writesWhatTheFormatterWritesForRatesOfPricesAndVolumes() {
    SplittableRandom r = new SplittableRandom(17);
    for (int i = 0; i < 100_000; i++) {
      // A change of price over the base, a volume over a volume or the floating shares.
      long den = 1 + r.nextLong(i % 3 == 0 ? 2_000_000L : i % 3 == 1 ? 100_000_000L : 6_000_000_000L);
      long num = r.nextLong(-3 * den, 3 * den + 1);
      assertEquals(formatted(num, 100, den), TwoPlaces.of(num, 100, den), num + " * 100 / " + den);
    }
  }

  @Test
  void writesWhatTheFormatterWritesForAveragePrices() {
    SplittableRandom r = new SplittableRandom(18);
    for (int i = 0; i < 100_000; i++) {
      long volume = 1 + r.nextLong(50_000_000L);
      long value = volume * (1 + r.nextLong(2_000_000L)) + r.nextLong(-volume, volume);
      assertEquals(formatted(value, 1, volume), TwoPlaces.of(value, 1, volume), value + " / " + volume);
    }
  }

  @Test
  void roundsHalfUpAndKeepsTheSignOfARatioThatRoundsToZero() {
    assertEquals("12.50", TwoPlaces.of(1, 100, 8));
    assertEquals("0.13", TwoPlaces.of(1, 1, 8));
    assertEquals("-0.13", TwoPlaces.of(-1, 1, 8));
    assertEquals("-0.00", TwoPlaces.of(-1, 100, 100_000));
    assertEquals("-0.00", String.format(Locale.ROOT, "%.2f", -1 * 100.0 / 100_000));
    assertEquals("0.00", TwoPlaces.of(0, 100, 7));
    assertEquals("1.01", TwoPlaces.of(201, 1, 200));
    assertEquals(formatted(201, 1, 200), TwoPlaces.of(201, 1, 200));
  }

  @Test
  void writesRatiosPastTheLongRangeOfTheScaledNumerator() {
    long num = Long.MAX_VALUE / 50;
    assertEquals(new java.math.BigDecimal(num).multiply(java.math.BigDecimal.valueOf(100))
        .divide(java.math.BigDecimal.valueOf(3), 2, java.math.RoundingMode.HALF_UP).toPlainString(),
        TwoPlaces.of(num, 100, 3));
  }
}
