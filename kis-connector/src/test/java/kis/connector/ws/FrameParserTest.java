package kis.connector.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import kis.connector.QuoteMarket;
import kis.connector.rest.OrderSide;
import kis.connector.rest.PriceLevel;
import kis.connector.ws.KisFeedEvent.ExecutionNotice;
import kis.connector.ws.KisFeedEvent.NoticeKind;
import kis.connector.ws.KisFeedEvent.OrderBook;
import kis.connector.ws.KisFeedEvent.Trade;
import org.junit.jupiter.api.Test;

class FrameParserTest {
  private static final Function<String, Optional<AesKey>> NO_KEYS = tr -> Optional.empty();
  private static final Function<String, Optional<AesKey>> KEYS = tr -> Optional.of(new AesKey(Frames.KEY, Frames.IV));

  @Test
  void parsesOneTradeRecordIntoTypedFields() throws Exception {
    List<KisFeedEvent> events = FrameParser.parse(
        Frames.plain("H0STCNT0", Frames.trade("005930", "093015", 70200, 12, 1_000_012)), NO_KEYS);

    Trade t = assertInstanceOf(Trade.class, events.get(0));
    assertEquals("005930", t.symbol());
    assertEquals(LocalTime.of(9, 30, 15), t.time());
    assertEquals(LocalDate.of(2026, 11, 24), t.businessDate());
    assertEquals(70200, t.price());
    assertEquals(-750, t.change());
    assertEquals(new BigDecimal("-1.63"), t.changeRate());
    assertEquals(12, t.volume());
    assertEquals(1_000_012, t.cumulativeVolume());
    assertEquals(70300, t.ask1());
    assertEquals(70200, t.bid1());
    assertEquals(120, t.ask1Qty());
    assertEquals(340, t.bid1Qty());
    assertFalse(t.halted());
  }

  @Test
  void splitsMultiRecordFramesByTheRecordCount() throws Exception {
    String frame = Frames.plain("H0STCNT0",
        Frames.trade("005930", "093015", 70200, 1, 10),
        Frames.trade("005930", "093016", 70300, 2, 12),
        Frames.trade("005930", "093017", 70100, 3, 15));

    List<KisFeedEvent> events = FrameParser.parse(frame, NO_KEYS);

    assertEquals(3, events.size());
    assertEquals(List.of(70200L, 70300L, 70100L), events.stream().map(e -> ((Trade) e).price()).toList());
    assertEquals(List.of(1L, 2L, 3L), events.stream().map(e -> ((Trade) e).volume()).toList());
  }

  @Test
  void acceptsTheLongerPost2026LayoutsByDividingFieldsByRecords() throws Exception {
    String[] a = Arrays.copyOf(Frames.trade("005930", "093015", 70200, 1, 10), 47);
    String[] b = Arrays.copyOf(Frames.trade("000660", "093016", 128500, 2, 12), 47);
    a[46] = "2";
    b[46] = "2";

    List<KisFeedEvent> events = FrameParser.parse(Frames.plain("H0STCNT0", a, b), NO_KEYS);

    assertEquals("000660", ((Trade) events.get(1)).symbol());
    assertEquals(128500, ((Trade) events.get(1)).price());
  }

  @Test
  void parsesTheTenLevelBookWithBestLevelsFirst() throws Exception {
    OrderBook b = (OrderBook) FrameParser.parse(Frames.plain("H0STASP0", Frames.book("005930")), NO_KEYS).get(0);

    assertEquals(10, b.asks().size());
    assertEquals(new PriceLevel(70100, 10), b.asks().get(0));
    assertEquals(new PriceLevel(70000, 20), b.bids().get(0));
    assertEquals(new PriceLevel(71000, 19), b.asks().get(9));
    assertEquals(145, b.totalAskQty());
    assertEquals(999, b.cumulativeVolume());
  }

