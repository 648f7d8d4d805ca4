package kis.connector.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * Today's (or a range's) orders and fills from {@code inquire-daily-ccld}, all pages joined.
 *
 * @param orders one row per order ({@code output1}), across every page
 * @param summary totals ({@code output2}) of the last page
 */
public record DailyCcld(List<Order> orders, Summary summary) {
  public DailyCcld {
    orders = List.copyOf(orders);
  }

  /** One order row. Quantities in shares, prices and amounts in won. */
  public record Order(
      @JsonProperty("ord_dt") LocalDate ordDt,
      @JsonProperty("ord_gno_brno") String ordGnoBrno,
      @JsonProperty("odno") String odno,
      @JsonProperty("orgn_odno") String orgnOdno,
      @JsonProperty("ord_dvsn_cd") String ordDvsnCd,
      @JsonProperty("ord_dvsn_name") String ordDvsnName,
      @JsonProperty("sll_buy_dvsn_cd") String sllBuyDvsnCd,
      @JsonProperty("pdno") String pdno,
      @JsonProperty("prdt_name") String prdtName,
      @JsonProperty("ord_qty") long ordQty,
      @JsonProperty("ord_unpr") long ordUnpr,
      @JsonProperty("ord_tmd") LocalTime ordTmd,
      @JsonProperty("tot_ccld_qty") long totCcldQty,
      @JsonProperty("avg_prvs") BigDecimal avgPrvs,
      @JsonProperty("cncl_yn") String cnclYn,
      @JsonProperty("tot_ccld_amt") long totCcldAmt,
      @JsonProperty("cnc_cfrm_qty") long cncCfrmQty,
      @JsonProperty("rmn_qty") long rmnQty,
      @JsonProperty("rjct_qty") long rjctQty,
      @JsonProperty("excg_id_dvsn_cd") String excgIdDvsnCd) {

    public OrderSide side() {
      return OrderSide.fromCode(sllBuyDvsnCd);
    }
  }

  /** {@code output2}. */
  public record Summary(
      @JsonProperty("tot_ord_qty") long totOrdQty,
      @JsonProperty("tot_ccld_qty") long totCcldQty,
      @JsonProperty("tot_ccld_amt") long totCcldAmt,
      @JsonProperty("prsm_tlex_smtl") long prsmTlexSmtl,
      @JsonProperty("pchs_avg_pric") BigDecimal pchsAvgPric) {
    public static final Summary EMPTY = new Summary(0, 0, 0, 0, BigDecimal.ZERO);
  }
}
