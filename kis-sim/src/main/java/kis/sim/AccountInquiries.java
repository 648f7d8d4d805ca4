package kis.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;

/**
 * The account inquiries: inquire-daily-ccld, inquire-balance, inquire-psbl-order and
 * inquire-psbl-rvsecncl, with KIS's paging, field names and string-typed numbers
 * (shared/kis-api.md §3.3, §4.3–§4.6).
 */
final class AccountInquiries {
  private final Exchange ex;
  private final Flavour flavour;
  private final SimCredentials creds;

  AccountInquiries(Exchange ex, Flavour flavour, SimCredentials creds) {
    this.ex = ex;
    this.flavour = flavour;
    this.creds = creds;
  }

  private ObjectNode inquiryEnvelope(boolean more) {
    if (flavour == Flavour.VTS) {
      return RestReply.envelope("0", "20310000", String.format("%-60s", "모의투자 조회가 완료되었습니다."));
    }
    return more
        ? RestReply.envelope("0", "KIOK0500", String.format("%-60s", "조회가 계속됩니다..다음버튼을 Click 하십시오."))
        : RestReply.envelope("0", "KIOK0510", String.format("%-60s", "조회가 완료되었습니다"));
  }

  RestReply dailyCcld(RestCall c, String trId) {
    LocalDate today = ex.read(() -> ex.tradingDate);
    LocalDate from = date(c.param("INQR_STRT_DT"), today);
    LocalDate to = date(c.param("INQR_END_DT"), today);
    String sllBuy = c.param("SLL_BUY_DVSN_CD");
    String pdno = c.param("PDNO").trim();
    String ccld = c.param("CCLD_DVSN");
    String odno = c.param("ODNO").trim();
    boolean oldestFirst = "01".equals(c.param("INQR_DVSN"));
    // KRX / NXT / SOR: the orders sent with that EXCG_ID_DVSN_CD (blank = KRX, as KIS defaults); ALL: every one.
    String excg = c.param("EXCG_ID_DVSN_CD").trim().isEmpty() ? "KRX" : c.param("EXCG_ID_DVSN_CD").trim();
    record Row(ObjectNode json, long qty, long ccldQty, long ccldAmt) {}
    List<Row> rows = ex.read(() -> {
      List<Row> out = new ArrayList<>();
      for (SimOrder o : ex.orders) {
        if (o.date.isBefore(from) || o.date.isAfter(to)) {
          continue;
        }
        if (("01".equals(sllBuy) || "02".equals(sllBuy)) && !WireCodes.sideCode(o.side).equals(sllBuy)) {
          continue;
        }
        if (!pdno.isEmpty() && !o.symbol.code().equals(pdno)) {
          continue;
        }
        if (!excg.equals("ALL") && !o.requested.name().equals(excg)) {
          continue;
        }
        if (!odno.isEmpty() && !o.odno.equals(odno) && !o.odno.endsWith(odno)) {
          continue;
        }
        if ("01".equals(ccld) && o.filled == 0 || "02".equals(ccld) && o.remaining() == 0) {
          continue;
        }
        out.add(new Row(ccldRow(o), o.kind == SimOrder.Kind.CANCEL ? 0 : o.qty, o.filled, o.filledAmount));
      }
      return out;
    });
    if (!oldestFirst) {
      Collections.reverse(rows);
    }
    Paging<Row> p = Paging.of(rows, flavour.dailyCcldPageSize(), c, creds.cano(), creds.acntPrdtCd());
    ObjectNode body = inquiryEnvelope(p.more());
    body.put("ctx_area_fk100", p.fk100());
    body.put("ctx_area_nk100", p.nk100());
    ArrayNode out1 = body.putArray("output1");
    p.page().forEach(r -> out1.add(r.json()));
    long totQty = 0;
    long totCcld = 0;
    long totAmt = 0;
    for (Row r : rows) {
      totQty += r.qty();
      totCcld += r.ccldQty();
      totAmt += r.ccldAmt();
    }
    ObjectNode out2 = body.putObject("output2");
    out2.put("tot_ord_qty", Long.toString(totQty));
    out2.put("tot_ccld_qty", Long.toString(totCcld));
    out2.put("tot_ccld_amt", Long.toString(totAmt));
    out2.put("prsm_tlex_smtl", Long.toString(ex.costs.fee(totAmt)));
    out2.put("pchs_avg_pric", totCcld == 0 ? "0.0000" : fmt4((double) totAmt / totCcld));
    return new RestReply(200, trId, p.trCont(), body);
  }

