package kis.connector.ws;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import kis.connector.QuoteMarket;
import kis.connector.rest.KisJson;
import kis.connector.rest.OrderSide;
import kis.connector.rest.PriceLevel;
import kis.connector.ws.KisFeedEvent.ExecutionNotice;
import kis.connector.ws.KisFeedEvent.NoticeKind;
import kis.connector.ws.KisFeedEvent.OrderBook;
import kis.connector.ws.KisFeedEvent.Trade;

/**
 * Parses KIS data frames {@code <enc>|<TR_ID>|<count>|<payload>} (kis-api.md 5.5): decrypts the
 * payload when {@code enc} is 1, splits on {@code ^}, and cuts it into {@code count} records of
 * equal width, so that layouts which grew fields at the end (47-field trades, 62-field books,
 * 26-field notices) parse like the documented ones. Pure and thread-safe.
 */
public final class FrameParser {
  /** KRX trades; NXT's and the integrated feed's TRs are in {@link QuoteMarket}. */
  public static final String TRADE = "H0STCNT0";
  /** KRX's book; NXT's and the integrated feed's TRs are in {@link QuoteMarket}. */
  public static final String BOOK = "H0STASP0";
  public static final String NOTICE_REAL = "H0STCNI0";
  public static final String NOTICE_PAPER = "H0STCNI9";
  /** KRX's market-operation status per stock (a VI's start and end); real accounts only. */
  public static final String MARKET_STATUS = "H0STMKO0";

  static final int TRADE_MIN_FIELDS = 46;
  static final int BOOK_MIN_FIELDS = 54;
  static final int NOTICE_MIN_FIELDS = 23;
  static final int MARKET_STATUS_MIN_FIELDS = 10;

  private FrameParser() {}

  /** Whether {@code text} is a data frame (starts with 0 or 1) rather than a JSON control message. */
  public static boolean isDataFrame(String text) {
    return !text.isEmpty() && (text.charAt(0) == '0' || text.charAt(0) == '1');
  }

  /**
   * The records of one data frame.
   *
   * @param keys the AES key of a TR, from its subscribe ack
   */
  public static List<KisFeedEvent> parse(String frame, Function<String, Optional<AesKey>> keys)
      throws MalformedFrameException {
    return parse(frame, keys, account -> true);
  }

  /**
   * As {@link #parse(String, Function)}, dropping execution notices whose {@code ACNT_NO} (field
   * 1) fails {@code ownAccount}.
   */
  public static List<KisFeedEvent> parse(String frame, Function<String, Optional<AesKey>> keys,
      java.util.function.Predicate<String> ownAccount) throws MalformedFrameException {
    String[] parts = frame.split("\\|", 4);
    if (parts.length != 4) {
      throw new MalformedFrameException("data frame without 4 '|'-separated parts");
    }
    String trId = parts[1];
    int count;
    try {
      count = Integer.parseInt(parts[2].trim());
    } catch (NumberFormatException e) {
      throw new MalformedFrameException(trId + ": record count is not a number");
    }
    if (count < 1) {
      throw new MalformedFrameException(trId + ": record count " + count);
    }
    String payload = parts[3];
    if (parts[0].equals("1")) {
      AesKey key = keys.apply(trId)
          .orElseThrow(() -> new MalformedFrameException(trId + ": encrypted frame before the subscribe ack's key"));
      try {
        payload = key.decrypt(payload);
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new MalformedFrameException(trId + ": payload does not decrypt (" + e.getClass().getSimpleName() + ")");
      }
    } else if (!parts[0].equals("0")) {
      throw new MalformedFrameException(trId + ": unknown encryption flag");
    }
    String[] fields = payload.split("\\^", -1);
    if (fields.length % count != 0) {
      throw new MalformedFrameException(trId + ": " + fields.length + " fields do not split into " + count + " records");
    }
    int width = fields.length / count;
    List<KisFeedEvent> out = new ArrayList<>(count);
    for (int r = 0; r < count; r++) {
      String[] f = Arrays.copyOfRange(fields, r * width, (r + 1) * width);
      boolean notice = trId.equals(NOTICE_REAL) || trId.equals(NOTICE_PAPER);
      if (notice && f.length > 1 && !ownAccount.test(f[1].trim())) {
        continue;
      }
      out.add(record(trId, f));
    }
    return out;
  }

