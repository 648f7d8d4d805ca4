package kis.connector.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/**
 * One day of {@code chk-holiday} ({@code CTCA0903R}, {@code output}): what KIS's calendar says of
 * it. {@code opndYn} is the one to ask whether orders can be placed that day (KIS's own advice).
 *
 * @param date {@code bass_dt}
 * @param weekdayCode {@code wday_dvsn_cd}, {@code 01} Sunday … {@code 07} Saturday
 * @param bzdyYn {@code bzdy_yn}, a business day (영업일)
 * @param trDayYn {@code tr_day_yn}, a trading day (거래일)
 * @param opndYn {@code opnd_yn}, the market opens (개장일)
 * @param sttlDayYn {@code sttl_day_yn}, a settlement day (결제일)
 */
public record MarketDay(
    @JsonProperty("bass_dt") LocalDate date,
    @JsonProperty("wday_dvsn_cd") String weekdayCode,
    @JsonProperty("bzdy_yn") String bzdyYn,
    @JsonProperty("tr_day_yn") String trDayYn,
    @JsonProperty("opnd_yn") String opndYn,
    @JsonProperty("sttl_day_yn") String sttlDayYn) {

  /** Whether the market opens that day ({@code opnd_yn = Y}). */
  public boolean open() {
    return "Y".equalsIgnoreCase(opndYn == null ? "" : opndYn.trim());
  }
}
