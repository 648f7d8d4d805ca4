package kis.connector.rest;

import java.util.Objects;

/**
 * A revise or cancel ({@code order-rvsecncl}, kis-api.md 4.2) of an earlier order.
 *
 * @param krxFwdgOrdOrgno the original order's {@code KRX_FWDG_ORD_ORGNO}
 * @param orgnOdno the original order's {@code ODNO}
 * @param ordDvsn order division (for a cancel, the original's)
 * @param cancel true for cancel ({@code 02}), false for revise ({@code 01})
 * @param qty shares to revise/cancel; ignored when {@code allQty}
 * @param price new price for a revise; 0 for a cancel
 * @param allQty the whole remaining quantity ({@code QTY_ALL_ORD_YN = Y})
 */
public record ReviseCancelRequest(String krxFwdgOrdOrgno, String orgnOdno, String ordDvsn, boolean cancel, long qty,
    long price, boolean allQty) {
  public ReviseCancelRequest {
    Objects.requireNonNull(krxFwdgOrdOrgno, "krxFwdgOrdOrgno");
    Objects.requireNonNull(orgnOdno, "orgnOdno");
    Objects.requireNonNull(ordDvsn, "ordDvsn");
    if (qty < 0 || price < 0 || (!allQty && qty == 0)) {
      throw new IllegalArgumentException("revise/cancel needs qty >= 1 (or all) and price >= 0");
    }
  }

  /** Cancel everything that is left of the order. */
  public static ReviseCancelRequest cancelAll(String krxFwdgOrdOrgno, String orgnOdno, String ordDvsn) {
    return new ReviseCancelRequest(krxFwdgOrdOrgno, orgnOdno, ordDvsn, true, 0, 0, true);
  }

  /** Cancel {@code qty} shares of the order. */
  public static ReviseCancelRequest cancel(String krxFwdgOrdOrgno, String orgnOdno, String ordDvsn, long qty) {
    return new ReviseCancelRequest(krxFwdgOrdOrgno, orgnOdno, ordDvsn, true, qty, 0, false);
  }

  /** Move the whole remaining quantity to {@code newPrice}. */
  public static ReviseCancelRequest reviseAll(String krxFwdgOrdOrgno, String orgnOdno, String ordDvsn, long newPrice) {
    return new ReviseCancelRequest(krxFwdgOrdOrgno, orgnOdno, ordDvsn, false, 0, newPrice, true);
  }
}
