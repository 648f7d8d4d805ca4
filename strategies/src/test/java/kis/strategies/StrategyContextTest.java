package kis.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kis.journal.Symbol;
import org.junit.jupiter.api.Test;

class StrategyContextTest {
  private static final Symbol HELD = Symbol.of("005930");
  private static final Symbol OTHER = Symbol.of("000660");

  /** Ten shares held, a sell of four working: six are free to sell. */
  private static Harness holdingTenSellingFour() {
    Harness h = new Harness(new BaseStrategy() {
      @Override
      public java.util.Set<Symbol> symbols() {
        return java.util.Set.of(HELD);
      }
    });
    h.fill(List.of(Intent.buyMarket(HELD, 10, "in")), 70_000);
    h.accept(List.of(Intent.sellMarket(HELD, 4, "part out")));
    return h;
  }

  @Test
  void sharesClaimedByAWorkingSellAreNotSellable() {
    StrategyContext ctx = holdingTenSellingFour().ctx();
    assertEquals(6, ctx.sellableQuantity(HELD));
    assertEquals(0, ctx.sellableQuantity(OTHER));
    assertTrue(ctx.hasOpenOrders(HELD));
    assertFalse(ctx.hasOpenOrders(OTHER));
  }

  @Test
  void theBooksAloneAnswerAsTheContextDoes() {
    StrategyContext ctx = holdingTenSellingFour().ctx();
    for (Symbol s : List.of(HELD, OTHER)) {
      assertEquals(ctx.sellableQuantity(s), StrategyContext.sellableQuantity(ctx.state(), s));
      assertEquals(ctx.hasOpenOrders(s), StrategyContext.hasOpenOrders(ctx.state(), s));
    }
  }
}
