package kis.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import kis.journal.KrxTick;
import kis.journal.Symbol;
import kis.journal.Venue;

/**
 * The quotation TRs (same ids on paper and real): inquire-price, inquire-asking-price-exp-ccn,
 * inquire-daily-itemchartprice, inquire-time-itemchartprice, inquire-investor and search-stock-info.
 */
final class QuoteEndpoints {
  private final Exchange ex;

  QuoteEndpoints(Exchange ex) {
    this.ex = ex;
  }

  private static ObjectNode ok() {
    return RestReply.envelope("0", "MCA00000", "정상처리 되었습니다.");
  }

  /**
   * The book {@code FID_COND_MRKT_DIV_CODE} asks for: {@code J} KRX's, {@code NX} NXT's (null for
   * a stock not on NXT), {@code UN} the integrated view, which the simulator answers with the book
   * that printed last (its volumes summed with the other book's in inquire-price).
   */
  private Instrument instrument(RestCall c) {
    Symbol s = OrderEndpoints.symbol(c.param("FID_INPUT_ISCD"));
    if (s == null) {
      return null;
    }
    switch (c.param("FID_COND_MRKT_DIV_CODE")) {
      case "NX":
        return ex.book(s, Venue.NXT);
      case "UN":
        return ex.read(() -> ex.integrated(s));
      default:
        return ex.instrument(s);
    }
  }

  private boolean integrated(RestCall c) {
    return c.param("FID_COND_MRKT_DIV_CODE").equals("UN");
  }

  private static RestReply unknown(String trId) {
    return RestReply.error(200, trId, "OPSQ2001", "ERROR : INPUT INVALID_CHECK_MRKT_DIV_CODE");
  }

  private static boolean badMarket(RestCall c) {
    String m = c.param("FID_COND_MRKT_DIV_CODE");
    return !m.equals("J") && !m.equals("NX") && !m.equals("UN");
  }

  private static String l(long v) {
    return Long.toString(v);
  }

  /**
   * Answers a quotation TR about the stock and book the call names: KIS's error for an unknown
   * stock or market, else a success whose body {@code fill} writes under the exchange's lock.
   */
  private RestReply quote(RestCall c, String trId, BiConsumer<Instrument, ObjectNode> fill) {
    Instrument inst = instrument(c);
    if (inst == null || badMarket(c)) {
      return unknown(trId);
    }
    ObjectNode body = ok();
    ex.read(() -> {
      fill.accept(inst, body);
      return null;
    });
    return RestReply.ok(trId, body);
  }

  /** A bar's open, high and low. */
  private static void range(ObjectNode o, long open, long high, long low) {
    o.put("stck_oprc", l(open));
    o.put("stck_hgpr", l(high));
    o.put("stck_lwpr", l(low));
  }

  /** Today's open (the base price before the first print), high and low. */
  private static void todaysRange(ObjectNode o, Instrument inst) {
    range(o, inst.open == 0 ? inst.base : inst.open, inst.high, inst.low);
  }

  /** Today's range and the day's price limits. */
  private static void todaysPrices(ObjectNode o, Instrument inst) {
    todaysRange(o, inst);
    o.put("stck_mxpr", l(inst.limits.upper()));
    o.put("stck_llam", l(inst.limits.lower()));
  }

  /** A price the last one is compared with (a 250-day or year extreme): the price, the rate from it and its day. */
  private static void extreme(ObjectNode o, String priceKey, String rateKey, String dateKey, long price, long last,
      String day) {
    o.put(priceKey, l(price));
    o.put(rateKey, RealtimeFrames.rate(last - price, price));
    o.put(dateKey, day);
  }

  private static String period(RestCall c) {
    return c.param("FID_PERIOD_DIV_CODE").isBlank() ? "D" : c.param("FID_PERIOD_DIV_CODE");
  }

  /** The minute ({@code HHMM}) of {@code FID_INPUT_HOUR_1}; with none, the end of the day. */
  private static String untilMinute(RestCall c) {
    String until = c.param("FID_INPUT_HOUR_1");
    return until.length() >= 4 ? until.substring(0, 4) : "9999";
  }

  /** Today's bar (so far) and the history before it, newest first, folded into {@code period}. */
  private List<Instrument.Bar> dailyBars(Instrument inst, String period) {
    List<Instrument.Bar> days = new ArrayList<>();
    days.add(inst.dayBar(ex.tradingDate));
    days.addAll(inst.history);
    return aggregate(days, period);
  }

