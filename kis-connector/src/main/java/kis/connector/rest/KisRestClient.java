package kis.connector.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import kis.connector.Delayer;
import kis.connector.KisConfig;
import kis.connector.KisCredentials;
import kis.connector.KisTransportException;
import kis.connector.QuoteMarket;
import kis.connector.auth.TokenManager;
import kis.connector.http.HttpTransport;

/**
 * Typed, asynchronous KIS REST calls for domestic stocks (kis-api.md 4). Every call is rate
 * limited per app key (queued, never refused; waiting orders go before waiting reads), carries a
 * valid access token (re-issued once after EGW00121/EGW00123), and sends the TR id of the
 * configured environment.
 *
 * <p><b>Reads</b> (everything except the two order calls) are retried with exponential backoff on
 * timeouts, connection errors, HTTP 5xx without a KIS refusal and {@code EGW00201}; they fail with
 * {@link kis.connector.KisApiException} (KIS said no, with {@code msg_cd}/{@code msg1}) or
 * {@link KisTransportException} (no usable answer after the retries). Continuation TRs return all
 * pages joined.
 *
 * <p><b>Orders</b> ({@link #orderCash}, {@link #reviseOrCancel}) are sent exactly once and always
 * complete normally with an {@link OrderOutcome}; see there for what each case means. A timeout, a
 * 5xx or a lost connection is {@link OrderOutcome.InDoubt}; {@code EGW00201} is
 * {@link OrderOutcome.Throttled} (not accepted, may be sent again by the caller).
 *
 * <p>Stages complete on Pekko / common-pool threads; callers in actors should pipe them to self.
 */
public final class KisRestClient {
  private final RestCaller caller;
  private final KisCredentials creds;
  private final boolean paper;

  public KisRestClient(KisConfig config, KisCredentials credentials, TokenManager tokens, RateLimiter limiter,
      HttpTransport transport, Delayer delayer) {
    this.caller = new RestCaller(config, credentials, tokens, limiter, transport, delayer);
    this.creds = credentials;
    this.paper = config.paperTrIds();
  }

  /** Places a cash buy or sell (order-cash). Never retried; never fails exceptionally. */
  public CompletionStage<OrderOutcome> orderCash(OrderCashRequest r) {
    Map<String, String> b = account();
    b.put("PDNO", r.pdno());
    b.put("ORD_DVSN", r.ordDvsn());
    b.put("ORD_QTY", Long.toString(r.qty()));
    b.put("ORD_UNPR", Long.toString(r.price()));
    b.put("EXCG_ID_DVSN_CD", r.exchange());
    b.put("SLL_TYPE", r.side() == OrderSide.SELL ? "01" : "");
    b.put("CNDT_PRIC", r.conditionPrice() == 0 ? "" : Long.toString(r.conditionPrice()));
    return caller.order(r.side() == OrderSide.BUY ? Tr.ORDER_CASH_BUY : Tr.ORDER_CASH_SELL, b);
  }

  /**
   * Revises or cancels an order (order-rvsecncl). On acceptance {@code odno} is the number of the
   * new revise/cancel order, not the original's. Never retried; never fails exceptionally.
   */
  public CompletionStage<OrderOutcome> reviseOrCancel(ReviseCancelRequest r) {
    Map<String, String> b = account();
    b.put("KRX_FWDG_ORD_ORGNO", r.krxFwdgOrdOrgno());
    b.put("ORGN_ODNO", r.orgnOdno());
    b.put("ORD_DVSN", r.ordDvsn());
    b.put("RVSE_CNCL_DVSN_CD", r.cancel() ? "02" : "01");
    b.put("ORD_QTY", r.allQty() ? "0" : Long.toString(r.qty()));
    b.put("ORD_UNPR", r.cancel() ? "0" : Long.toString(r.price()));
    b.put("QTY_ALL_ORD_YN", r.allQty() ? "Y" : "N");
    b.put("EXCG_ID_DVSN_CD", r.exchange());
    if (r.conditionPrice() > 0) {
      b.put("CNDT_PRIC", Long.toString(r.conditionPrice()));
    }
    return caller.order(Tr.ORDER_RVSECNCL, b);
  }

