package kis.strategies.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedPointTest {
  private static void same(double v) {
    for (int places = 0; places <= 3; places++) {
      String want = String.format(Locale.ROOT, "%." + places + "f", v);
      assertEquals(want, FixedPoint.format(v, places), "v=" + v + " places=" + places);
    }
  }

  @Test
  void writesWhatTheFormatterWritesForPricesBandsAndScores() {
    Random r = new Random(1);
    for (int i = 0; i < 30_000; i++) {
      same(r.nextDouble() * 200_000);          // band edges and means in won
      same(r.nextGaussian() * 3);              // z-scores, both signs
      same(r.nextDouble() * 50);               // volume ratios
      same(r.nextInt(100_000) + r.nextInt(8) / 8.0); // exact halves, quarters, eighths
      same(-(r.nextDouble() / 1_000));         // negatives that round to zero
      same(Math.scalb(r.nextDouble(), r.nextInt(52)) * (r.nextBoolean() ? 1 : -1)); // every magnitude
    }
  }

  @Test
  void writesWhatTheFormatterWritesAtTheEdges() {
    double[] edges = {0.0, -0.0, 0.5, 1.5, 2.5, -0.5, -2.5, 0.125, 1.005, 2.675, 0.045, 1.0E-9, -1.0E-9, 9_999.9995,
        0.49999999999999994, 4_503_599_627_370_495.5, 1e300, -1e300, Double.MAX_VALUE, Double.MIN_VALUE,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2_147_483_647.4, 2_147_483_648.6,
        Math.scalb(1.0, 50), Math.scalb(1.0, 50) / 1_000 + 0.5, 1.125899906842624E12 + 0.5, 2.15129284830961E9};
    for (double v : edges) {
      same(v);
      same(Math.nextUp(v));
      same(Math.nextDown(v));
    }
  }
}
