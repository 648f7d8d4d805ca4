package kis.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kis.connector.ws.FrameParser;
import kis.connector.ws.KisFeedEvent;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;
import kis.strategies.event.PhaseChanged;
import org.junit.jupiter.api.Test;

class KisMarketStatusTest {
  private static final Instant AT = Instant.parse("2026-11-23T01:00:00Z");

  private static KisFeedEvent parsed(String viClsCode) throws Exception {
    List<KisFeedEvent> events = FrameParser.parse("0|H0STMKO0|001|005930^N^^20^^^^^" + viClsCode + "^N^",
        tr -> Optional.empty());
    assertEquals(1, events.size());
    return events.get(0);
  }

  @Test
  void aStatusFrameWithAViCodeIsTheStocksViOnKrxAndWithoutItsEnd() throws Exception {
    KisFeedEvent.MarketStatus s = (KisFeedEvent.MarketStatus) parsed("Y");
    assertEquals("005930", s.symbol());
    assertEquals("Y", s.viClsCode());
    assertEquals(Optional.of(new PhaseChanged(Venue.KRX, Symbol.of("005930"), MarketPhase.VOLATILITY_INTERRUPTION,
        Optional.of(MarketPhase.CONTINUOUS), AT)), KisMarketStatus.phase(s, AT));
    for (String code : new String[] {"1", "2", "3"}) {
      assertEquals(MarketPhase.VOLATILITY_INTERRUPTION, KisMarketStatus.phase(parsed(code), AT).orElseThrow().phase(),
          "the VI inquiry's static/dynamic codes: " + code);
    }
    for (String code : new String[] {"N", "0", ""}) {
      PhaseChanged end = KisMarketStatus.phase(parsed(code), AT).orElseThrow();
      assertEquals(MarketPhase.CONTINUOUS, end.phase(), code);
      assertEquals(Optional.of(MarketPhase.VOLATILITY_INTERRUPTION), end.previous());
      assertTrue(end.isStockLevel());
    }
  }

  @Test
  void otherEventsAndUnreadableStockCodesAnnounceNothing() throws Exception {
    assertEquals(Optional.empty(), KisMarketStatus.phase(new KisFeedEvent.Heartbeat("x"), AT));
    KisFeedEvent bad = FrameParser.parse("0|H0STMKO0|001|??^N^^20^^^^^Y^N^", tr -> Optional.empty()).get(0);
    assertEquals(Optional.empty(), KisMarketStatus.phase(bad, AT));
  }
}
