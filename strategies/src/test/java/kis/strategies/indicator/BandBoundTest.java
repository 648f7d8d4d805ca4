package kis.strategies.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shortcut a band takes to tell a value is inside it never disagrees with its edges. */
class BandBoundTest {

  @Test
  void theDeviationsBoundIsNeverAboveItAndCloseToItForWholeValues() {
    Random rnd = new Random(23);
    for (int trial = 0; trial < 2_000; trial++) {
      int size = 2 + rnd.nextInt(trial % 10 == 0 ? 400 : 40);
      RollingWindow w = new RollingWindow(size);
      long base = rnd.nextInt(4) == 0 ? rnd.nextInt(100) : 1L + rnd.nextInt(2_000_000_000);
      long spread = 1L + rnd.nextInt(rnd.nextBoolean() ? 3 : 100_000);
      for (int i = 0; i < 3 * size; i++) {
        w.add(base + (rnd.nextLong() % spread) * (rnd.nextInt(50) == 0 ? -1 : 1));
        double sd = w.stdDev();
        double bound = w.stdDevLowerBound();
        assertTrue(bound <= sd, () -> bound + " above " + sd);
        if (w.count() >= 2) {
          assertTrue(bound >= sd * (1 - 1e-6), () -> bound + " far under " + sd);
        }
      }
    }
  }

  @Test
  void aFractionInTheWindowGivesNoBoundUntilItLeaves() {
    RollingWindow w = new RollingWindow(3);
    w.add(10);
    w.add(10.5);
    w.add(12);
    assertEquals(0.0, w.stdDevLowerBound());
    w.add(11);
    w.add(13);
    assertTrue(w.stdDevLowerBound() > 0);
    w.clear();
    assertEquals(0.0, w.stdDevLowerBound());
  }

  @Test
  void surelyInsideNeverSaysSoOfAValueBeyondAnEdgeEvenAtTheEdgesUlp() {
    Random rnd = new Random(29);
    int inside = 0;
    for (int trial = 0; trial < 20_000; trial++) {
      int period = 2 + rnd.nextInt(60);
      double k = rnd.nextInt(3) == 0 ? 0.01 + rnd.nextDouble() : 0.5 + rnd.nextInt(6) * 0.5;
      BollingerBand b = new BollingerBand(period, k);
      long base = rnd.nextBoolean() ? 70_000 : 1L + rnd.nextInt(2_000_000_000);
      int spread = 1 + rnd.nextInt(rnd.nextBoolean() ? 2 : 5_000);
      for (int i = 0; i < period; i++) {
        b.update(base + rnd.nextInt(spread));
      }
      double lower = b.lower();
      double upper = b.upper();
      // Whole prices near each edge (the strategy's closes), and the edges' neighbouring doubles.
      double[] probes = {Math.floor(lower) - 1, Math.floor(lower), Math.ceil(lower), Math.ceil(lower) + 1,
          Math.nextDown(lower), lower, Math.nextUp(lower), Math.floor(upper), Math.ceil(upper), Math.nextDown(upper),
          upper, Math.nextUp(upper), b.mean(), base + rnd.nextInt(spread)};
      for (double v : probes) {
        if (b.surelyNotBelowLower(v)) {
          assertFalse(v < lower, () -> v + " is below " + lower);
          inside++;
        }
        if (b.surelyNotAboveUpper(v)) {
          assertFalse(v > upper, () -> v + " is above " + upper);
        }
      }
    }
    assertTrue(inside > 20_000, "the shortcut answered for too few values: " + inside);
  }
}
