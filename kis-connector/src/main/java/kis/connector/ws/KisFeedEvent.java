package kis.connector.ws;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import kis.connector.QuoteMarket;
import kis.connector.rest.OrderSide;
import kis.connector.rest.PriceLevel;

/**
 * Everything a {@link KisWebSocket} emits, in arrival order: connection state, control replies,
 * heartbeats and the parsed data records. Prices are won, quantities shares.
 */
public sealed interface KisFeedEvent {

  /** The websocket upgrade succeeded; subscriptions may be sent. Always the first event. */
  record Connected(String url) implements KisFeedEvent {}

  /** The connection ended (by either side, or failed); always the last event. */
  record Disconnected(String cause) implements KisFeedEvent {}

  /**
   * A reply to subscribe/unsubscribe (kis-api.md 5.3). For execution-notice TRs {@code trKey}
   * (the HTS id) is shown as {@code ***}.
   *
   * @param subscribe whether this answered a subscribe (else an unsubscribe)
   * @param success {@code rt_cd = 0}, or the benign {@code ALREADY IN SUBSCRIBE}
   */
  record SubscriptionAck(String trId, String trKey, boolean subscribe, boolean success, String msgCd, String msg1)
      implements KisFeedEvent {}

  /** A {@code PINGPONG} from KIS; it has already been echoed. */
  record Heartbeat(String datetime) implements KisFeedEvent {}

  /**
   * A trade ({@code H0STCNT0} KRX, {@code H0NXCNT0} NXT, {@code H0UNCNT0} integrated: one layout,
   * kis-api.md 5.6).
   *
   * @param market whose feed it came on
   * @param changeSign {@code PRDY_VRSS_SIGN}: 1 upper limit, 2 up, 3 flat, 4 lower limit, 5 down
   * @param volume this trade's quantity ({@code CNTG_VOL})
   * @param ccldDvsn 1 buy-initiated, 3 pre-open, 5 sell-initiated
   * @param hourClsCode 0 intraday, A/B/C/D expected prices
   */
  record Trade(String symbol, LocalDate businessDate, LocalTime time, long price, String changeSign, long change,
      BigDecimal changeRate, long open, long high, long low, long ask1, long bid1, long ask1Qty, long bid1Qty,
      long volume, long cumulativeVolume, long cumulativeTurnover, String ccldDvsn, String hourClsCode,
      boolean halted, QuoteMarket market) implements KisFeedEvent {}

  /**
   * The 10-level book ({@code H0STASP0} KRX, {@code H0NXASP0} NXT, {@code H0UNASP0} integrated,
   * kis-api.md 5.7; the NXT and integrated layouts append mid prices, not read here); index 0 is
   * the best ask / best bid. Expected-match fields are only non-zero during call auctions.
   *
   * @param market whose feed it came on
   */
  record OrderBook(String symbol, LocalTime time, String hourClsCode, List<PriceLevel> asks, List<PriceLevel> bids,
      long totalAskQty, long totalBidQty, long expectedPrice, long expectedQty, long cumulativeVolume,
      QuoteMarket market) implements KisFeedEvent {
    public OrderBook {
      asks = List.copyOf(asks);
      bids = List.copyOf(bids);
    }
  }

  /**
   * An own-order notice ({@code H0STCNI0} real / {@code H0STCNI9} paper, decrypted; kis-api.md
   * 5.8). Account number, HTS id and account name are deliberately not carried.
   *
   * @param odno order number ({@code ODER_NO})
   * @param orgnOdno original order number for revisions/cancels, blank for new orders
   * @param rvseCnclCls {@code RCTF_CLS}: 0 normal, 1 revise, 2 cancel
   * @param ordDvsn {@code ODER_KIND}, the order division code
   * @param qty {@code CNTG_QTY}: fill quantity (in an acceptance notice KIS may put the order quantity here)
   * @param price {@code CNTG_UNPR}: fill price (likewise)
   * @param refused {@code RFUS_YN = 1}
   * @param kind acceptance ({@code CNTG_YN = 1}) or fill ({@code 2})
   * @param acptYn 1 received, 2 confirmed, 3 cancelled (IOC/FOK remainder)
   * @param branchNo {@code BRNC_NO}, the order-routing organisation number
   * @param exchange {@code ORD_EXG_GB}, where the order went ({@code 1} KRX, {@code 2} NXT, {@code 3}
   *     SOR to KRX, {@code 4} SOR to NXT), as sent; blank in the 23-field layout, which predates it
   */
  record ExecutionNotice(String odno, String orgnOdno, OrderSide side, String rvseCnclCls, String ordDvsn,
      String ordCond, String symbol, long qty, long price, LocalTime time, boolean refused, NoticeKind kind,
      String acptYn, String branchNo, long orderQty, long orderPrice, String exchange) implements KisFeedEvent {

    public ExecutionNotice {
      exchange = exchange == null ? "" : exchange.trim();
    }

    /** A notice of the 23-field layout, which names no exchange. */
    public ExecutionNotice(String odno, String orgnOdno, OrderSide side, String rvseCnclCls, String ordDvsn,
        String ordCond, String symbol, long qty, long price, LocalTime time, boolean refused, NoticeKind kind,
        String acptYn, String branchNo, long orderQty, long orderPrice) {
      this(odno, orgnOdno, side, rvseCnclCls, ordDvsn, ordCond, symbol, qty, price, time, refused, kind, acptYn,
          branchNo, orderQty, orderPrice, "");
    }

    public boolean isFill() {
      return kind == NoticeKind.FILL && !refused;
    }
  }

  /** {@code CNTG_YN}: 1 = order accepted/revised/cancelled/refused, 2 = fill. */
  enum NoticeKind {
    ACCEPTANCE,
    FILL
  }

  /**
   * A stock's market-operation status ({@code H0STMKO0} "국내주식 장운영정보 (KRX)", kis-api.md 5.10;
   * columns from KIS's sample {@code examples_llm/domestic_stock/market_status_krx}): KIS sends one
   * when a VI starts on the stock and when it ends. Codes are kept as sent; what they mean is
   * kis-adapter's.
   *
   * @param tradingHalted {@code TRHT_YN}
   * @param mkopClsCode {@code MKOP_CLS_CODE} (장운영구분코드)
   * @param viClsCode {@code VI_CLS_CODE} (VI적용구분코드)
   * @param overtimeViClsCode {@code OVTM_VI_CLS_CODE} (시간외단일가 VI적용구분코드)
   * @param exchange {@code EXCH_CLS_CODE} (blank in the older 10-column layout)
   */
  record MarketStatus(String symbol, String tradingHalted, String suspensionReason, String mkopClsCode,
      String expectedMkopClsCode, String mrktTrtmClsCode, String diviAppClsCode, String iscdStatClsCode,
      String viClsCode, String overtimeViClsCode, String exchange) implements KisFeedEvent {}
}
