package kis.connector.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/** One period bar of {@code inquire-daily-itemchartprice} ({@code output2}). */
public record Candle(
    @JsonProperty("stck_bsop_date") LocalDate date,
    @JsonProperty("stck_oprc") long open,
    @JsonProperty("stck_hgpr") long high,
    @JsonProperty("stck_lwpr") long low,
    @JsonProperty("stck_clpr") long close,
    @JsonProperty("acml_vol") long volume,
    @JsonProperty("acml_tr_pbmn") long turnover) {}
