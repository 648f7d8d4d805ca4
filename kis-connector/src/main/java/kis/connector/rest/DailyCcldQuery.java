package kis.connector.rest;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Filters of {@code inquire-daily-ccld} (kis-api.md 4.4). The account comes from the credentials.
 *
 * @param from first order date
 * @param to last order date
 * @param sllBuyDvsnCd {@code 00} all, {@code 01} sell, {@code 02} buy
 * @param ccldDvsn {@code 00} all, {@code 01} filled, {@code 02} unfilled
 * @param pdno stock code, blank for all
 * @param odno one order number, blank for all
 * @param ordGnoBrno order branch number, blank for all
 * @param oldestFirst {@code INQR_DVSN} 01 instead of 00
 * @param exchange {@code EXCG_ID_DVSN_CD}: {@code KRX}, {@code NXT}, {@code SOR} or {@code ALL}
 */
public record DailyCcldQuery(LocalDate from, LocalDate to, String sllBuyDvsnCd, String ccldDvsn, String pdno,
    String odno, String ordGnoBrno, boolean oldestFirst, String exchange) {
  public DailyCcldQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    sllBuyDvsnCd = sllBuyDvsnCd == null ? "00" : sllBuyDvsnCd;
    ccldDvsn = ccldDvsn == null ? "00" : ccldDvsn;
    pdno = pdno == null ? "" : pdno;
    odno = odno == null ? "" : odno;
    ordGnoBrno = ordGnoBrno == null ? "" : ordGnoBrno;
    Objects.requireNonNull(exchange, "exchange");
  }

  /** Every order of one day. */
  public static DailyCcldQuery day(String exchange, LocalDate day) {
    return new DailyCcldQuery(day, day, "00", "00", "", "", "", false, exchange);
  }

  /** Only the orders with an unfilled remainder (the paper substitute for inquire-psbl-rvsecncl). */
  public DailyCcldQuery unfilledOnly() {
    return new DailyCcldQuery(from, to, sllBuyDvsnCd, "02", pdno, odno, ordGnoBrno, oldestFirst, exchange);
  }
}