  @Test
  void nxtAndIntegratedTradesParseLikeKrxTradesAndNameTheirMarket() throws Exception {
    String[] record = Frames.trade("005930", "173015", 70200, 12, 1_000_012);

    Trade krx = (Trade) FrameParser.parse(Frames.plain("H0STCNT0", record), NO_KEYS).get(0);
    Trade nxt = (Trade) FrameParser.parse(Frames.plain("H0NXCNT0", record), NO_KEYS).get(0);
    Trade un = (Trade) FrameParser.parse(Frames.plain("H0UNCNT0", record), NO_KEYS).get(0);

    assertEquals(QuoteMarket.KRX, krx.market());
    assertEquals(QuoteMarket.NXT, nxt.market());
    assertEquals(QuoteMarket.INTEGRATED, un.market());
    assertEquals(withMarket(krx, QuoteMarket.NXT), nxt);
    assertEquals(withMarket(krx, QuoteMarket.INTEGRATED), un);
    assertEquals(LocalTime.of(17, 30, 15), nxt.time());
  }

  private static Trade withMarket(Trade t, QuoteMarket m) {
    return new Trade(t.symbol(), t.businessDate(), t.time(), t.price(), t.changeSign(), t.change(), t.changeRate(),
        t.open(), t.high(), t.low(), t.ask1(), t.bid1(), t.ask1Qty(), t.bid1Qty(), t.volume(), t.cumulativeVolume(),
        t.cumulativeTurnover(), t.ccldDvsn(), t.hourClsCode(), t.halted(), m);
  }

  @Test
  void nxtAndIntegratedBooksWithTheirMidPriceFieldsParseLikeTheKrxBook() throws Exception {
    // H0NXASP0 / H0UNASP0 append KMID_PRC, KMID_TOTAL_RSQN, KMID_CLS_CODE, NMID_PRC,
    // NMID_TOTAL_RSQN, NMID_CLS_CODE to the 59 fields of H0STASP0.
    String[] a = Arrays.copyOf(Frames.book("005930"), 65);
    String[] b = Arrays.copyOf(Frames.book("000660"), 65);
    for (int i = 59; i < 65; i++) {
      a[i] = "70050";
      b[i] = "1";
    }

    List<KisFeedEvent> nxt = FrameParser.parse(Frames.plain("H0NXASP0", a, b), NO_KEYS);
    OrderBook un = (OrderBook) FrameParser.parse(Frames.plain("H0UNASP0", a), NO_KEYS).get(0);

    assertEquals(2, nxt.size());
    OrderBook first = (OrderBook) nxt.get(0);
    assertEquals(QuoteMarket.NXT, first.market());
    assertEquals(new PriceLevel(70100, 10), first.asks().get(0));
    assertEquals(new PriceLevel(70000, 20), first.bids().get(0));
    assertEquals(999, first.cumulativeVolume());
    assertEquals("000660", ((OrderBook) nxt.get(1)).symbol());
    assertEquals(QuoteMarket.INTEGRATED, un.market());
    assertEquals(first.asks(), un.asks());
  }

  @Test
  void aNoticeNamesTheExchangeTheOrderWentToInOrdExgGb() throws Exception {
    String[] f = Frames.notice("0000117058", "02", "2", 3, 70000, 10, 70000);
    f[19] = "4";

    ExecutionNotice n = (ExecutionNotice) FrameParser.parse(Frames.encrypted("H0STCNI0", Frames.KEY, Frames.IV, f),
        KEYS).get(0);

    assertEquals("4", n.exchange());
  }

  @Test
  void theOlder23FieldNoticeNamesNoExchangeWhateverItsField19Holds() throws Exception {
    String[] f = Arrays.copyOf(Frames.notice("0000000043", "02", "2", 1, 70000, 1, 70000), 23);
    f[19] = "1"; // CRDT_CLS in this layout
    f[22] = "70000";

    ExecutionNotice n = (ExecutionNotice) FrameParser.parse(Frames.encrypted("H0STCNI9", Frames.KEY, Frames.IV, f),
        KEYS).get(0);

    assertEquals("", n.exchange());
  }