  /** Orders and fills in a date range (inquire-daily-ccld), all pages. */
  public CompletionStage<DailyCcld> inquireDailyCcld(DailyCcldQuery q) {
    return caller.readAllPages(Tr.INQUIRE_DAILY_CCLD, keys -> {
      Map<String, String> m = account();
      m.put("INQR_STRT_DT", KisJson.formatDate(q.from()));
      m.put("INQR_END_DT", KisJson.formatDate(q.to()));
      m.put("SLL_BUY_DVSN_CD", q.sllBuyDvsnCd());
      m.put("INQR_DVSN", q.oldestFirst() ? "01" : "00");
      m.put("PDNO", q.pdno());
      m.put("CCLD_DVSN", q.ccldDvsn());
      m.put("ORD_GNO_BRNO", q.ordGnoBrno());
      m.put("ODNO", q.odno());
      m.put("INQR_DVSN_3", "00");
      m.put("INQR_DVSN_1", "");
      m.put("EXCG_ID_DVSN_CD", q.exchange());
      m.put("CTX_AREA_FK100", keys.fk());
      m.put("CTX_AREA_NK100", keys.nk());
      return m;
    }).thenApply(pages -> new DailyCcld(
        rows(pages, "output1", DailyCcld.Order.class),
        last(pages, "output2", DailyCcld.Summary.class, DailyCcld.Summary.EMPTY)));
  }

  /** Holdings and cash (inquire-balance), all pages. */
  public CompletionStage<Balance> inquireBalance() {
    return caller.readAllPages(Tr.INQUIRE_BALANCE, keys -> {
      Map<String, String> m = account();
      m.put("AFHR_FLPR_YN", "N");
      m.put("OFL_YN", "");
      m.put("INQR_DVSN", "02");
      m.put("UNPR_DVSN", "01");
      m.put("FUND_STTL_ICLD_YN", "N");
      m.put("FNCG_AMT_AUTO_RDPT_YN", "N");
      m.put("PRCS_DVSN", "00");
      m.put("CTX_AREA_FK100", keys.fk());
      m.put("CTX_AREA_NK100", keys.nk());
      return m;
    }).thenApply(pages -> new Balance(
        rows(pages, "output1", Balance.Holding.class),
        last(pages, "output2", Balance.Summary.class, Balance.Summary.EMPTY)));
  }

  /** Buying power (inquire-psbl-order). */
  public CompletionStage<BuyingPower> inquirePsblOrder(BuyingPowerQuery q) {
    Map<String, String> m = account();
    m.put("PDNO", q.pdno());
    m.put("ORD_UNPR", q.price() == 0 ? "" : Long.toString(q.price()));
    m.put("ORD_DVSN", q.ordDvsn());
    m.put("CMA_EVLU_AMT_ICLD_YN", q.includeCma() ? "Y" : "N");
    m.put("OVRS_ICLD_YN", "N");
    return caller.read(Tr.INQUIRE_PSBL_ORDER, m, false)
        .thenApply(env -> single(env, "output", BuyingPower.class));
  }

  /** Current price, change, limits and tick (inquire-price) on KRX. */
  public CompletionStage<Quote> inquirePrice(String pdno) {
    return inquirePrice(QuoteMarket.KRX, pdno);
  }

  /** Current price, change, limits and tick (inquire-price) on {@code market}. */
  public CompletionStage<Quote> inquirePrice(QuoteMarket market, String pdno) {
    return caller.read(Tr.INQUIRE_PRICE, quotation(market, pdno), false)
        .thenApply(env -> single(env, "output", Quote.class));
  }

  /** The 10-level book and the expected auction match (inquire-asking-price-exp-ccn) on KRX. */
  public CompletionStage<AskingPrice> inquireAskingPrice(String pdno) {
    return inquireAskingPrice(QuoteMarket.KRX, pdno);
  }

  /** The 10-level book and the expected auction match (inquire-asking-price-exp-ccn) on {@code market}. */
  public CompletionStage<AskingPrice> inquireAskingPrice(QuoteMarket market, String pdno) {
    return caller.read(Tr.INQUIRE_ASKING_PRICE, quotation(market, pdno), false)
        .thenApply(env -> AskingPrice.from(object(env, "output1"), object(env, "output2")));
  }

  /** Day/week/month/year bars (inquire-daily-itemchartprice) on KRX. */
  public CompletionStage<List<Candle>> dailyCandles(DailyCandlesQuery q) {
    return dailyCandles(QuoteMarket.KRX, q);
  }

