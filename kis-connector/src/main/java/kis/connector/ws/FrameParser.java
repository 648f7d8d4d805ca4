package kis.connector.ws;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import kis.connector.QuoteMarket;
import kis.connector.rest.KisJson;
import kis.connector.rest.OrderSide;
import kis.connector.rest.PriceLevel;
import kis.connector.ws.FieldCuts.Fields;
import kis.connector.ws.KisFeedEvent.ExecutionNotice;
import kis.connector.ws.KisFeedEvent.NoticeKind;
import kis.connector.ws.KisFeedEvent.OrderBook;
import kis.connector.ws.KisFeedEvent.Trade;

/**
 * Parses KIS data frames {@code <enc>|<TR_ID>|<count>|<payload>} (kis-api.md 5.5): decrypts the
 * payload when {@code enc} is 1, splits on {@code ^} ({@link FieldCuts}: only the fields read become
 * strings), and cuts it into {@code count} records of equal width, so that layouts which grew
 * fields at the end (47-field trades, 62-field books, 26-field notices) parse like the documented
 * ones. Pure and thread-safe.
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
    int bar1 = frame.indexOf('|');
    int bar2 = bar1 < 0 ? -1 : frame.indexOf('|', bar1 + 1);
    int bar3 = bar2 < 0 ? -1 : frame.indexOf('|', bar2 + 1);
    if (bar3 < 0) {
      throw new MalformedFrameException("data frame without 4 '|'-separated parts");
    }
    String encryption = frame.substring(0, bar1);
    String trId = frame.substring(bar1 + 1, bar2);
    int count;
    try {
      count = Integer.parseInt(frame.substring(bar2 + 1, bar3).trim());
    } catch (NumberFormatException e) {
      throw new MalformedFrameException(trId + ": record count is not a number");
    }
    if (count < 1) {
      throw new MalformedFrameException(trId + ": record count " + count);
    }
    FieldCuts fields;
    if (encryption.equals("1")) {
      AesKey key = keys.apply(trId)
          .orElseThrow(() -> new MalformedFrameException(trId + ": encrypted frame before the subscribe ack's key"));
      try {
        fields = FieldCuts.of(key.decrypt(frame.substring(bar3 + 1)), 0);
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new MalformedFrameException(trId + ": payload does not decrypt (" + e.getClass().getSimpleName() + ")");
      }
    } else if (encryption.equals("0")) {
      fields = FieldCuts.of(frame, bar3 + 1); // read in place: the payload is not copied
    } else {
      throw new MalformedFrameException(trId + ": unknown encryption flag");
    }
    if (fields.size() % count != 0) {
      throw new MalformedFrameException(trId + ": " + fields.size() + " fields do not split into " + count + " records");
    }
    int width = fields.size() / count;
    boolean notice = trId.equals(NOTICE_REAL) || trId.equals(NOTICE_PAPER);
    List<KisFeedEvent> out = new ArrayList<>(count);
    for (int r = 0; r < count; r++) {
      Fields f = fields.record(r, width);
      if (notice && f.length() > 1 && !ownAccount.test(f.get(1).trim())) {
        continue;
      }
      out.add(record(trId, f));
    }
    return out;
  }

  private static KisFeedEvent record(String trId, Fields f) throws MalformedFrameException {
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
          return new KisFeedEvent.MarketStatus(f.get(0).trim(), f.get(1).trim(), f.get(2).trim(), f.get(3).trim(),
              f.get(4).trim(), f.get(5).trim(), f.get(6).trim(), f.get(7).trim(), f.get(8).trim(), f.get(9).trim(),
              f.length() > 10 ? f.get(10).trim() : "");
        default:
          throw new MalformedFrameException("unknown TR " + trId);
      }
    } catch (RuntimeException e) {
      // Names the TR and the kind of problem only: field values may be account data.
      throw new MalformedFrameException(trId + ": unreadable field (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static void need(String trId, Fields f, int min) throws MalformedFrameException {
    if (f.length() < min) {
      throw new MalformedFrameException(trId + ": " + f.length() + " fields per record, expected at least " + min);
    }
  }

  static Trade trade(Fields f, QuoteMarket market) {
    return new Trade(
        f.get(0), KisJson.parseDate(f.get(33)), KisJson.parseTime(f.get(1)), f.number(2), f.get(3), f.number(4),
        KisJson.parseDecimal(f.get(5)), f.number(7), f.number(8), f.number(9), f.number(10), f.number(11),
        f.number(36), f.number(37), f.number(12), f.number(13), f.number(14), f.get(21), f.get(43),
        "Y".equals(f.get(35)), market);
  }

  static OrderBook book(Fields f, QuoteMarket market) {
    List<PriceLevel> asks = new ArrayList<>(10);
    List<PriceLevel> bids = new ArrayList<>(10);
    for (int i = 0; i < 10; i++) {
      asks.add(new PriceLevel(f.number(3 + i), f.number(23 + i)));
      bids.add(new PriceLevel(f.number(13 + i), f.number(33 + i)));
    }
    return new OrderBook(f.get(0), KisJson.parseTime(f.get(1)), f.get(2), asks, bids, f.number(43), f.number(44),
        f.number(47), f.number(48), f.number(53), market);
  }

  static ExecutionNotice notice(Fields f) {
    // ODER_PRC is the last field of both the 23-field (pre-NXT) and 26-field layouts; ORD_EXG_GB
    // (field 19) exists only from the 26-field layout on (in the 23-field one, 19 is CRDT_CLS).
    int n = f.length();
    String orderPrice = n == 23 || n == 26 ? f.get(n - 1) : n > 26 ? f.get(25) : "";
    String exchange = n >= 26 ? f.get(19) : "";
    NoticeKind kind = switch (f.get(13).trim()) {
      case "1" -> NoticeKind.ACCEPTANCE;
      case "2" -> NoticeKind.FILL;
      default -> throw new IllegalArgumentException("CNTG_YN");
    };
    return new ExecutionNotice(
        f.get(2).trim(), f.get(3).trim(), OrderSide.fromCode(f.get(4)), f.get(5).trim(), f.get(6).trim(),
        f.get(7).trim(), f.get(8).trim(), f.number(9), f.number(10), KisJson.parseTime(f.get(11)),
        "1".equals(f.get(12).trim()), kind, f.get(14).trim(), f.get(15).trim(), f.number(16),
        KisJson.parseLong(orderPrice), exchange);
  }
}
