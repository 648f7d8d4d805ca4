package kis.connector.rest;

import java.util.Objects;

/**
 * A revise or cancel ({@code order-rvsecncl}, kis-api.md 4.2) of an earlier order. Every code is
 * the caller's (kis-adapter maps the domain's order to them).
 *
 * @param krxFwdgOrdOrgno the original order's {@code KRX_FWDG_ORD_ORGNO}
 * @param orgnOdno the original order's {@code ODNO}
 * @param ordDvsn order division (for a cancel, the original's)
 * @param cancel true for cancel ({@code 02}), false for revise ({@code 01})
 * @param qty shares to revise/cancel; ignored when {@code allQty}
 * @param price new price for a revise; 0 for a cancel
 * @param allQty the whole remaining quantity ({@code QTY_ALL_ORD_YN = Y})
 * @param exchange {@code EXCG_ID_DVSN_CD}, the original order's venue, e.g. {@code KRX}
 * @param conditionPrice {@code CNDT_PRIC}, a stop-limit trigger in won; 0 leaves it out
 */
public record ReviseCancelRequest(String krxFwdgOrdOrgno, String orgnOdno, String ordDvsn, boolean cancel, long qty,
    long price, boolean allQty, String exchange, long conditionPrice) {
  public ReviseCancelRequest {
    Objects.requireNonNull(krxFwdgOrdOrgno, "krxFwdgOrdOrgno");
    Objects.requireNonNull(orgnOdno, "orgnOdno");
    Objects.requireNonNull(ordDvsn, "ordDvsn");
    Objects.requireNonNull(exchange, "exchange");
    if (qty < 0 || price < 0 || conditionPrice < 0 || (!allQty && qty == 0)) {
      throw new IllegalArgumentException("revise/cancel needs qty >= 1 (or all), price >= 0 and conditionPrice >= 0");
    }
  }

  /** Cancel everything that is left of the order. */
  public static ReviseCancelRequest cancelAll(String exchange, String krxFwdgOrdOrgno, String orgnOdno,
      String ordDvsn) {
    return new ReviseCancelRequest(krxFwdgOrdOrgno, orgnOdno, ordDvsn, true, 0, 0, true, exchange, 0);
  }

  /** Cancel {@code qty} shares of the order. */
  public static ReviseCancelRequest cancel(String exchange, String krxFwdgOrdOrgno, String orgnOdno, String ordDvsn,
      long qty) {
    return new ReviseCancelRequest(krxFwdgOrdOrgno, orgnOdno, ordDvsn, true, qty, 0, false, exchange, 0);
  }

  /** Move the whole remaining quantity to {@code newPrice}. */
  public static ReviseCancelRequest reviseAll(String exchange, String krxFwdgOrdOrgno, String orgnOdno,
      String ordDvsn, long newPrice) {
    return new ReviseCancelRequest(krxFwdgOrdOrgno, orgnOdno, ordDvsn, false, 0, newPrice, true, exchange, 0);
  }
}
