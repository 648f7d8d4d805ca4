package kis.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EquityCurveTest {

  @Test
  void readsAsTheListOfPointsAndKeepsSummaryOfsDrawdownAsPointsArrive() {
    Random rnd = new Random(11);
    long cash = 100_000_000L;
    EquityCurve curve = new EquityCurve(cash, 3); // grows past its first room
    List<BacktestResult.EquityPoint> points = new ArrayList<>();
    Instant t = Instant.parse("2026-03-03T00:00:00.123456789Z");
    long equity = cash;
    for (int i = 0; i < 10_000; i++) {
      t = t.plusSeconds(60).plusNanos(rnd.nextInt(1_000));
      equity += rnd.nextInt(2_000_001) - 1_000_000;
      curve.append(t, equity);
      points.add(new BacktestResult.EquityPoint(t, equity));
    }
    assertEquals(points, curve);
    assertEquals(curve, points);
    assertEquals(points.hashCode(), curve.hashCode());
    assertEquals(points.toString(), curve.toString());
    Summary pass = Summary.of(cash, equity, points, List.of(), List.of(), 0, 0, 0, 0);
    Summary kept = Summary.of(cash, equity, curve.maxDrawdown(), List.of(), List.of(), 0, 0, 0, 0);
    assertEquals(pass, kept);
    assertEquals(Double.doubleToRawLongBits(pass.maxDrawdown()), Double.doubleToRawLongBits(curve.maxDrawdown()));
  }

  @Test
  void keepsPointsBeyondTheNarrowColumnsExactly() {
    long cash = 50_000_000L;
    EquityCurve curve = new EquityCurve(cash, 2);
    List<BacktestResult.EquityPoint> points = new ArrayList<>();
    Instant t = Instant.parse("1990-01-02T00:00:00Z");
    long[] values = {cash, cash, cash - 3_000_000_000L, cash - 3_000_000_000L, cash + 5_000_000_000L, cash, 1, 1};
    for (int i = 0; i < values.length; i++) {
      if (i == 3) {
        t = t.plusSeconds(100L * 365 * 24 * 3600); // more seconds from the first point than an int holds
      }
      t = t.plusSeconds(60);
      curve.append(t, values[i]);
      points.add(new BacktestResult.EquityPoint(t, values[i]));
    }
    assertEquals(points, curve);
    Summary pass = Summary.of(cash, 1, points, List.of(), List.of(), 0, 0, 0, 0);
    assertEquals(Double.doubleToRawLongBits(pass.maxDrawdown()), Double.doubleToRawLongBits(curve.maxDrawdown()));
  }

  @Test
  void isReadOnly() {
    EquityCurve curve = new EquityCurve(1, 1);
    curve.append(Instant.EPOCH, 1);
    assertThrows(UnsupportedOperationException.class,
        () -> curve.add(new BacktestResult.EquityPoint(Instant.EPOCH, 2)));
    assertThrows(UnsupportedOperationException.class, () -> curve.remove(0));
    assertThrows(IndexOutOfBoundsException.class, () -> curve.get(1));
  }
}
