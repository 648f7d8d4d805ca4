package kis.actors.supervisor;

import java.util.Optional;
import kis.connector.QuoteMarket;
import kis.connector.ws.KisFeedEvent;
import kis.journal.Symbol;
import kis.journal.Venue;

/**
 * Which stream a websocket frame belongs to, for {@link StreamWatch}: trades and books are data
 * frames of their symbol's TR; PINGPONG, subscription replies and execution notices are not.
 */
final class StreamFrames {

  /** A data frame's stream, and whether it says its symbol is halted or in a single-price auction. */
  record Seen(StreamWatch.Key key, boolean halted) {}

  private StreamFrames() {}

  static Optional<Seen> of(KisFeedEvent e) {
    if (e instanceof KisFeedEvent.Trade t) {
      return Optional.of(new Seen(new StreamWatch.Key(Symbol.of(t.symbol()), t.market().tradeTr(),
          venue(t.market())), t.halted() || auctionCode(t.hourClsCode())));
    }
    if (e instanceof KisFeedEvent.OrderBook b) {
      // The expected-match price is only non-zero while the book is in a call auction (a VI inside
      // the continuous session, kis-api.md 5.7).
      return Optional.of(new Seen(new StreamWatch.Key(Symbol.of(b.symbol()), b.market().bookTr(),
          venue(b.market())), b.expectedPrice() > 0 || auctionCode(b.hourClsCode())));
    }
    return Optional.empty();
  }

  /** {@code HOUR_CLS_CODE} other than 0 (intraday): an expected price, a VI or an off-hours session. */
  private static boolean auctionCode(String hourClsCode) {
    return hourClsCode != null && !hourClsCode.isBlank() && !"0".equals(hourClsCode.trim());
  }

  /** Whose sessions a feed follows: the integrated feed prints whenever either book trades (SOR's day). */
  static Venue venue(QuoteMarket market) {
    switch (market) {
      case NXT:
        return Venue.NXT;
      case INTEGRATED:
        return Venue.SOR;
      default:
        return Venue.KRX;
    }
  }
}