  /** {@code ord_dvsn_name}: 스톱지정가 for a stop-limit (triggered or not), else 지정가 or 시장가. */
  private static String dvsnName(SimOrder o) {
    if (o.type == kis.journal.OrderType.STOP_LIMIT) {
      return "스톱지정가";
    }
    return o.type.carriesPrice() ? "지정가" : "시장가";
  }

  private ObjectNode ccldRow(SimOrder o) {
    ObjectNode r = Json.object();
    r.put("ord_dt", Exchange.YYYYMMDD.format(o.date));
    r.put("ord_gno_brno", ex.orgno);
    r.put("odno", o.odno);
    r.put("orgn_odno", o.orgOdno);
    r.put("ord_dvsn_name", dvsnName(o));
    r.put("sll_buy_dvsn_cd", WireCodes.sideCode(o.side));
    String sideName = o.side == Side.BUY ? "매수" : "매도";
    r.put("sll_buy_dvsn_cd_name", switch (o.kind) {
      case NEW -> "현금" + sideName;
      case REVISE -> sideName + "정정*";
      case CANCEL -> sideName + "취소*";
    });
    r.put("pdno", o.symbol.code());
    r.put("prdt_name", ex.instrument(o.symbol).spec.name());
    r.put("ord_qty", Long.toString(o.qty));
    r.put("ord_unpr", Long.toString(o.price));
    r.put("ord_tmd", o.time);
    r.put("tot_ccld_qty", Long.toString(o.filled));
    r.put("avg_prvs", o.filled == 0 ? "0" : Long.toString(o.filledAmount / o.filled));
    r.put("cncl_yn", o.kind == SimOrder.Kind.CANCEL ? "Y" : "N");
    r.put("tot_ccld_amt", Long.toString(o.filledAmount));
    r.put("loan_dt", "");
    r.put("ordr_empno", "");
    r.put("ord_dvsn_cd", o.ordDvsn());
    r.put("cnc_cfrm_qty", Long.toString(o.cancelled));
    r.put("rmn_qty", Long.toString(o.remaining()));
    r.put("rjct_qty", "0");
    r.put("ccld_cndt_name", switch (o.type) {
      case IOC_LIMIT, IOC_MARKET -> "IOC";
      case FOK_LIMIT, FOK_MARKET -> "FOK";
      default -> "없음";
    });
    r.put("inqr_ip_addr", "");
    r.put("cpbc_ordp_ord_rcit_dvsn_cd", "");
    r.put("cpbc_ordp_infm_mthd_dvsn_cd", "");
    r.put("infm_tmd", "");
    r.put("ctac_tlno", "");
    r.put("prdt_type_cd", "300");
    r.put("excg_dvsn_cd", "01");
    r.put("cpbc_ordp_mtrl_dvsn_cd", "");
    r.put("ord_orgno", "");
    r.put("rsvn_ord_end_dt", "");
    r.put("excg_id_dvsn_Cd", o.requested.name());
    r.put("stpm_cndt_pric", Long.toString(o.stopPrice));
    // KIS labels it 스톱지정가효력발생상세시각; the simulator gives the trigger's HHMMSS, blank until then.
    r.put("stpm_efct_occr_dtmd", o.triggeredAt == null ? "" : o.triggeredAt);
    return r;
  }

  private static LocalDate date(String yyyymmdd, LocalDate dflt) {
    try {
      return yyyymmdd.isBlank() ? dflt : LocalDate.parse(yyyymmdd.trim(), Exchange.YYYYMMDD);
    } catch (RuntimeException e) {
      return dflt;
    }
  }

