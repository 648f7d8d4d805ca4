package kis.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import kis.connector.QuoteMarket;
import kis.connector.ws.KisFeedEvent;
import kis.journal.Symbol;
import kis.journal.Venue;
import org.junit.jupiter.api.Test;

class StreamFramesTest {

  static KisFeedEvent.Trade trade(QuoteMarket market, String hourCls, boolean halted) {
    return new KisFeedEvent.Trade("005930", LocalDate.of(2026, 12, 7), LocalTime.of(10, 0), 71_000, "2", 100,
        BigDecimal.ONE, 70_000, 71_500, 69_900, 71_100, 71_000, 10, 10, 5, 1000, 71_000_000, "1", hourCls, halted,
        market);
  }

  static KisFeedEvent.OrderBook book(long expectedPrice) {
    return new KisFeedEvent.OrderBook("005930", LocalTime.of(10, 0), "0", List.of(), List.of(), 0, 0, expectedPrice,
        0, 0, QuoteMarket.KRX);
  }

  @Test
  void tradesAndBooksAreDataFramesOfTheirSymbolsTrOnTheirMarketsVenue() {
    assertEquals(Optional.of(new StreamFrames.Seen(new StreamWatch.Key(Symbol.of("005930"), "H0STCNT0", Venue.KRX),
        false)), StreamFrames.of(trade(QuoteMarket.KRX, "0", false)));
    assertEquals(new StreamWatch.Key(Symbol.of("005930"), "H0NXCNT0", Venue.NXT),
        StreamFrames.of(trade(QuoteMarket.NXT, "0", false)).orElseThrow().key());
    assertEquals(Venue.SOR, StreamFrames.of(trade(QuoteMarket.INTEGRATED, "0", false)).orElseThrow().key().venue(),
        "the integrated feed prints whenever either book trades");
    assertEquals("H0STASP0", StreamFrames.of(book(0)).orElseThrow().key().trId());
  }

  @Test
  void pingPongRepliesAndNoticesAreNotDataFrames() {
    assertTrue(StreamFrames.of(new KisFeedEvent.Heartbeat("20261207100000")).isEmpty());
    assertTrue(StreamFrames.of(new KisFeedEvent.SubscriptionAck("H0STCNT0", "005930", true, true, "OPSP0000", "ok"))
        .isEmpty());
  }

  @Test
  void aHaltedTradeAnExpectedPriceOrAnAuctionHourCodeSaysTheSymbolIsNotTradingContinuously() {
    assertTrue(StreamFrames.of(trade(QuoteMarket.KRX, "0", true)).orElseThrow().halted());
    assertTrue(StreamFrames.of(trade(QuoteMarket.KRX, "C", false)).orElseThrow().halted(), "VI expected price");
    assertTrue(StreamFrames.of(book(71_000)).orElseThrow().halted(), "an expected match: a call auction");
    assertFalse(StreamFrames.of(book(0)).orElseThrow().halted());
  }
}