  private static KisFeedEvent record(String trId, String[] f) throws MalformedFrameException {
    Optional<QuoteMarket> tradeMarket = QuoteMarket.ofTradeTr(trId);
    Optional<QuoteMarket> bookMarket = QuoteMarket.ofBookTr(trId);
    try {
      if (tradeMarket.isPresent()) {
        need(trId, f, TRADE_MIN_FIELDS);
        return trade(f, tradeMarket.get());
      }
      if (bookMarket.isPresent()) {
        need(trId, f, BOOK_MIN_FIELDS);
        return book(f, bookMarket.get());
      }
      switch (trId) {
        case NOTICE_REAL:
        case NOTICE_PAPER:
          need(trId, f, NOTICE_MIN_FIELDS);
          return notice(f);
        case MARKET_STATUS:
          need(trId, f, MARKET_STATUS_MIN_FIELDS);
          return new KisFeedEvent.MarketStatus(f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim(), f[4].trim(),
              f[5].trim(), f[6].trim(), f[7].trim(), f[8].trim(), f[9].trim(), f.length > 10 ? f[10].trim() : "");
        default:
          throw new MalformedFrameException("unknown TR " + trId);
      }
    } catch (RuntimeException e) {
      // Names the TR and the kind of problem only: field values may be account data.
      throw new MalformedFrameException(trId + ": unreadable field (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static void need(String trId, String[] f, int min) throws MalformedFrameException {
    if (f.length < min) {
      throw new MalformedFrameException(trId + ": " + f.length + " fields per record, expected at least " + min);
    }
  }

  static Trade trade(String[] f, QuoteMarket market) {
    return new Trade(
        f[0], KisJson.parseDate(f[33]), KisJson.parseTime(f[1]), n(f[2]), f[3], n(f[4]), KisJson.parseDecimal(f[5]),
        n(f[7]), n(f[8]), n(f[9]), n(f[10]), n(f[11]), n(f[36]), n(f[37]),
        n(f[12]), n(f[13]), n(f[14]), f[21], f[43], "Y".equals(f[35]), market);
  }

  static OrderBook book(String[] f, QuoteMarket market) {
    List<PriceLevel> asks = new ArrayList<>(10);
    List<PriceLevel> bids = new ArrayList<>(10);
    for (int i = 0; i < 10; i++) {
      asks.add(new PriceLevel(n(f[3 + i]), n(f[23 + i])));
      bids.add(new PriceLevel(n(f[13 + i]), n(f[33 + i])));
    }
    return new OrderBook(f[0], KisJson.parseTime(f[1]), f[2], asks, bids, n(f[43]), n(f[44]), n(f[47]), n(f[48]),
        n(f[53]), market);
  }

  static ExecutionNotice notice(String[] f) {
    // ODER_PRC is the last field of both the 23-field (pre-NXT) and 26-field layouts; ORD_EXG_GB
    // (field 19) exists only from the 26-field layout on (in the 23-field one, 19 is CRDT_CLS).
    String orderPrice = f.length == 23 || f.length == 26 ? f[f.length - 1] : f.length > 26 ? f[25] : "";
    String exchange = f.length >= 26 ? f[19] : "";
    NoticeKind kind = switch (f[13].trim()) {
      case "1" -> NoticeKind.ACCEPTANCE;
      case "2" -> NoticeKind.FILL;
      default -> throw new IllegalArgumentException("CNTG_YN");
    };
    return new ExecutionNotice(
        f[2].trim(), f[3].trim(), OrderSide.fromCode(f[4]), f[5].trim(), f[6].trim(), f[7].trim(), f[8].trim(),
        n(f[9]), n(f[10]), KisJson.parseTime(f[11]), "1".equals(f[12].trim()), kind, f[14].trim(), f[15].trim(),
        n(f[16]), n(orderPrice), exchange);
  }

  private static long n(String s) {
    return KisJson.parseLong(s);
  }
}