  RestReply balance(RestCall c, String trId) {
    record Snapshot(List<ObjectNode> rows, ObjectNode summary) {}
    Snapshot s = ex.read(() -> {
      List<ObjectNode> rows = new ArrayList<>();
      long pchsSum = 0;
      long evluSum = 0;
      for (Map.Entry<Symbol, Account.Holding> e : ex.account.holdings.entrySet()) {
        Account.Holding h = e.getValue();
        Instrument inst = ex.instrument(e.getKey());
        long evlu = h.qty * inst.last;
        pchsSum += h.purchaseAmount;
        evluSum += evlu;
        ObjectNode r = Json.object();
        r.put("pdno", e.getKey().code());
        r.put("prdt_name", inst.spec.name());
        r.put("trad_dvsn_name", "현금");
        r.put("bfdy_buy_qty", Long.toString(h.prevDayBuyQty));
        r.put("bfdy_sll_qty", Long.toString(h.prevDaySellQty));
        r.put("thdt_buyqty", Long.toString(h.todayBuyQty));
        r.put("thdt_sll_qty", Long.toString(h.todaySellQty));
        r.put("hldg_qty", Long.toString(h.qty));
        r.put("ord_psbl_qty", Long.toString(Math.max(0, ex.sellableQty(e.getKey()))));
        r.put("pchs_avg_pric", h.qty == 0 ? "0.0000" : fmt4((double) h.purchaseAmount / h.qty));
        r.put("pchs_amt", Long.toString(h.purchaseAmount));
        r.put("prpr", Long.toString(inst.last));
        r.put("evlu_amt", Long.toString(evlu));
        r.put("evlu_pfls_amt", Long.toString(evlu - h.purchaseAmount));
        r.put("evlu_pfls_rt", RealtimeFrames.rate(evlu - h.purchaseAmount, h.purchaseAmount));
        r.put("evlu_erng_rt", "0.00000000");
        r.put("loan_dt", "");
        r.put("loan_amt", "0");
        r.put("stln_slng_chgs", "0");
        r.put("expd_dt", "");
        r.put("fltt_rt", RealtimeFrames.rate(inst.last - inst.base, inst.base));
        r.put("bfdy_cprs_icdc", Long.toString(inst.last - inst.base));
        r.put("item_mgna_rt_name", "20%");
        r.put("grta_rt_name", "");
        r.put("sbst_pric", "0");
        r.put("stck_loan_unpr", "0.0000");
        rows.add(r);
      }
      Account a = ex.account;
      ObjectNode sum = Json.object();
      // KIS settles a trade two business days later: the deposit (D+0) holds neither today's nor
      // yesterday's trades yet, D+1 holds yesterday's, the D+2 projection holds every execution
      // (what the engine's books move at each fill). The sim's own cash is usable at once (D+2).
      long todayNet = a.todaySellAmount - a.todayBuyAmount - a.todayCosts;
      long prevDayNet = a.prevDaySellAmount - a.prevDayBuyAmount - a.prevDayCosts;
      sum.put("dnca_tot_amt", Long.toString(a.cash - todayNet - prevDayNet));
      sum.put("nxdy_excc_amt", Long.toString(a.cash - todayNet));
      sum.put("prvs_rcdl_excc_amt", Long.toString(a.cash));
      sum.put("cma_evlu_amt", "0");
      sum.put("bfdy_buy_amt", Long.toString(a.prevDayBuyAmount));
      sum.put("thdt_buy_amt", Long.toString(a.todayBuyAmount));
      sum.put("nxdy_auto_rdpt_amt", "0");
      sum.put("bfdy_sll_amt", Long.toString(a.prevDaySellAmount));
      sum.put("thdt_sll_amt", Long.toString(a.todaySellAmount));
      sum.put("d2_auto_rdpt_amt", "0");
      sum.put("bfdy_tlex_amt", Long.toString(a.prevDayCosts));
      sum.put("thdt_tlex_amt", Long.toString(a.todayCosts));
      sum.put("tot_loan_amt", "0");
      sum.put("scts_evlu_amt", Long.toString(evluSum));
      sum.put("tot_evlu_amt", Long.toString(evluSum + a.cash));
      sum.put("nass_amt", Long.toString(evluSum + a.cash));
      sum.put("fncg_gld_auto_rdpt_yn", "");
      sum.put("pchs_amt_smtl_amt", Long.toString(pchsSum));
      sum.put("evlu_amt_smtl_amt", Long.toString(evluSum));
      sum.put("evlu_pfls_smtl_amt", Long.toString(evluSum - pchsSum));
      sum.put("tot_stln_slng_chgs", "0");
      sum.put("bfdy_tot_asst_evlu_amt", Long.toString(evluSum + a.cash));
      sum.put("asst_icdc_amt", "0");
      sum.put("asst_icdc_erng_rt", "0.00000000");
      return new Snapshot(rows, sum);
    });
    Paging<ObjectNode> p = Paging.of(s.rows(), flavour.balancePageSize(), c, creds.cano(), creds.acntPrdtCd());
    ObjectNode body = inquiryEnvelope(p.more());
    body.put("ctx_area_fk100", p.fk100());
    body.put("ctx_area_nk100", p.nk100());
    ArrayNode out1 = body.putArray("output1");
    p.page().forEach(out1::add);
    body.putArray("output2").add(s.summary());
    return new RestReply(200, trId, p.trCont(), body);
  }