  @Test
  void decryptsAndParsesAnExecutionNotice() throws Exception {
    String frame = Frames.encrypted("H0STCNI0", Frames.KEY, Frames.IV,
        Frames.notice("0000117057", "02", "2", 3, 70000, 10, 70000));

    ExecutionNotice n = (ExecutionNotice) FrameParser.parse(frame, KEYS).get(0);

    assertEquals("0000117057", n.odno());
    assertEquals(OrderSide.BUY, n.side());
    assertEquals(NoticeKind.FILL, n.kind());
    assertTrue(n.isFill());
    assertEquals(3, n.qty());
    assertEquals(70000, n.price());
    assertEquals(10, n.orderQty());
    assertEquals(70000, n.orderPrice());
    assertEquals("06010", n.branchNo());
    assertEquals(LocalTime.of(9, 49, 41), n.time());
    assertFalse(n.toString().contains("5001234501"), "account number is not carried");
    assertFalse(n.toString().contains("htsuser01"), "HTS id is not carried");
  }

  @Test
  void readsTheOlder23FieldNoticeLayoutToo() throws Exception {
    String[] f = Arrays.copyOf(Frames.notice("0000000042", "01", "1", 5, 69900, 5, 69900), 23);
    f[22] = "69900";
    ExecutionNotice n = (ExecutionNotice) FrameParser.parse(Frames.encrypted("H0STCNI9", Frames.KEY, Frames.IV, f), KEYS)
        .get(0);

    assertEquals(OrderSide.SELL, n.side());
    assertEquals(NoticeKind.ACCEPTANCE, n.kind());
    assertFalse(n.isFill());
    assertEquals(69900, n.orderPrice());
  }

  @Test
  void noticesOfOtherAccountsOfTheSameHtsIdAreDropped() throws Exception {
    String[] mine = Frames.notice("0000000001", "02", "2", 1, 70000, 1, 70000);
    String[] other = Frames.notice("0000000002", "02", "2", 1, 70000, 1, 70000);
    other[1] = "5009999901";
    String frame = Frames.encrypted("H0STCNI0", Frames.KEY, Frames.IV, mine, other);

    List<KisFeedEvent> events = FrameParser.parse(frame, KEYS, acnt -> acnt.equals("5001234501"));

    assertEquals(1, events.size());
    assertEquals("0000000001", ((ExecutionNotice) events.get(0)).odno());
  }

  @Test
  void encryptedFrameWithoutAKeyIsMalformed() throws Exception {
    String frame = Frames.encrypted("H0STCNI0", Frames.KEY, Frames.IV, Frames.notice("1", "02", "2", 1, 1, 1, 1));
    assertThrows(MalformedFrameException.class, () -> FrameParser.parse(frame, NO_KEYS));
  }

  @Test
  void malformedFramesAreRejectedWithoutEchoingTheirContent() {
    String[] bad = {
        "0|H0STCNT0|002|" + String.join("^", Frames.trade("005930", "093015", 70200, 1, 10)),  // 46 fields, 2 records
        "0|H0STCNT0|abc|x",
        "0|H0STCNT0",
        "0|H9UNKNOWN|001|a^b^c",
        "0|H0STCNT0|001|005930^093015",
        "1|H0STCNI0|001|not-base64!!",
    };
    for (String frame : bad) {
      MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> FrameParser.parse(frame, KEYS), frame);
      assertFalse(e.getMessage().contains("093015"), e.getMessage());
    }
  }

  @Test
  void tellsDataFramesFromControlMessages() {
    assertTrue(FrameParser.isDataFrame("0|H0STCNT0|001|x"));
    assertTrue(FrameParser.isDataFrame("1|H0STCNI0|001|x"));
    assertFalse(FrameParser.isDataFrame("{\"header\":{\"tr_id\":\"PINGPONG\"}}"));
    assertFalse(FrameParser.isDataFrame(""));
  }
}
