package kis.connector.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code inquire-psbl-order} output; the {@code nrcvb_*} figures exclude margin (미수). */
public record BuyingPower(
    @JsonProperty("ord_psbl_cash") long ordPsblCash,
    @JsonProperty("nrcvb_buy_amt") long nrcvbBuyAmt,
    @JsonProperty("nrcvb_buy_qty") long nrcvbBuyQty,
    @JsonProperty("max_buy_amt") long maxBuyAmt,
    @JsonProperty("max_buy_qty") long maxBuyQty,
    @JsonProperty("psbl_qty_calc_unpr") long psblQtyCalcUnpr) {}
