package kis.connector.rest;

/**
 * The KIS REST operations the client calls, with path and TR ids (kis-api.md 4.0). The new order
 * TR ids are sent; KIS may switch the old ones off without notice.
 */
public enum Tr {
  ORDER_CASH_BUY("POST", "/uapi/domestic-stock/v1/trading/order-cash", "TTTC0012U", "VTTC0012U"),
  ORDER_CASH_SELL("POST", "/uapi/domestic-stock/v1/trading/order-cash", "TTTC0011U", "VTTC0011U"),
  ORDER_RVSECNCL("POST", "/uapi/domestic-stock/v1/trading/order-rvsecncl", "TTTC0013U", "VTTC0013U"),
  INQUIRE_PSBL_RVSECNCL("GET", "/uapi/domestic-stock/v1/trading/inquire-psbl-rvsecncl", "TTTC0084R", null),
  INQUIRE_DAILY_CCLD("GET", "/uapi/domestic-stock/v1/trading/inquire-daily-ccld", "TTTC0081R", "VTTC0081R"),
  INQUIRE_BALANCE("GET", "/uapi/domestic-stock/v1/trading/inquire-balance", "TTTC8434R", "VTTC8434R"),
  INQUIRE_PSBL_ORDER("GET", "/uapi/domestic-stock/v1/trading/inquire-psbl-order", "TTTC8908R", "VTTC8908R"),
  INQUIRE_PRICE("GET", "/uapi/domestic-stock/v1/quotations/inquire-price", "FHKST01010100", "FHKST01010100"),
  INQUIRE_ASKING_PRICE("GET", "/uapi/domestic-stock/v1/quotations/inquire-asking-price-exp-ccn", "FHKST01010200",
      "FHKST01010200"),
  DAILY_CANDLES("GET", "/uapi/domestic-stock/v1/quotations/inquire-daily-itemchartprice", "FHKST03010100",
      "FHKST03010100"),
  MINUTE_CANDLES("GET", "/uapi/domestic-stock/v1/quotations/inquire-time-itemchartprice", "FHKST03010200",
      "FHKST03010200"),
  INQUIRE_INVESTOR("GET", "/uapi/domestic-stock/v1/quotations/inquire-investor", "FHKST01010900", "FHKST01010900"),
  SEARCH_STOCK_INFO("GET", "/uapi/domestic-stock/v1/quotations/search-stock-info", "CTPF1002R", "CTPF1002R"),
  /** Past days' one-minute bars (주식일별분봉조회); real only. */
  PAST_MINUTE_CANDLES("GET", "/uapi/domestic-stock/v1/quotations/inquire-time-dailychartprice", "FHKST03010230", null),
  /** Business, trading, opening and settlement days (국내휴장일조회); real only, KIS asks for about one call a day. */
  CHK_HOLIDAY("GET", "/uapi/domestic-stock/v1/quotations/chk-holiday", "CTCA0903R", null);

  private final String method;
  private final String path;
  private final String realTrId;
  private final String paperTrId;

  Tr(String method, String path, String realTrId, String paperTrId) {
    this.method = method;
    this.path = path;
    this.realTrId = realTrId;
    this.paperTrId = paperTrId;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** The TR id for the environment; fails for a TR KIS does not offer on paper. */
  public String trId(boolean paper) {
    if (paper && paperTrId == null) {
      throw new UnsupportedOperationException(name() + " (" + realTrId + ") is not offered on paper trading");
    }
    return paper ? paperTrId : realTrId;
  }

  public boolean isOrder() {
    return method.equals("POST");
  }
}
