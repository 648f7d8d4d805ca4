package kis.connector.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * One one-minute bar of {@code inquire-time-itemchartprice} ({@code output2}); {@code close} is
 * the minute's last price ({@code stck_prpr}).
 */
public record MinuteCandle(
    @JsonProperty("stck_bsop_date") LocalDate date,
    @JsonProperty("stck_cntg_hour") LocalTime time,
    @JsonProperty("stck_oprc") long open,
    @JsonProperty("stck_hgpr") long high,
    @JsonProperty("stck_lwpr") long low,
    @JsonProperty("stck_prpr") long close,
    @JsonProperty("cntg_vol") long volume,
    @JsonProperty("acml_tr_pbmn") long turnover) {}
