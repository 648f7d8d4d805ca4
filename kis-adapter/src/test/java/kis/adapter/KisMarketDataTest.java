package kis.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import kis.connector.ws.KisFeedEvent;
import kis.journal.Symbol;
import kis.strategies.event.Trade;
import org.junit.jupiter.api.Test;

class KisMarketDataTest {

  private static KisFeedEvent.Trade print(String hourCls, long price, long volume) {
    return new KisFeedEvent.Trade("005930", LocalDate.of(2026, 12, 4), LocalTime.of(9, 30), price, "2", 100,
        BigDecimal.ONE, 70_000, 70_500, 69_900, 70_100, 70_000, 5, 7, volume, 1_000, 70_000_000, "1", hourCls, false,
        kis.connector.QuoteMarket.KRX);
  }

  @Test
  void anIntradayPrintIsATradeAtSeoulTime() {
    for (String intraday : new String[] {"0", "", null}) {
      assertEquals(new Trade(Symbol.of("005930"), Instant.parse("2026-12-04T00:30:00Z"), 70_000, 3, 1_000),
          KisMarketData.trade(print(intraday, 70_000, 3)).orElseThrow());
    }
  }

  @Test
  void expectedPricesEmptyPrintsAndOtherEventsAreNoTrade() {
    for (String expected : List.of("A", "B", "C", "D")) {
      assertTrue(KisMarketData.trade(print(expected, 70_000, 3)).isEmpty(), expected);
    }
    assertTrue(KisMarketData.trade(print("0", 0, 3)).isEmpty());
    assertTrue(KisMarketData.trade(print("0", 70_000, 0)).isEmpty());
    assertTrue(KisMarketData.trade(new KisFeedEvent.Heartbeat("x")).isEmpty());
  }
}
