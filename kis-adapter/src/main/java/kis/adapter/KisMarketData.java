package kis.adapter;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import kis.connector.QuoteMarket;
import kis.connector.ws.KisFeedEvent;
import kis.journal.PrintSource;
import kis.journal.Symbol;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.Trade;

/** KIS websocket market data ({@code H0STCNT0}, kis-api.md 5.6) as the strategies' market events. */
public final class KisMarketData {
  private static final ZoneId KST = ZoneId.of("Asia/Seoul");

  private KisMarketData() {}

  /**
   * A trade print as a strategy's {@link Trade}; empty for anything else, for expected prices
   * ({@code HOUR_CLS_CODE} A/B/C/D: a call auction's indication, not a trade) and for empty prints.
   */
  public static Optional<MarketEvent> trade(KisFeedEvent e) {
    if (e instanceof KisFeedEvent.Trade t && t.price() > 0 && t.volume() > 0 && isIntraday(t.hourClsCode())) {
      return Optional.of(new Trade(Symbol.of(t.symbol()), ZonedDateTime.of(t.businessDate(), t.time(), KST).toInstant(),
          t.price(), t.volume(), Math.max(0, t.cumulativeVolume())));
    }
    return Optional.empty();
  }

  /** The KIS market ({@code H0STCNT0}, {@code H0NXCNT0} or {@code H0UNCNT0}) that carries {@code source}'s prints. */
  public static QuoteMarket market(PrintSource source) {
    return switch (source) {
      case KRX -> QuoteMarket.KRX;
      case NXT -> QuoteMarket.NXT;
      case INTEGRATED -> QuoteMarket.INTEGRATED;
    };
  }

  /** Whose prints a frame of {@code market}'s feed carries. */
  public static PrintSource source(QuoteMarket market) {
    return switch (market) {
      case KRX -> PrintSource.KRX;
      case NXT -> PrintSource.NXT;
      case INTEGRATED -> PrintSource.INTEGRATED;
    };
  }

  private static boolean isIntraday(String hourClsCode) {
    return hourClsCode == null || hourClsCode.isEmpty() || "0".equals(hourClsCode);
  }
}
