package kis.connector.ws;

/**
 * Sees every market-data frame (a trade or book TR's data frame) a {@link KisWebSocket} receives,
 * raw, before it is parsed: the recorder of {@code run} ({@code kis.connector.record.FrameRecorder}).
 * Never sees control messages (their acks carry the AES keys), heartbeats or execution notices
 * (account data). Called on the socket's stream thread: it must return at once and never throw; a
 * tap that throws is logged and the frame is handled as usual.
 */
@FunctionalInterface
public interface FrameTap {
  /** Taps nothing. */
  FrameTap NONE = frame -> {};

  /** One market-data frame's text, as received. */
  void marketFrame(String frame);

  /** Whether {@code text} is a data frame of a trade or book TR ({@code <enc>|<TR_ID>|...}). */
  static boolean isMarketFrame(String text) {
    if (!FrameParser.isDataFrame(text)) {
      return false;
    }
    int a = text.indexOf('|');
    int b = a < 0 ? -1 : text.indexOf('|', a + 1);
    if (b < 0) {
      return false;
    }
    String trId = text.substring(a + 1, b);
    return kis.connector.QuoteMarket.ofTradeTr(trId).isPresent() || kis.connector.QuoteMarket.ofBookTr(trId).isPresent();
  }
}
