package kis.sim;

/**
 * Business rejections of order and revise/cancel requests, with the codes and messages the paper
 * and real servers send (shared/kis-api.md §6.3). Codes marked "invented" in the README are not
 * documented anywhere: KIS only guarantees {@code rt_cd != "0"}.
 */
enum Rejection {
  NOT_TRADABLE("40070000", "모의투자 주문처리가 안되었습니다(매매불가 종목)", "APBK1664", "매매불가 종목입니다."),
  OFF_TICK("40030000", "모의투자 주문처리가 안되었습니다(호가단위 오류)", "APBK0506", "주식주문호가단위 오류입니다."),
  PRICE_LIMIT("40040000", "모의투자 주문처리가 안되었습니다(상하한가 오류)", "APBK0507", "주문가격이 상하한가를 벗어났습니다."),
  BAD_ORDER_TYPE("40100000", "모의투자 주문처리가 안되었습니다(주문구분 오류)", "APBK0510", "주문구분 오류입니다."),
  BAD_QUANTITY("40090000", "모의투자 주문처리가 안되었습니다(주문수량 오류)", "APBK0509", "주문수량 오류입니다."),
  INSUFFICIENT_CASH("40250000", "모의투자 주문가능금액이 부족합니다.", "APBK0952", "주문가능금액을 초과 했습니다"),
  INSUFFICIENT_SHARES("40240000", "모의투자 주문가능수량을 초과하였습니다.", "APBK0400", "주문가능수량을 초과 했습니다"),
  MARKET_CLOSED("40580000", "모의투자 장종료 입니다.", "APBK0919", "장운영시간이 아닙니다."),
  MARKET_NOT_OPEN("40560000", "모의투자 장시작전 입니다.", "APBK0919", "장운영시간이 아닙니다."),
  NOTHING_TO_CANCEL("40330000", "모의투자 정정/취소할 수량이 없습니다.", "APBK0344", "정정/취소할 수량이 없습니다."),
  NO_ORIGINAL_ORDER("40320000", "모의투자 원주문번호가 존재하지 않습니다.", "APBK0345", "원주문번호가 존재하지 않습니다."),
  PAPER_KRX_ONLY("40100000", "모의투자 주문처리가 안되었습니다(KRX 이외 거래소 주문불가)", "APBK0510", "주문구분 오류입니다."),
  NOT_ON_NXT("40070000", "모의투자 주문처리가 안되었습니다(매매불가 종목)", "APBK1665", "NXT 거래종목이 아닙니다."),
  /** {@code {venue}} in the message is replaced by the venue named. */
  VENUE_ORDER_TYPE("40100000", "모의투자 주문처리가 안되었습니다(주문구분 오류)", "APBK1666",
      "{venue} 거래소에서 주문할 수 없는 주문구분입니다."),
  /** The message names both venues (Exchange builds it, as in KIS's live message). */
  WRONG_VENUE("40320000", "모의투자 원주문번호가 존재하지 않습니다.", "APBK1667", "원주문 거래소와 주문 거래소가 다릅니다."),
  /** ORD_DVSN 22 without a CNDT_PRIC (invented codes and wording: KIS has published none). */
  STOP_PRICE_MISSING("40120000", "모의투자 주문처리가 안되었습니다(조건가격 오류)", "APBK1668",
      "스톱지정가호가의 조건가격을 입력하십시오."),
  /** ORD_DVSN 22 whose CNDT_PRIC the last price has already reached (invented codes and wording). */
  STOP_PRICE_REACHED("40120000", "모의투자 주문처리가 안되었습니다(조건가격 오류)", "APBK1669",
      "조건가격이 현재가에 이미 도달하였습니다."),
  BAD_ACCOUNT("OPSQ2000", "ERROR : INPUT INVALID_CHECK_ACNO", "OPSQ2000", "ERROR : INPUT INVALID_CHECK_ACNO");

  private final String paperCode;
  private final String paperMsg;
  private final String realCode;
  private final String realMsg;

  Rejection(String paperCode, String paperMsg, String realCode, String realMsg) {
    this.paperCode = paperCode;
    this.paperMsg = paperMsg;
    this.realCode = realCode;
    this.realMsg = realMsg;
  }

  String code(Flavour f) {
    return f == Flavour.VTS ? paperCode : realCode;
  }

  String message(Flavour f) {
    return f == Flavour.VTS ? paperMsg : realMsg;
  }
}