  /** Today's minute bars so far, oldest first. */
  private static List<PastMinuteBars.Bar> todaysMinutes(Instrument inst) {
    List<PastMinuteBars.Bar> bars = new ArrayList<>();
    inst.minuteBars.forEach((k, b) -> bars.add(new PastMinuteBars.Bar(k, b.open, b.high, b.low, b.close, b.volume,
        b.value)));
    return bars;
  }

  /**
   * The minute-chart rows of {@code date}: {@code bars} (oldest first) up to {@code untilMinute},
   * the last {@code max} of them newest first, each with the day's traded value up to it.
   */
  private static void minuteRows(ArrayNode out, String date, List<PastMinuteBars.Bar> bars, String untilMinute,
      int max) {
    long cumValue = 0;
    List<ObjectNode> rows = new ArrayList<>();
    for (PastMinuteBars.Bar b : bars) {
      cumValue += b.value();
      if (b.hhmm().compareTo(untilMinute) > 0) {
        break;
      }
      ObjectNode r = Json.object();
      r.put("stck_bsop_date", date);
      r.put("stck_cntg_hour", b.hhmm() + "00");
      r.put("stck_prpr", l(b.close()));
      range(r, b.open(), b.high(), b.low());
      r.put("cntg_vol", l(b.volume()));
      r.put("acml_tr_pbmn", l(cumValue));
      rows.add(r);
    }
    for (int i = rows.size() - 1; i >= 0 && out.size() < max; i--) {
      out.add(rows.get(i));
    }
  }

  RestReply price(RestCall c, String trId) {
    return quote(c, trId, (inst, body) -> {
      ObjectNode o = body.putObject("output");
      long last = inst.last;
      o.put("iscd_stat_cls_code", "55");
      o.put("marg_rate", "20.00");
      o.put("rprs_mrkt_kor_name", "KOSPI200");
      o.put("new_hgpr_lwpr_cls_code", "");
      o.put("bstp_kor_isnm", "전기.전자");
      o.put("temp_stop_yn", "N");
      o.put("oprc_rang_cont_yn", "N");
      o.put("clpr_rang_cont_yn", "N");
      o.put("crdt_able_yn", "Y");
      o.put("grmn_rate_cls_code", "40");
      o.put("elw_pblc_yn", "Y");
      o.put("stck_prpr", l(last));
      o.put("prdy_vrss", l(last - inst.base));
      o.put("prdy_vrss_sign", RealtimeFrames.sign(inst, last));
      o.put("prdy_ctrt", RealtimeFrames.rate(last - inst.base, inst.base));
      long vol = inst.volume;
      long val = inst.value;
      if (integrated(c)) {
        Instrument n = ex.book(inst.spec.symbol(), Venue.NXT);
        Instrument k = ex.instrument(inst.spec.symbol());
        vol = k.volume + (n == null ? 0 : n.volume);
        val = k.value + (n == null ? 0 : n.value);
      }
      o.put("acml_tr_pbmn", l(val));
      o.put("acml_vol", l(vol));
      o.put("prdy_vrss_vol_rate", RealtimeFrames.rate(inst.volume, Math.max(1, inst.prevDayVolume)));
      todaysPrices(o, inst);
      o.put("stck_sdpr", l(inst.base));
      o.put("wghn_avrg_stck_prc", inst.volume == 0 ? l(last) + ".00"
          : String.format(java.util.Locale.ROOT, "%.2f", (double) inst.value / inst.volume));
      o.put("hts_frgn_ehrt", "50.00");
      o.put("frgn_ntby_qty", l(inst.todayFlows.buyQty[Instrument.FOREIGN] - inst.todayFlows.sellQty[Instrument.FOREIGN]));
      o.put("pgtr_ntby_qty", "0");
      for (String k : List.of("pvt_scnd_dmrs_prc", "pvt_frst_dmrs_prc", "pvt_pont_val", "pvt_frst_dmsp_prc",
          "pvt_scnd_dmsp_prc", "dmrs_val", "dmsp_val")) {
        o.put(k, l(last));
      }
      o.put("cpfn", "7780");
      o.put("rstc_wdth_prc", l(inst.limits.upper() - inst.base));
      o.put("stck_fcam", "100");
      o.put("stck_sspr", l(inst.base * 7 / 10));
      o.put("aspr_unit", l(KrxTick.tickSize(last)));
      o.put("hts_deal_qty_unit_val", "1");
      o.put("lstn_stcn", l(inst.spec.floatingShares()));
      o.put("hts_avls", l(inst.spec.floatingShares() * last / 100_000_000));
      o.put("per", "15.00");
      o.put("pbr", "1.20");
      o.put("stac_month", "12");
      o.put("vol_tnrt", RealtimeFrames.rate(inst.volume, inst.spec.floatingShares()));
      o.put("eps", "4500.00");
      o.put("bps", "55000.00");
      long hi250 = last;
      long lo250 = last;
      for (int i = 0; i < Math.min(250, inst.history.size()); i++) {
        hi250 = Math.max(hi250, inst.history.get(i).high);
        lo250 = Math.min(lo250, inst.history.get(i).low);
      }
      String today = Exchange.YYYYMMDD.format(ex.tradingDate);
      extreme(o, "d250_hgpr", "d250_hgpr_vrss_prpr_rate", "d250_hgpr_date", hi250, last, today);
      extreme(o, "d250_lwpr", "d250_lwpr_vrss_prpr_rate", "d250_lwpr_date", lo250, last, today);
      extreme(o, "stck_dryy_hgpr", "dryy_hgpr_vrss_prpr_rate", "dryy_hgpr_date", hi250, last, today);
      extreme(o, "stck_dryy_lwpr", "dryy_lwpr_vrss_prpr_rate", "dryy_lwpr_date", lo250, last, today);
      extreme(o, "w52_hgpr", "w52_hgpr_vrss_prpr_ctrt", "w52_hgpr_date", hi250, last, today);
      extreme(o, "w52_lwpr", "w52_lwpr_vrss_prpr_ctrt", "w52_lwpr_date", lo250, last, today);
      o.put("whol_loan_rmnd_rate", "0.10");
      o.put("ssts_yn", "Y");
      o.put("stck_shrn_iscd", inst.spec.symbol().code());
      o.put("fcam_cnnm", "100");
      o.put("cpfn_cnnm", "7,780 억");
      o.put("apprch_rate", "0.00");
      o.put("frgn_hldn_qty", l(inst.spec.floatingShares() / 2));
      o.put("vi_cls_code", inst.viEnd != null ? "Y" : "N"); // Y during a VI: the simulator's reading
      o.put("ovtm_vi_cls_code", "N");
      o.put("last_ssts_cntg_qty", "0");
      o.put("invt_caful_yn", "N");
      o.put("mrkt_warn_cls_code", "00");
      o.put("short_over_yn", "N");
      o.put("sltr_yn", "N");
      o.put("mang_issu_cls_code", "N");
    });
  }

