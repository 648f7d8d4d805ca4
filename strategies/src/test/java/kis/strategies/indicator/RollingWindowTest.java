package kis.strategies.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingWindowTest {
  /** The plain definition: a double sum over the ring buffer in storage order, as it always was. */
  private static double loopSum(double[] ring, int count) {
    double s = 0;
    for (int i = 0; i < count; i++) {
      s += ring[i];
    }
    return s;
  }

  private static void sameBitsAsTheLoop(int size, java.util.function.DoubleSupplier values) {
    RollingWindow w = new RollingWindow(size);
    double[] ring = new double[size];
    int next = 0;
    int count = 0;
    for (int i = 0; i < 5_000; i++) {
      double v = values.getAsDouble();
      w.add(v);
      ring[next] = v;
      next = (next + 1) % size;
      count = Math.min(count + 1, size);
      double want = loopSum(ring, count);
      assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(w.sum()), "after " + i + ": " + want);
      assertEquals(Double.doubleToLongBits(want / count), Double.doubleToLongBits(w.mean()));
    }
  }

  @Test
  void sumOfWholePricesIsTheLoopsSumToTheBit() {
    Random r = new Random(3);
    sameBitsAsTheLoop(20, () -> 50_000 + r.nextInt(40_000) * 5);
    sameBitsAsTheLoop(7, () -> r.nextInt(Integer.MAX_VALUE) - r.nextInt(Integer.MAX_VALUE));
  }

  @Test
  void sumOfFractionsAndMixedValuesIsTheLoopsSumToTheBit() {
    Random r = new Random(4);
    sameBitsAsTheLoop(20, () -> r.nextGaussian() * 0.01);                   // log returns
    sameBitsAsTheLoop(10, () -> r.nextInt(4) == 0 ? r.nextDouble() : r.nextInt(1_000)); // whole and not, evicted in turn
    sameBitsAsTheLoop(3, () -> r.nextBoolean() ? -0.0 : Math.scalb(1.0, 52) + r.nextInt(9)); // too large for the long
  }
}
