package kis.connector.rest;

import java.util.Objects;

/**
 * A cash order ({@code order-cash}, kis-api.md 4.1). The account comes from the credentials. Every
 * code is the caller's: the connector sends what it is given (kis-adapter maps the domain's order
 * to these codes).
 *
 * @param side buy or sell (selects the TR id)
 * @param pdno stock code, e.g. {@code 005930}
 * @param ordDvsn order division, e.g. {@code 00} limit, {@code 01} market
 * @param qty shares, at least 1
 * @param price limit price in won; 0 for market-type divisions
 * @param exchange {@code EXCG_ID_DVSN_CD}, e.g. {@code KRX} (the only one paper accepts)
 * @param conditionPrice {@code CNDT_PRIC}, the stop-limit trigger in won; 0 sends it blank
 */
public record OrderCashRequest(OrderSide side, String pdno, String ordDvsn, long qty, long price, String exchange,
    long conditionPrice) {
  public OrderCashRequest {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(pdno, "pdno");
    Objects.requireNonNull(ordDvsn, "ordDvsn");
    Objects.requireNonNull(exchange, "exchange");
    if (qty < 1 || price < 0 || conditionPrice < 0) {
      throw new IllegalArgumentException("order needs qty >= 1, price >= 0 and conditionPrice >= 0");
    }
  }

  /** An order without a trigger price ({@code CNDT_PRIC} blank). */
  public OrderCashRequest(OrderSide side, String pdno, String ordDvsn, long qty, long price, String exchange) {
    this(side, pdno, ordDvsn, qty, price, exchange, 0);
  }

  public static OrderCashRequest limit(String exchange, OrderSide side, String pdno, long qty, long price) {
    return new OrderCashRequest(side, pdno, "00", qty, price, exchange);
  }

  public static OrderCashRequest market(String exchange, OrderSide side, String pdno, long qty) {
    return new OrderCashRequest(side, pdno, "01", qty, 0, exchange);
  }
}
