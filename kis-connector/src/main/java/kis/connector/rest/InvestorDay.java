package kis.connector.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/**
 * One day of {@code inquire-investor} ({@code FHKST01010900}): net buying by individuals,
 * foreigners and institutions, in shares and in won.
 */
public record InvestorDay(
    @JsonProperty("stck_bsop_date") LocalDate date,
    @JsonProperty("stck_clpr") long close,
    @JsonProperty("prsn_ntby_qty") long individualNetQty,
    @JsonProperty("frgn_ntby_qty") long foreignNetQty,
    @JsonProperty("orgn_ntby_qty") long institutionNetQty,
    @JsonProperty("prsn_ntby_tr_pbmn") long individualNetAmount,
    @JsonProperty("frgn_ntby_tr_pbmn") long foreignNetAmount,
    @JsonProperty("orgn_ntby_tr_pbmn") long institutionNetAmount) {}
