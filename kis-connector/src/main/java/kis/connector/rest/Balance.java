package kis.connector.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * Holdings and cash from {@code inquire-balance} (kis-api.md 4.5), all pages joined.
 *
 * @param holdings {@code output1} rows of every page (a stock sold out today may show 0 shares)
 * @param summary {@code output2} of the last page
 */
public record Balance(List<Holding> holdings, Summary summary) {
  public Balance {
    holdings = List.copyOf(holdings);
  }

  /** One holding. */
  public record Holding(
      @JsonProperty("pdno") String pdno,
      @JsonProperty("prdt_name") String prdtName,
      @JsonProperty("hldg_qty") long hldgQty,
      @JsonProperty("ord_psbl_qty") long ordPsblQty,
      @JsonProperty("thdt_buyqty") long thdtBuyQty,
      @JsonProperty("thdt_sll_qty") long thdtSllQty,
      @JsonProperty("pchs_avg_pric") BigDecimal pchsAvgPric,
      @JsonProperty("pchs_amt") long pchsAmt,
      @JsonProperty("prpr") long prpr,
      @JsonProperty("evlu_amt") long evluAmt,
      @JsonProperty("evlu_pfls_amt") long evluPflsAmt,
      @JsonProperty("evlu_pfls_rt") BigDecimal evluPflsRt) {}

  /** Account totals in won. */
  public record Summary(
      @JsonProperty("dnca_tot_amt") long dncaTotAmt,
      @JsonProperty("nxdy_excc_amt") long nxdyExccAmt,
      @JsonProperty("prvs_rcdl_excc_amt") long prvsRcdlExccAmt,
      @JsonProperty("thdt_buy_amt") long thdtBuyAmt,
      @JsonProperty("thdt_sll_amt") long thdtSllAmt,
      @JsonProperty("thdt_tlex_amt") long thdtTlexAmt,
      @JsonProperty("scts_evlu_amt") long sctsEvluAmt,
      @JsonProperty("tot_evlu_amt") long totEvluAmt,
      @JsonProperty("nass_amt") long nassAmt,
      @JsonProperty("pchs_amt_smtl_amt") long pchsAmtSmtlAmt,
      @JsonProperty("evlu_amt_smtl_amt") long evluAmtSmtlAmt,
      @JsonProperty("evlu_pfls_smtl_amt") long evluPflsSmtlAmt) {
    public static final Summary EMPTY = new Summary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }
}
