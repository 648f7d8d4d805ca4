package kis.journal.state;

import static kis.journal.state.Ev.COSTS;
import static kis.journal.state.Ev.accepted;
import static kis.journal.state.Ev.fill;
import static kis.journal.state.Ev.id;
import static kis.journal.state.Ev.revised;
import static kis.journal.state.Ev.reviseRequested;
import static kis.journal.state.Ev.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import kis.journal.Side;
import kis.journal.event.AgentEvent;
import kis.journal.event.FillSource;
import kis.journal.event.OrderFilled;
import org.junit.jupiter.api.Test;

class FillCostsTest {
  // A sell of 10 filled at three prices: 210,300 + 210,600 + 281,200 = 702,100 won.
  static final long TOTAL = 3 * 70_100 + 3 * 70_200 + 4 * 70_300;

  /** Folds {@code events}, pricing every fill as the agent does just before journaling it. */
  static AgentState foldPriced(List<AgentEvent> events) {
    AgentState s = AgentState.empty("a1");
    for (AgentEvent e : events) {
      if (e instanceof OrderFilled f) {
        e = FillCosts.priced(s.order(f.orderId()).orElseThrow(), f, COSTS);
      }
      s = s.apply(e);
    }
    return s;
  }

  @Test
  void perFillRoundingWouldLoseWonsOnThisOrder() {
    long perFill = COSTS.fee(3 * 70_100) + COSTS.fee(3 * 70_200) + COSTS.fee(4 * 70_300);
    assertNotEquals(COSTS.fee(TOTAL), perFill, "the case below must tell the two roundings apart");
    long perFillTax = COSTS.tax(Side.SELL, 3 * 70_100) + COSTS.tax(Side.SELL, 3 * 70_200)
        + COSTS.tax(Side.SELL, 4 * 70_300);
    assertNotEquals(COSTS.tax(Side.SELL, TOTAL), perFillTax);
  }

  @Test
  void anOrdersFeeAndTaxAreRoundedOnItsCumulativeAmountWhenBookedNoticeByNotice() {
    AgentState s = foldPriced(List.of(sell(1, 10, 70_100), accepted(1),
        fill(1, Side.SELL, 3, 70_100, "e1"), fill(1, Side.SELL, 3, 70_200, "e2"), fill(1, Side.SELL, 4, 70_300, "e3")));
    assertEquals(COSTS.fee(TOTAL), s.fees());
    assertEquals(COSTS.tax(Side.SELL, TOTAL), s.taxes());
    assertEquals(TOTAL - COSTS.fee(TOTAL) - COSTS.tax(Side.SELL, TOTAL), s.cashFlow());
  }

  @Test
  void fillsInferredFromTheInquirysTotalCostTheSameAsTheNotices() {
    // Only the first notice arrived; the reconciler books the other 491,800 won for 7 shares
    // as 6 at 70,257 and 1 at 70,258, its split of an average that is not a whole won.
    AgentState s = foldPriced(List.of(sell(1, 10, 70_100), accepted(1), fill(1, Side.SELL, 3, 70_100, "e1"),
        fill(1, Side.SELL, 6, 70_257, "inq:1001:10", FillSource.INQUIRY),
        fill(1, Side.SELL, 1, 70_258, "inq:1001:10:+1", FillSource.INQUIRY)));
    assertEquals(TOTAL, s.order(id(1)).orElseThrow().filledValue());
    assertEquals(COSTS.fee(TOTAL), s.fees());
    assertEquals(COSTS.tax(Side.SELL, TOTAL), s.taxes());
  }

  @Test
  void aReviseContinuesTheSameOrdersRounding() {
    AgentState s = foldPriced(List.of(sell(1, 10, 70_100), accepted(1), fill(1, Side.SELL, 3, 70_100, "e1"),
        reviseRequested(1, 70_200), revised(1, 2001, 70_200), fill(1, Side.SELL, 3, 70_200, "e2"),
        fill(1, Side.SELL, 4, 70_300, "e3")));
    assertEquals(COSTS.fee(TOTAL), s.fees());
    assertEquals(COSTS.tax(Side.SELL, TOTAL), s.taxes());
  }

  @Test
  void aNoticePartlyCountedByAnInquiryAlreadyBooksExactlyTheOrdersIncrease() {
    // The inquiry counted 3 shares; a notice of 6 then arrives (3 of them the same): 3 are new.
    AgentState s = foldPriced(List.of(sell(1, 10, 70_100), accepted(1),
        fill(1, Side.SELL, 3, 70_100, "inq:1001:3", FillSource.INQUIRY), fill(1, Side.SELL, 6, 70_200, "e9")));
    long value = 3 * 70_100 + 3 * 70_200;
    assertEquals(6, s.order(id(1)).orElseThrow().filledQuantity());
    assertEquals(COSTS.fee(value), s.fees());
    assertEquals(COSTS.tax(Side.SELL, value), s.taxes());
  }

  @Test
  void aReportThatBooksNothingOwesNothing() {
    AgentState s = foldPriced(List.of(sell(1, 10, 70_100), accepted(1), fill(1, Side.SELL, 3, 70_100, "e1")));
    OrderFilled again = FillCosts.priced(s.order(id(1)).orElseThrow(), fill(1, Side.SELL, 3, 70_100, "e1"), COSTS);
    assertEquals(0, again.fee());
    assertEquals(0, again.tax());
  }

  @Test
  void theJournaledAmountMakesTheProRataFoldBookExactlyWhatIsOwed() {
    for (long quantity = 1; quantity <= 12; quantity++) {
      for (long booked = 1; booked <= quantity; booked++) {
        for (long owed = 0; owed <= 50; owed++) {
          long journaled = FillCosts.forFold(owed, booked, quantity);
          assertEquals(owed, journaled * booked / quantity, owed + " owed, " + booked + " of " + quantity);
        }
      }
    }
  }
}