  RestReply psblOrder(RestCall c, String trId) {
    Symbol symbol = OrderEndpoints.symbol(c.param("PDNO"));
    long price = OrderEndpoints.number(c.param("ORD_UNPR"));
    OrderType type = OrderEndpoints.orderType(c.param("ORD_DVSN"));
    ObjectNode out = ex.read(() -> {
      long avail = ex.availableCash();
      ObjectNode o = Json.object();
      o.put("ord_psbl_cash", Long.toString(avail));
      o.put("ord_psbl_sbst", "0");
      o.put("ruse_psbl_amt", "0");
      o.put("fund_rpch_chgs", "0");
      long px = 0;
      Instrument inst = symbol == null ? null : ex.instrument(symbol);
      if (inst != null) {
        px = price > 0 && (type == null || type.carriesPrice()) ? price : inst.limits.upper();
      }
      long qty = px == 0 ? 0 : maxQty(avail, px);
      o.put("psbl_qty_calc_unpr", Long.toString(px));
      o.put("nrcvb_buy_amt", Long.toString(qty * px));
      o.put("nrcvb_buy_qty", Long.toString(qty));
      o.put("max_buy_amt", Long.toString(qty * px));
      o.put("max_buy_qty", Long.toString(qty));
      o.put("cma_evlu_amt", "0");
      o.put("ovrs_re_use_amt_wcrc", "0");
      o.put("ord_psbl_frcr_amt_wcrc", "0");
      return o;
    });
    ObjectNode body = inquiryEnvelope(false);
    body.set("output", out);
    return RestReply.ok(trId, body);
  }

  private long maxQty(long cash, long px) {
    long q = Math.max(0, cash / px);
    while (q > 0 && q * px + ex.costs.fee(q * px) > cash) {
      q--;
    }
    return q;
  }

  RestReply psblRvsecncl(RestCall c, String trId) {
    String sllBuy = c.param("INQR_DVSN_2");
    List<ObjectNode> rows = ex.read(() -> {
      List<ObjectNode> out = new ArrayList<>();
      for (SimOrder o : ex.orders) {
        if (!o.open() || !o.date.equals(ex.tradingDate)) {
          continue;
        }
        if ("1".equals(sllBuy) && o.side != Side.SELL || "2".equals(sllBuy) && o.side != Side.BUY) {
          continue;
        }
        ObjectNode r = Json.object();
        r.put("ord_gno_brno", ex.orgno);
        r.put("odno", o.odno);
        r.put("orgn_odno", o.orgOdno);
        r.put("ord_dvsn_name", dvsnName(o));
        r.put("pdno", o.symbol.code());
        r.put("prdt_name", ex.instrument(o.symbol).spec.name());
        r.put("rvse_cncl_dvsn_name", o.kind == SimOrder.Kind.REVISE ? "정정" : "");
        r.put("ord_qty", Long.toString(o.qty));
        r.put("ord_unpr", Long.toString(o.price));
        r.put("ord_tmd", o.time);
        r.put("tot_ccld_qty", Long.toString(o.filled));
        r.put("tot_ccld_amt", Long.toString(o.filledAmount));
        r.put("psbl_qty", Long.toString(o.remaining()));
        r.put("sll_buy_dvsn_cd", WireCodes.sideCode(o.side));
        r.put("ord_dvsn_cd", o.ordDvsn());
        r.put("mgco_aptm_odno", "");
        r.put("excg_dvsn_cd", "01");
        r.put("excg_id_dvsn_cd", o.requested.name());
        r.put("excg_id_dvsn_name", switch (o.requested) {
          case NXT -> "넥스트레이드";
          case SOR -> "SOR";
          default -> "한국거래소";
        });
        r.put("stpm_cndt_pric", Long.toString(o.stopPrice));
        r.put("stpm_efct_occr_yn", o.type == kis.journal.OrderType.STOP_LIMIT && o.triggeredAt != null ? "Y" : "N");
        out.add(r);
      }
      return out;
    });
    Paging<ObjectNode> p = Paging.of(rows, 50, c, creds.cano(), creds.acntPrdtCd());
    ObjectNode body = inquiryEnvelope(p.more());
    body.put("ctx_area_fk100", p.fk100());
    body.put("ctx_area_nk100", p.nk100());
    ArrayNode out = body.putArray("output");
    p.page().forEach(out::add);
    return new RestReply(200, trId, p.trCont(), body);
  }

  static String fmt4(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
