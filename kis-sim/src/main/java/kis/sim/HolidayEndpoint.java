package kis.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.DateTimeParseException;
import kis.journal.calendar.KrxCalendar;

/**
 * {@code chk-holiday} (국내휴장일조회, CTCA0903R, real server only): from {@code BASS_DT} on, one
 * row per calendar day with {@code bass_dt}, {@code wday_dvsn_cd} (01 Sunday … 07 Saturday),
 * {@code bzdy_yn} (business day), {@code tr_day_yn}, {@code opnd_yn} (the market opens: the one
 * KIS tells callers to use) and {@code sttl_day_yn}, from KRX's calendar (journal's holiday list).
 * Dec 31 is a business day on which the market is closed.
 */
final class HolidayEndpoint {
  /** Rows per answer; the simulator does not page further. */
  static final int DAYS = 30;

  private final KrxCalendar calendar;

  HolidayEndpoint(KrxCalendar calendar) {
    this.calendar = calendar;
  }

  RestReply chkHoliday(RestCall c, String trId) {
    LocalDate from;
    try {
      from = LocalDate.parse(c.param("BASS_DT").trim(), Exchange.YYYYMMDD);
    } catch (DateTimeParseException e) {
      return RestReply.error(200, trId, "OPSQ2002", "ERROR : INPUT INVALID_CHECK_FIELD_LENGTH");
    }
    ObjectNode body = RestReply.envelope("0", "MCA00000", "정상처리 되었습니다.");
    body.put("ctx_area_fk", "");
    body.put("ctx_area_nk", "");
    ArrayNode out = body.putArray("output");
    for (int i = 0; i < DAYS; i++) {
      LocalDate d = from.plusDays(i);
      boolean open = calendar.isTradingDay(d);
      boolean weekday = d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
      boolean yearEnd = d.getMonth() == Month.DECEMBER && d.getDayOfMonth() == 31 && weekday;
      String yn = open ? "Y" : "N";
      ObjectNode r = out.addObject();
      r.put("bass_dt", Exchange.YYYYMMDD.format(d));
      r.put("wday_dvsn_cd", String.format("%02d", d.getDayOfWeek().getValue() % 7 + 1));
      r.put("bzdy_yn", open || yearEnd ? "Y" : "N");
      r.put("tr_day_yn", open || yearEnd ? "Y" : "N");
      r.put("opnd_yn", yn);
      r.put("sttl_day_yn", open || yearEnd ? "Y" : "N");
    }
    return RestReply.ok(trId, body);
  }
}