  RestReply askingPrice(RestCall c, String trId) {
    return quote(c, trId, (inst, body) -> {
      ObjectNode o1 = body.putObject("output1");
      o1.put("aspr_acpt_hour", Exchange.HHMMSS.format(ex.clock.now()));
      long totA = 0;
      long totB = 0;
      for (int i = 0; i < Instrument.LEVELS; i++) {
        o1.put("askp" + (i + 1), l(inst.askPx[i]));
      }
      for (int i = 0; i < Instrument.LEVELS; i++) {
        o1.put("bidp" + (i + 1), l(inst.bidPx[i]));
      }
      for (int i = 0; i < Instrument.LEVELS; i++) {
        o1.put("askp_rsqn" + (i + 1), l(inst.askQty[i]));
        totA += inst.askQty[i];
      }
      for (int i = 0; i < Instrument.LEVELS; i++) {
        o1.put("bidp_rsqn" + (i + 1), l(inst.bidQty[i]));
        totB += inst.bidQty[i];
      }
      for (int i = 0; i < Instrument.LEVELS; i++) {
        o1.put("askp_rsqn_icdc" + (i + 1), l(inst.askQty[i] - inst.prevAskQty[i]));
      }
      for (int i = 0; i < Instrument.LEVELS; i++) {
        o1.put("bidp_rsqn_icdc" + (i + 1), l(inst.bidQty[i] - inst.prevBidQty[i]));
      }
      o1.put("total_askp_rsqn", l(totA));
      o1.put("total_bidp_rsqn", l(totB));
      o1.put("total_askp_rsqn_icdc", "0");
      o1.put("total_bidp_rsqn_icdc", "0");
      o1.put("ovtm_total_askp_icdc", "0");
      o1.put("ovtm_total_bidp_icdc", "0");
      o1.put("ovtm_total_askp_rsqn", "0");
      o1.put("ovtm_total_bidp_rsqn", "0");
      o1.put("ntby_aspr_rsqn", l(totB - totA));
      o1.put("new_mkop_cls_code", "20");
      ObjectNode o2 = body.putObject("output2");
      o2.put("antc_mkop_cls_code", "");
      o2.put("stck_prpr", l(inst.last));
      todaysRange(o2, inst);
      o2.put("stck_sdpr", l(inst.base));
      o2.put("antc_cnpr", "0");
      o2.put("antc_cntg_vrss_sign", "3");
      o2.put("antc_cntg_vrss", "0");
      o2.put("antc_cntg_prdy_ctrt", "0.00");
      o2.put("antc_vol", "0");
      o2.put("stck_shrn_iscd", inst.spec.symbol().code());
      o2.put("vi_cls_code", "N");
    });
  }

