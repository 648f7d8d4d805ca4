package kis.strategies.builtin;

import static kis.strategies.Harness.bar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.strategies.Harness;
import kis.strategies.Intent;
import org.junit.jupiter.api.Test;

class PairSpreadTest {
  private static final String C = "005930";
  private static final String P = "005935";
  private int minute;

  private static Harness harness() {
    return new Harness(PairSpread.fromConfig(ConfigFactory.parseString(
        "notional = 1000000, window = 10, entry-z = 2, exit-z = 0")));
  }

  /** One period: common then preferred bar for the same minute; the answer to the second. */
  private List<Intent> pair(Harness h, long common, long preferred) {
    List<Intent> out = new ArrayList<>(h.send(bar(C, minute, common, 1_000)));
    out.addAll(h.send(bar(P, minute, preferred, 1_000)));
    minute++;
    return out;
  }

  /** Ten periods with the preferred at 80 % of the common, give or take a tick. */
  private void warm(Harness h) {
    for (int i = 0; i < 10; i++) {
      assertEquals(List.of(), pair(h, 70_000, i % 2 == 0 ? 56_000 : 56_100));
    }
  }

  private static Intent.Place place(Intent i) {
    return (Intent.Place) i;
  }

  @Test
  void buysThePreferredWhenItIsUnusuallyCheap() {
    Harness h = harness();
    warm(h);
    List<Intent> out = pair(h, 70_000, 55_000);
    assertEquals(1, out.size());
    assertEquals(Symbol.of(P), place(out.get(0)).spec().symbol());
    assertEquals(Side.BUY, place(out.get(0)).spec().side());
    assertEquals(1_000_000 / 55_000, place(out.get(0)).spec().quantity());
  }

  @Test
  void buysTheCommonWhenThePreferredIsUnusuallyRich() {
    Harness h = harness();
    warm(h);
    List<Intent> out = pair(h, 70_000, 57_200);
    assertEquals(1, out.size());
    assertEquals(Symbol.of(C), place(out.get(0)).spec().symbol());
  }

  @Test
  void doesNothingWhileTheSpreadStaysInItsBand() {
    Harness h = harness();
    warm(h);
    assertEquals(List.of(), pair(h, 70_000, 56_100));
    assertEquals(List.of(), pair(h, 70_500, 56_400));
  }

  @Test
  void decidesOnlyOncePerPeriodWhenBothLegsHaveReported() {
    Harness h = harness();
    warm(h);
    assertEquals(List.of(), h.send(bar(P, minute, 55_000, 1_000))); // common not in yet for this minute
    assertEquals(1, h.send(bar(C, minute, 70_000, 1_000)).size());
    assertEquals(List.of(), h.send(bar(C, minute, 70_000, 1_000)));
  }

  @Test
  void switchesBothLegsInOneAnswerWhenTheSpreadSwingsOver() {
    Harness h = harness();
    warm(h);
    h.fill(pair(h, 70_000, 55_000), 55_000);
    List<Intent> out = pair(h, 70_000, 57_500);
    assertEquals(2, out.size(), out.toString());
    assertEquals(Symbol.of(P), place(out.get(0)).spec().symbol());
    assertEquals(Side.SELL, place(out.get(0)).spec().side());
    assertEquals(18, place(out.get(0)).spec().quantity());
    assertEquals(Symbol.of(C), place(out.get(1)).spec().symbol());
    assertEquals(Side.BUY, place(out.get(1)).spec().side());
    assertEquals(1_000_000 / 70_000, place(out.get(1)).spec().quantity());
  }

  @Test
  void exitsWhenTheSpreadReturnsToItsMean() {
    Harness h = harness();
    warm(h);
    h.fill(pair(h, 70_000, 55_000), 55_000);
    List<Intent> out = pair(h, 70_000, 56_400);
    assertEquals(1, out.size(), out.toString());
    assertEquals(Side.SELL, place(out.get(0)).spec().side());
  }

  @Test
  void waitsWhileEitherLegHasAnOpenOrder() {
    Harness h = harness();
    warm(h);
    h.accept(pair(h, 70_000, 55_000));
    assertEquals(List.of(), pair(h, 70_000, 57_500));
  }

  @Test
  void sellsTheRichLegWhenHoldingBoth() {
    Harness h = harness();
    warm(h);
    h.fill(pair(h, 70_000, 55_000), 55_000);
    h.fill(List.of(Intent.buyMarket(Symbol.of(C), 3, "leftover")), 70_000);
    List<Intent> out = pair(h, 70_000, 56_800);
    assertEquals(1, out.size(), out.toString());
    assertEquals(Symbol.of(P), place(out.get(0)).spec().symbol());
    assertEquals(Side.SELL, place(out.get(0)).spec().side());
  }
}
