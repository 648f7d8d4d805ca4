package kis.connector.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalTime;

/**
 * One row of {@code inquire-psbl-rvsecncl} (real only, kis-api.md 4.3). {@code excgIdDvsnCd} is
 * the venue the order was placed on, the one its revise or cancel must name.
 */
public record RevisableOrder(
    @JsonProperty("ord_gno_brno") String ordGnoBrno,
    @JsonProperty("odno") String odno,
    @JsonProperty("orgn_odno") String orgnOdno,
    @JsonProperty("pdno") String pdno,
    @JsonProperty("prdt_name") String prdtName,
    @JsonProperty("sll_buy_dvsn_cd") String sllBuyDvsnCd,
    @JsonProperty("ord_dvsn_cd") String ordDvsnCd,
    @JsonProperty("ord_qty") long ordQty,
    @JsonProperty("ord_unpr") long ordUnpr,
    @JsonProperty("ord_tmd") LocalTime ordTmd,
    @JsonProperty("tot_ccld_qty") long totCcldQty,
    @JsonProperty("tot_ccld_amt") long totCcldAmt,
    @JsonProperty("psbl_qty") long psblQty,
    @JsonProperty("excg_id_dvsn_cd") String excgIdDvsnCd) {}