  private void snapshot(ObjectNode o, Instrument inst) {
    o.put("prdy_vrss", l(inst.last - inst.base));
    o.put("prdy_vrss_sign", RealtimeFrames.sign(inst, inst.last));
    o.put("prdy_ctrt", RealtimeFrames.rate(inst.last - inst.base, inst.base));
    o.put("stck_prdy_clpr", l(inst.base));
    o.put("acml_vol", l(inst.volume));
    o.put("acml_tr_pbmn", l(inst.value));
    o.put("hts_kor_isnm", inst.spec.name());
    o.put("stck_prpr", l(inst.last));
  }

  RestReply dailyChart(RestCall c, String trId) {
    String from = c.param("FID_INPUT_DATE_1");
    String to = c.param("FID_INPUT_DATE_2");
    return quote(c, trId, (inst, body) -> {
      ObjectNode o1 = body.putObject("output1");
      snapshot(o1, inst);
      o1.put("stck_shrn_iscd", inst.spec.symbol().code());
      o1.put("prdy_vol", l(inst.prevDayVolume));
      todaysPrices(o1, inst);
      Instrument.Bar y = inst.history.isEmpty() ? null : inst.history.get(0);
      o1.put("stck_prdy_oprc", l(y == null ? inst.base : y.open));
      o1.put("stck_prdy_hgpr", l(y == null ? inst.base : y.high));
      o1.put("stck_prdy_lwpr", l(y == null ? inst.base : y.low));
      o1.put("askp", l(inst.bestAsk()));
      o1.put("bidp", l(inst.bestBid()));
      o1.put("prdy_vrss_vol", l(inst.volume - inst.prevDayVolume));
      o1.put("vol_tnrt", RealtimeFrames.rate(inst.volume, inst.spec.floatingShares()));
      o1.put("stck_fcam", "100");
      o1.put("lstn_stcn", l(inst.spec.floatingShares()));
      o1.put("cpfn", "7780");
      o1.put("hts_avls", l(inst.spec.floatingShares() * inst.last / 100_000_000));
      o1.put("per", "15.00");
      o1.put("eps", "4500.00");
      o1.put("pbr", "1.20");
      o1.put("itewhol_loan_rmnd_ratem", "0.10");
      List<Instrument.Bar> bars = dailyBars(inst, period(c));
      ArrayNode out = body.putArray("output2");
      for (int i = 0; i < bars.size() && out.size() < 100; i++) {
        Instrument.Bar b = bars.get(i);
        if ((!to.isBlank() && b.key.compareTo(to) > 0) || (!from.isBlank() && b.key.compareTo(from) < 0)) {
          continue;
        }
        long prev = i + 1 < bars.size() ? bars.get(i + 1).close : b.open;
        ObjectNode r = out.addObject();
        r.put("stck_bsop_date", b.key);
        r.put("stck_clpr", l(b.close));
        range(r, b.open, b.high, b.low);
        r.put("acml_vol", l(b.volume));
        r.put("acml_tr_pbmn", l(b.value));
        r.put("flng_cls_code", "00");
        r.put("prtt_rate", "0.00");
        r.put("mod_yn", "N");
        r.put("prdy_vrss_sign", RealtimeFrames.signOf(b.close - prev));
        r.put("prdy_vrss", l(b.close - prev));
        r.put("revl_issu_reas", "");
      }
    });
  }

