package kis.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;

/**
 * order-cash and order-rvsecncl: request fields parsed as KIS sends them, answered with the
 * paper ({@code 4xxx0000}) or real ({@code APBK0013}) codes (shared/kis-api.md §4.1–§4.2).
 */
final class OrderEndpoints {
  private final Exchange ex;
  private final Flavour flavour;

  OrderEndpoints(Exchange ex, Flavour flavour) {
    this.ex = ex;
    this.flavour = flavour;
  }

  RestReply orderCash(RestCall c, String trId, Side side) {
    Exchange.Result r;
    String dvsn = c.field("ORD_DVSN");
    boolean afterMarket = WireCodes.isAfterMarketCode(dvsn);
    OrderType type = afterMarket ? afterMarketType(dvsn) : orderType(dvsn);
    Symbol symbol = symbol(c.field("PDNO"));
    Venue venue = SimVenues.orderVenue(c.field("EXCG_ID_DVSN_CD"));
    if (symbol == null) {
      r = new Exchange.Rejected(Rejection.NOT_TRADABLE);
    } else if (venue == null) {
      r = new Exchange.Rejected(flavour == Flavour.VTS ? Rejection.PAPER_KRX_ONLY : Rejection.BAD_ORDER_TYPE);
    } else if (type == null) {
      r = new Exchange.Rejected(Rejection.BAD_ORDER_TYPE);
    } else {
      r = ex.place(new Exchange.OrderRequest(symbol, side, type, number(c.field("ORD_QTY")),
          number(c.field("ORD_UNPR")), venue, afterMarket, condition(c.field("CNDT_PRIC"))));
    }
    return orderReply(trId, r, side == Side.BUY ? "매수" : "매도");
  }

  RestReply reviseCancel(RestCall c, String trId) {
    String dvsn = c.field("RVSE_CNCL_DVSN_CD");
    boolean cancel = "02".equals(dvsn);
    Exchange.Result r;
    String ordDvsn = c.field("ORD_DVSN");
    OrderType type = WireCodes.isAfterMarketCode(ordDvsn) ? afterMarketType(ordDvsn) : orderType(ordDvsn);
    Venue venue = SimVenues.orderVenue(c.field("EXCG_ID_DVSN_CD"));
    if (venue == null) {
      r = new Exchange.Rejected(flavour == Flavour.VTS ? Rejection.PAPER_KRX_ONLY : Rejection.BAD_ORDER_TYPE);
    } else if (!cancel && !"01".equals(dvsn)) {
      r = new Exchange.Rejected(Rejection.BAD_ORDER_TYPE);
    } else if (!cancel && type == null) {
      r = new Exchange.Rejected(Rejection.BAD_ORDER_TYPE);
    } else {
      r = ex.reviseOrCancel(new Exchange.RevisionRequest(c.field("KRX_FWDG_ORD_ORGNO"), c.field("ORGN_ODNO"), cancel,
          type, number(c.field("ORD_QTY")), "Y".equalsIgnoreCase(c.field("QTY_ALL_ORD_YN")),
          number(c.field("ORD_UNPR")), venue, condition(c.field("CNDT_PRIC"))));
    }
    return orderReply(trId, r, cancel ? "취소" : "정정");
  }

  private RestReply orderReply(String trId, Exchange.Result r, String kind) {
    if (r instanceof Exchange.Rejected rej) {
      String msg = rej.message() != null && flavour == Flavour.REAL ? rej.message() : rej.reason().message(flavour);
      return RestReply.ok(trId, RestReply.envelope("1", rej.reason().code(flavour), msg));
    }
    Exchange.Accepted a = (Exchange.Accepted) r;
    ObjectNode body;
    if (flavour == Flavour.VTS) {
      String code = switch (kind) {
        case "매수" -> "40600000";
        case "매도" -> "40590000";
        case "정정" -> "40620000";
        default -> "40630000";
      };
      body = RestReply.envelope("0", code, "모의투자 " + kind + "주문이 완료 되었습니다.");
    } else {
      body = RestReply.envelope("0", "APBK0013", "주문 전송 완료 되었습니다.");
    }
    ObjectNode out = body.putObject("output");
    out.put("KRX_FWDG_ORD_ORGNO", a.orgno());
    out.put("ODNO", a.odno());
    out.put("ORD_TMD", a.time());
    return RestReply.ok(trId, body);
  }

  static OrderType orderType(String ordDvsn) {
    try {
      return WireCodes.orderType(ordDvsn);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static OrderType afterMarketType(String ordDvsn) {
    try {
      return WireCodes.afterMarketType(ordDvsn);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static Symbol symbol(String pdno) {
    try {
      return Symbol.of(pdno);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** {@code CNDT_PRIC}: blank or absent is 0 (none given); anything not a number is -1 (refused as missing). */
  static long condition(String s) {
    return s == null || s.isBlank() ? 0 : number(s);
  }

  /** A KIS numeric string; -1 if it is not one (fails the quantity/price checks). */
  static long number(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
