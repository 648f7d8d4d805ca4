package kis.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import kis.journal.PrintSource;
import kis.journal.Symbol;
import org.junit.jupiter.api.Test;

class SlotPlanTest {
  static SlotPlan.Wanted trades(String code, FeedPriority p, long order) {
    return new SlotPlan.Wanted(new MarketFeed(PrintSource.KRX, Symbol.of(code)), false, p, order);
  }

  static Set<String> codes(Set<SlotPlan.Wanted> s) {
    return s.stream().map(w -> w.feed().symbol().code()).collect(Collectors.toSet());
  }

  @Test
  void everythingStreamsWhileTheSlotsLast() {
    List<SlotPlan.Wanted> w = List.of(trades("000001", FeedPriority.POLL, 0), trades("000002", FeedPriority.PRINTS, 1));
    assertEquals(Set.copyOf(w), SlotPlan.streamed(w, 2));
    assertEquals(Set.copyOf(w), SlotPlan.streamed(w, 40));
  }

  @Test
  void pastTheSlotsTicksComeFirstThenPrintsThenPollEarlierSubscriptionsFirstWithinOne() {
    List<SlotPlan.Wanted> w = new ArrayList<>();
    w.add(trades("000001", FeedPriority.POLL, 0));
    w.add(trades("000002", FeedPriority.PRINTS, 1));
    w.add(trades("000003", FeedPriority.PRINTS, 2));
    w.add(trades("000004", FeedPriority.TICKS, 3));
    w.add(trades("000005", FeedPriority.PRINTS, 4));

    assertEquals(Set.of("000004"), codes(SlotPlan.streamed(w, 1)));
    assertEquals(Set.of("000004", "000002", "000003"), codes(SlotPlan.streamed(w, 3)));
    assertEquals(Set.of("000004", "000002", "000003", "000005"), codes(SlotPlan.streamed(w, 4)));
    assertEquals(Set.of(), codes(SlotPlan.streamed(w, 0)));
  }

  @Test
  void aBookCompetesForASlotAsItsFeedsTradesDoTradesBeforeTheBookOfOneFeed() {
    MarketFeed f = new MarketFeed(PrintSource.KRX, Symbol.of("005930"));
    SlotPlan.Wanted book = new SlotPlan.Wanted(f, true, FeedPriority.TICKS, 0);
    SlotPlan.Wanted trade = new SlotPlan.Wanted(f, false, FeedPriority.TICKS, 0);
    SlotPlan.Wanted other = trades("000660", FeedPriority.PRINTS, 1);

    assertEquals(Set.of(trade), SlotPlan.streamed(List.of(book, other, trade), 1));
    assertEquals(Set.of(trade, book), SlotPlan.streamed(List.of(other, book, trade), 2));
  }
}