  /** Daily bars (newest first) folded into weeks, months or years, keyed by their last day. */
  private static List<Instrument.Bar> aggregate(List<Instrument.Bar> days, String period) {
    if (period.equals("D")) {
      return days;
    }
    List<Instrument.Bar> out = new ArrayList<>();
    Instrument.Bar cur = null;
    String curKey = null;
    for (Instrument.Bar d : days) {
      LocalDate date = LocalDate.parse(d.key, Exchange.YYYYMMDD);
      String k = switch (period) {
        case "W" -> date.getYear() + "-" + date.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        case "M" -> d.key.substring(0, 6);
        default -> d.key.substring(0, 4);
      };
      if (!k.equals(curKey)) {
        cur = new Instrument.Bar(d.key, d.open);
        cur.close = d.close;
        cur.high = d.high;
        cur.low = d.low;
        out.add(cur);
        curKey = k;
      } else {
        cur.open = d.open;
        cur.high = Math.max(cur.high, d.high);
        cur.low = Math.min(cur.low, d.low);
      }
      cur.volume += d.volume;
      cur.value += d.value;
    }
    return out;
  }

  RestReply timeChart(RestCall c, String trId) {
    String until = untilMinute(c);
    return quote(c, trId, (inst, body) -> {
      snapshot(body.putObject("output1"), inst);
      minuteRows(body.putArray("output2"), Exchange.YYYYMMDD.format(ex.tradingDate), todaysMinutes(inst), until, 30);
    });
  }

  /**
   * inquire-ccnl (주식현재가 체결, FHKST01010300): today's last 30 prints of the book asked for,
   * newest first, with the day's buy/sell strength ({@code tday_rltv}) as it stood at each.
   */
  RestReply recentTrades(RestCall c, String trId) {
    return quote(c, trId, (inst, body) -> {
      ArrayNode out = body.putArray("output");
      for (Instrument.Tick t : inst.recent) {
        ObjectNode r = out.addObject();
        r.put("stck_cntg_hour", t.time());
        r.put("stck_prpr", l(t.price()));
        r.put("prdy_vrss", l(t.price() - inst.base));
        r.put("prdy_vrss_sign", RealtimeFrames.sign(inst, t.price()));
        r.put("cntg_vol", l(t.qty()));
        r.put("tday_rltv", t.strength());
        r.put("prdy_ctrt", RealtimeFrames.rate(t.price() - inst.base, inst.base));
      }
    });
  }

  /**
   * inquire-daily-price (주식현재가 일자별, FHKST01010400): the last 30 days (D), weeks (W) or months
   * (M), today first, from the same bars as inquire-daily-itemchartprice.
   */
  RestReply dailyPrice(RestCall c, String trId) {
    return quote(c, trId, (inst, body) -> {
      List<Instrument.Bar> bars = dailyBars(inst, period(c));
      ArrayNode out = body.putArray("output");
      for (int i = 0; i < bars.size() && out.size() < 30; i++) {
        Instrument.Bar b = bars.get(i);
        Instrument.Bar prev = i + 1 < bars.size() ? bars.get(i + 1) : null;
        long prevClose = prev == null ? b.open : prev.close;
        ObjectNode r = out.addObject();
        r.put("stck_bsop_date", b.key);
        range(r, b.open, b.high, b.low);
        r.put("stck_clpr", l(b.close));
        r.put("acml_vol", l(b.volume));
        r.put("prdy_vrss_vol_rate", prev == null ? "0.00" : RealtimeFrames.rate(b.volume - prev.volume,
            Math.max(1, prev.volume)));
        r.put("prdy_vrss", l(b.close - prevClose));
        r.put("prdy_vrss_sign", RealtimeFrames.signOf(b.close - prevClose));
        r.put("prdy_ctrt", RealtimeFrames.rate(b.close - prevClose, prevClose));
        r.put("hts_frgn_ehrt", "50.00");
        r.put("frgn_ntby_qty", "0");
        r.put("flng_cls_code", "00");
        r.put("acml_prtt_rate", "0.00");
      }
    });
  }

  /**
   * inquire-time-dailychartprice (주식일별분봉조회, FHKST03010230, real server only): up to 120
   * one-minute bars of {@code FID_INPUT_DATE_1} at or before {@code FID_INPUT_HOUR_1}, newest first.
   * Today's bars are the day's prints; a past day's are {@link PastMinuteBars} drawn from that day's
   * daily bar; a day without a bar (holiday, before the history) has none.
   */
  RestReply pastTimeChart(RestCall c, String trId) {
    String until = untilMinute(c);
    String dateKey = c.param("FID_INPUT_DATE_1").trim();
    Venue book = c.param("FID_COND_MRKT_DIV_CODE").equals("NX") ? Venue.NXT : Venue.KRX;
    return quote(c, trId, (inst, body) -> {
      snapshot(body.putObject("output1"), inst);
      String today = Exchange.YYYYMMDD.format(ex.tradingDate);
      List<PastMinuteBars.Bar> bars = new ArrayList<>();
      if (dateKey.isEmpty() || dateKey.equals(today)) {
        bars.addAll(todaysMinutes(inst));
      } else {
        for (Instrument.Bar day : inst.history) {
          if (day.key.equals(dateKey)) {
            bars.addAll(PastMinuteBars.of(day, LocalDate.parse(dateKey, Exchange.YYYYMMDD), book,
                inst.spec.symbol().code(), ex.clock.calendar()));
          }
        }
      }
      minuteRows(body.putArray("output2"), dateKey.isEmpty() ? today : dateKey, bars, until, 120);
    });
  }

