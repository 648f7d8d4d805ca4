package kis.connector.rest;

import java.util.Objects;

/**
 * A cash order ({@code order-cash}, kis-api.md 4.1). The account comes from the credentials.
 *
 * @param side buy or sell (selects the TR id)
 * @param pdno stock code, e.g. {@code 005930}
 * @param ordDvsn order division, e.g. {@code 00} limit, {@code 01} market
 * @param qty shares, at least 1
 * @param price limit price in won; 0 for market-type divisions
 * @param exchange {@code EXCG_ID_DVSN_CD}, {@code KRX} (the only one paper accepts)
 */
public record OrderCashRequest(OrderSide side, String pdno, String ordDvsn, long qty, long price, String exchange) {
  public OrderCashRequest {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(pdno, "pdno");
    Objects.requireNonNull(ordDvsn, "ordDvsn");
    if (qty < 1 || price < 0) {
      throw new IllegalArgumentException("order needs qty >= 1 and price >= 0");
    }
    exchange = exchange == null ? "KRX" : exchange;
  }

  public static OrderCashRequest limit(OrderSide side, String pdno, long qty, long price) {
    return new OrderCashRequest(side, pdno, "00", qty, price, "KRX");
  }

  public static OrderCashRequest market(OrderSide side, String pdno, long qty) {
    return new OrderCashRequest(side, pdno, "01", qty, 0, "KRX");
  }
}