  /** Day/week/month/year bars (inquire-daily-itemchartprice) on {@code market}, at most 100 per call, as KIS orders them. */
  public CompletionStage<List<Candle>> dailyCandles(QuoteMarket market, DailyCandlesQuery q) {
    Map<String, String> m = quotation(market, q.pdno());
    m.put("FID_INPUT_DATE_1", KisJson.formatDate(q.from()));
    m.put("FID_INPUT_DATE_2", KisJson.formatDate(q.to()));
    m.put("FID_PERIOD_DIV_CODE", q.period());
    m.put("FID_ORG_ADJ_PRC", q.adjusted() ? "0" : "1");
    return caller.read(Tr.DAILY_CANDLES, m, false).thenApply(env -> rows(List.of(env), "output2", Candle.class));
  }

  /** Today's one-minute bars on KRX up to {@code until} (at most 30; inquire-time-itemchartprice). */
  public CompletionStage<List<MinuteCandle>> minuteCandles(String pdno, LocalTime until) {
    return minuteCandles(QuoteMarket.KRX, pdno, until);
  }

  /** Today's one-minute bars on {@code market} up to {@code until} (at most 30; inquire-time-itemchartprice). */
  public CompletionStage<List<MinuteCandle>> minuteCandles(QuoteMarket market, String pdno, LocalTime until) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("FID_ETC_CLS_CODE", "");
    m.putAll(quotation(market, pdno));
    m.put("FID_INPUT_HOUR_1", KisJson.formatTime(until));
    m.put("FID_PW_DATA_INCU_YN", "N");
    return caller.read(Tr.MINUTE_CANDLES, m, false).thenApply(env -> rows(List.of(env), "output2", MinuteCandle.class));
  }

  /**
   * One-minute bars of a past day {@code day} on {@code market}, up to {@code until}
   * (inquire-time-dailychartprice, {@code FHKST03010230}; at most 120 per call, as KIS orders
   * them; KIS keeps about a year). Real only: with paper TR ids the stage fails at once.
   */
  public CompletionStage<List<MinuteCandle>> pastMinuteCandles(QuoteMarket market, String pdno, LocalDate day,
      LocalTime until) {
    Map<String, String> m = quotation(market, pdno);
    m.put("FID_INPUT_HOUR_1", KisJson.formatTime(until));
    m.put("FID_INPUT_DATE_1", KisJson.formatDate(day));
    m.put("FID_PW_DATA_INCU_YN", "N");
    m.put("FID_FAKE_TICK_INCU_YN", "");
    return caller.read(Tr.PAST_MINUTE_CANDLES, m, false)
        .thenApply(env -> rows(List.of(env), "output2", MinuteCandle.class));
  }

  /**
   * KIS's calendar from {@code from} on (chk-holiday, {@code CTCA0903R}), all pages: one row per
   * day, in KIS's order. Real only (with paper TR ids the stage fails at once); KIS asks for about
   * one call a day, so callers keep the answer.
   */
  public CompletionStage<List<MarketDay>> chkHoliday(LocalDate from) {
    return caller.readAllPages(Tr.CHK_HOLIDAY, keys -> {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("BASS_DT", KisJson.formatDate(from));
      m.put("CTX_AREA_NK", keys.nk());
      m.put("CTX_AREA_FK", keys.fk());
      return m;
    }).thenApply(pages -> rows(pages, "output", MarketDay.class));
  }

  /** Daily net buying by investor type (inquire-investor). */
  public CompletionStage<List<InvestorDay>> inquireInvestor(String pdno) {
    return caller.read(Tr.INQUIRE_INVESTOR, quotation(QuoteMarket.KRX, pdno), false)
        .thenApply(env -> rows(List.of(env), "output", InvestorDay.class));
  }

  /**
   * What KIS knows of product {@code pdno} (search-stock-info, 주식기본조회, product type 300), or
   * empty when KIS does not know it: its "nothing to show" answer ({@code 조회할 자료가 없습니다}) or
   * an output without the product code. Any other failure (transport, token, another KIS error)
   * fails the stage: an unknown answer is never taken for "not listed".
   */
  public CompletionStage<java.util.Optional<StockInfo>> searchStockInfo(String pdno) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("PRDT_TYPE_CD", StockInfo.STOCK_PRODUCT_TYPE);
    m.put("PDNO", pdno);
    return caller.read(Tr.SEARCH_STOCK_INFO, m, false).handle((env, err) -> {
      if (err != null) {
        Throwable c = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
            ? err.getCause() : err;
        if (c instanceof kis.connector.KisApiException e && e.msg1() != null && e.msg1().contains(StockInfo.NO_DATA)) {
          return java.util.Optional.<StockInfo>empty();
        }
        throw c instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(c);
      }
      JsonNode node = object(env, "output");
      if (node.size() == 0 || node.path("pdno").asText("").isBlank()) {
        return java.util.Optional.<StockInfo>empty();
      }
      return java.util.Optional.of(convert(node, StockInfo.class, "output"));
    });
  }

  /**
   * Orders that can still be revised or cancelled (inquire-psbl-rvsecncl), all pages. Real only:
   * with paper TR ids the stage fails at once; use {@code inquireDailyCcld(q.unfilledOnly())}.
   */
  public CompletionStage<List<RevisableOrder>> inquirePsblRvsecncl() {
    return caller.readAllPages(Tr.INQUIRE_PSBL_RVSECNCL, keys -> {
      Map<String, String> m = account();
      m.put("CTX_AREA_FK100", keys.fk());
      m.put("CTX_AREA_NK100", keys.nk());
      m.put("INQR_DVSN_1", "0");
      m.put("INQR_DVSN_2", "0");
      return m;
    }).thenApply(pages -> rows(pages, "output", RevisableOrder.class));
  }

  /** Counters since start: gateway throttles seen, read retries, in-doubt orders, token rejections. */
  /**
   * Order calls held right now for want of an access token (waiting for its issuance, which KIS
   * allows once a minute); each is answered "not sent" if its queue deadline passes first.
   */
  public int ordersAwaitingToken() {
    return caller.ordersAwaitingToken();
  }

  public RestStats stats() {
    return caller.stats();
  }

  /** Tells {@code listener} about every request from now on (one listener; null removes it). */
  public void listen(RestListener listener) {
    caller.listener(listener);
  }

  /** Whether paper TR ids are sent (paper lacks some TRs). */
  public boolean paperTrIds() {
    return paper;
  }

  private Map<String, String> account() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("CANO", creds.cano().reveal());
    m.put("ACNT_PRDT_CD", creds.acntPrdtCd());
    return m;
  }

  private static Map<String, String> quotation(QuoteMarket market, String pdno) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("FID_COND_MRKT_DIV_CODE", market.divCode());
    m.put("FID_INPUT_ISCD", pdno);
    return m;
  }

  static <T> List<T> rows(List<Envelope> pages, String output, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Envelope env : pages) {
      JsonNode node = env.output(output);
      if (node.isArray()) {
        for (JsonNode row : node) {
          if (row.isObject() && row.size() > 0) {
            out.add(convert(row, type, output));
          }
        }
      } else if (node.isObject() && node.size() > 0) {
        out.add(convert(node, type, output));
      }
    }
    return out;
  }

  static <T> T last(List<Envelope> pages, String output, Class<T> type, T empty) {
    for (int i = pages.size() - 1; i >= 0; i--) {
      JsonNode node = object(pages.get(i), output);
      if (node.size() > 0) {
        return convert(node, type, output);
      }
    }
    return empty;
  }

  static <T> T single(Envelope env, String output, Class<T> type) {
    JsonNode node = object(env, output);
    if (node.size() == 0) {
      throw new KisTransportException("reply has no " + output + " (" + env.msgCd() + ")");
    }
    return convert(node, type, output);
  }

  /** {@code output} as an object; a one-element array (balance output2) is unwrapped. */
  static JsonNode object(Envelope env, String output) {
    JsonNode node = env.output(output);
    if (node.isArray()) {
      return node.size() > 0 ? node.get(0) : KisJson.MAPPER.createObjectNode();
    }
    return node.isObject() ? node : KisJson.MAPPER.createObjectNode();
  }

  private static <T> T convert(JsonNode node, Class<T> type, String output) {
    try {
      return KisJson.MAPPER.treeToValue(node, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      // The message names the field, not its value (values may be account data).
      throw new KisTransportException("unreadable " + output + " for " + type.getSimpleName() + ": "
          + (e instanceof com.fasterxml.jackson.databind.JsonMappingException jm ? jm.getPathReference() : "?"));
    }
  }
}
