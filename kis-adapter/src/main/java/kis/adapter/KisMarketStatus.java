package kis.adapter;

import java.time.Instant;
import java.util.Optional;
import kis.connector.ws.KisFeedEvent;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;
import kis.strategies.event.PhaseChanged;

/**
 * KRX's market-operation status ({@code H0STMKO0}, sent when a VI starts on a stock and when it
 * ends) as the strategies' stock-level {@link PhaseChanged}: {@code VI_CLS_CODE} blank, {@code N}
 * or {@code 0} means no VI (back to {@link MarketPhase#CONTINUOUS}); any other value ({@code Y},
 * or the static / dynamic / both codes {@code 1}–{@code 3} that KIS's VI inquiry uses) a VI
 * running ({@link MarketPhase#VOLATILITY_INTERRUPTION}). KIS documents no values for the realtime
 * field, so both readings are taken. The frame carries no time: the phase takes the time it was
 * received.
 */
public final class KisMarketStatus {
  private KisMarketStatus() {}

  /** The stock's VI phase a status frame announces; empty for any other event or an unreadable stock code. */
  public static Optional<PhaseChanged> phase(KisFeedEvent e, Instant receivedAt) {
    if (!(e instanceof KisFeedEvent.MarketStatus s)) {
      return Optional.empty();
    }
    Symbol symbol;
    try {
      symbol = Symbol.of(s.symbol());
    } catch (IllegalArgumentException bad) {
      return Optional.empty();
    }
    boolean vi = viInForce(s.viClsCode());
    MarketPhase now = vi ? MarketPhase.VOLATILITY_INTERRUPTION : MarketPhase.CONTINUOUS;
    MarketPhase before = vi ? MarketPhase.CONTINUOUS : MarketPhase.VOLATILITY_INTERRUPTION;
    return Optional.of(new PhaseChanged(Venue.KRX, symbol, now, Optional.of(before), receivedAt));
  }

  /** {@code VI_CLS_CODE}: a VI runs unless it is blank, {@code N} or {@code 0}. */
  static boolean viInForce(String viClsCode) {
    String c = viClsCode == null ? "" : viClsCode.trim();
    return !(c.isEmpty() || c.equals("N") || c.equals("0"));
  }
}