  /**
   * search-stock-info (주식기본조회): the listed product {@code PDNO} of product type 300, or, for a
   * code outside the sim's universe, KIS's "nothing to show" answer (kis-api.md 6.3).
   */
  RestReply stockInfo(RestCall c, String trId) {
    if (!c.param("PRDT_TYPE_CD").equals("300")) {
      return RestReply.error(200, trId, "OPSQ2001", "ERROR : INPUT INVALID_CHECK PRDT_TYPE_CD");
    }
    Symbol s = OrderEndpoints.symbol(c.param("PDNO"));
    Instrument inst = s == null ? null : ex.instrument(s);
    if (inst == null) {
      return new RestReply(200, trId, "", RestReply.envelope("7", "KIOK0560", "조회할 자료가 없습니다."));
    }
    ObjectNode body = ok();
    ObjectNode o = Json.object();
    o.put("pdno", inst.spec.symbol().code());
    o.put("prdt_type_cd", "300");
    o.put("mket_id_cd", "STK");
    o.put("scty_grp_id_cd", "ST");
    o.put("excg_dvsn_cd", "02");
    o.put("prdt_name", inst.spec.name());
    o.put("prdt_abrv_name", inst.spec.name());
    o.put("prdt_eng_name", "");
    o.put("lstg_stqt", l(inst.spec.floatingShares()));
    o.put("tr_stop_yn", "N");
    // NXT 거래종목여부 / NXT 거래정지여부 (OTA search_stock_info): whether the stock has an NXT book.
    o.put("cptt_trad_tr_psbl_yn", ex.book(s, Venue.NXT) != null ? "Y" : "N");
    o.put("nxt_tr_stop_yn", "N");
    o.put("admn_item_yn", "N");
    o.put("lstg_abol_dt", "");
    o.put("scts_mket_lstg_dt", "19750611");
    body.set("output", o);
    return RestReply.ok(trId, body);
  }

  RestReply investor(RestCall c, String trId) {
    return quote(c, trId, (inst, body) -> {
      ArrayNode out = body.putArray("output");
      List<Instrument.Flows> days = new ArrayList<>();
      inst.todayFlows.close = inst.last;
      inst.todayFlows.prdyVrss = inst.last - inst.base;
      days.add(inst.todayFlows);
      days.addAll(inst.flowHistory);
      for (int i = 0; i < Math.min(30, days.size()); i++) {
        Instrument.Flows f = days.get(i);
        ObjectNode r = out.addObject();
        r.put("stck_bsop_date", Exchange.YYYYMMDD.format(f.date));
        r.put("stck_clpr", l(f.close));
        r.put("prdy_vrss", l(f.prdyVrss));
        r.put("prdy_vrss_sign", RealtimeFrames.signOf(f.prdyVrss));
        String[] who = {"prsn", "frgn", "orgn"};
        for (int k = 0; k < 3; k++) {
          r.put(who[k] + "_ntby_qty", l(f.buyQty[k] - f.sellQty[k]));
        }
        for (int k = 0; k < 3; k++) {
          r.put(who[k] + "_ntby_tr_pbmn", l((f.buyAmt[k] - f.sellAmt[k]) / 1_000_000));
        }
        for (int k = 0; k < 3; k++) {
          r.put(who[k] + "_shnu_vol", l(f.buyQty[k]));
        }
        for (int k = 0; k < 3; k++) {
          r.put(who[k] + "_shnu_tr_pbmn", l(f.buyAmt[k] / 1_000_000));
        }
        for (int k = 0; k < 3; k++) {
          r.put(who[k] + "_seln_vol", l(f.sellQty[k]));
        }
        for (int k = 0; k < 3; k++) {
          r.put(who[k] + "_seln_tr_pbmn", l(f.sellAmt[k] / 1_000_000));
        }
      }
    });
  }
}
