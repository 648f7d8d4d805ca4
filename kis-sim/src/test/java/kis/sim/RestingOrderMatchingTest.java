package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kis.journal.Symbol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How trade prints fill the account's resting limit orders (the fill model the backtest shares). */
class RestingOrderMatchingTest {
  static final Symbol SAMSUNG = Symbol.of("005930"); // base price 71,000, tick 100

  KisSimulator sim;
  WireClient kis;

  @BeforeEach
  void start() {
    sim = SimTestSupport.start("initial-cash = 100000000000");
    kis = new WireClient(sim);
    kis.issueToken();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private List<Long> fillPrices() {
    return sim.account().fills().stream().map(AccountView.FillView::price).toList();
  }

  private List<Long> fillQuantities() {
    return sim.account().fills().stream().map(AccountView.FillView::qty).toList();
  }

  @Test
  void aPrintThroughARestingBuyFillsItAtItsLimitUpToThePrintAndTheRestKeepsResting() {
    assertEquals("0", kis.buy("005930", 10, 70_800).rtCd()); // below the last price: rests
    kis.trade("005930", 70_500, 4);
    assertEquals(List.of(70_800L), fillPrices());
    assertEquals(List.of(4L), fillQuantities()); // the rebuilt book (asks from 70,600) does not fill the rest
    kis.trade("005930", 70_900, 50);
    assertEquals(List.of(4L), fillQuantities());
    kis.trade("005930", 70_800, 50);
    assertEquals(List.of(4L, 6L), fillQuantities());
    assertEquals(List.of(70_800L, 70_800L), fillPrices());
    assertEquals(10L, sim.account().holdings().get(SAMSUNG));
  }

  @Test
  void aPrintThroughARestingSellFillsItAtItsLimitAndTheRestWaitsForTheNextPrint() {
    assertEquals("0", kis.order(true, "005930", "01", 10, 0).rtCd()); // market: sweeps the book at once
    assertEquals(10L, sim.account().holdings().get(SAMSUNG));
    int before = sim.account().fills().size();
    assertEquals("0", kis.sell("005930", 10, 71_500).rtCd()); // above the last price: rests
    kis.trade("005930", 71_700, 3);
    List<AccountView.FillView> after = sim.account().fills().subList(before, sim.account().fills().size());
    assertEquals(1, after.size(), "the rebuilt book (bids from 71,700) does not fill the rest");
    assertEquals(3, after.get(0).qty());
    assertEquals(71_500, after.get(0).price());
    kis.trade("005930", 71_400, 20);
    assertEquals(before + 1, sim.account().fills().size());
    assertEquals(7L, sim.account().holdings().get(SAMSUNG));
  }

  @Test
  void anOpenMarketOrderStillTakesTheRebuiltBook() {
    // A market buy bigger than the ten synthetic ask levels keeps a remainder; after the next
    // print the rebuilt book fills it.
    WireClient.Reply r = kis.order(true, "005930", "01", 200_000, 0);
    assertEquals("0", r.rtCd(), r.body().toString());
    long filled = sim.account().holdings().getOrDefault(SAMSUNG, 0L);
    kis.trade("005930", 71_000, 1);
    long later = sim.account().holdings().getOrDefault(SAMSUNG, 0L);
    assertTrue(later > filled + 1, filled + " then " + later);
  }
}
