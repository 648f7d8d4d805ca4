package kis.connector.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * {@code inquire-price} output (kis-api.md 4.7): last price, change, day range, price limits,
 * base price and the tick at the current price.
 */
public record Quote(
    @JsonProperty("stck_shrn_iscd") String pdno,
    @JsonProperty("stck_prpr") long stckPrpr,
    @JsonProperty("prdy_vrss") long prdyVrss,
    @JsonProperty("prdy_vrss_sign") String prdyVrssSign,
    @JsonProperty("prdy_ctrt") BigDecimal prdyCtrt,
    @JsonProperty("acml_vol") long acmlVol,
    @JsonProperty("acml_tr_pbmn") long acmlTrPbmn,
    @JsonProperty("stck_oprc") long stckOprc,
    @JsonProperty("stck_hgpr") long stckHgpr,
    @JsonProperty("stck_lwpr") long stckLwpr,
    @JsonProperty("stck_mxpr") long stckMxpr,
    @JsonProperty("stck_llam") long stckLlam,
    @JsonProperty("stck_sdpr") long stckSdpr,
    @JsonProperty("aspr_unit") long asprUnit,
    @JsonProperty("iscd_stat_cls_code") String iscdStatClsCode,
    @JsonProperty("temp_stop_yn") String tempStopYn,
    @JsonProperty("vi_cls_code") String viClsCode) {}
