package kis.connector.rest;

import java.time.LocalDate;
import java.util.Objects;

/**
 * {@code inquire-daily-itemchartprice} input (kis-api.md 4.9); KIS returns at most 100 bars per
 * call, so callers narrow the range.
 *
 * @param period {@code D}, {@code W}, {@code M} or {@code Y}
 * @param adjusted prices adjusted for corporate actions ({@code FID_ORG_ADJ_PRC = 0})
 */
public record DailyCandlesQuery(String pdno, LocalDate from, LocalDate to, String period, boolean adjusted) {
  public DailyCandlesQuery {
    Objects.requireNonNull(pdno, "pdno");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    period = period == null ? "D" : period;
  }

  public static DailyCandlesQuery days(String pdno, LocalDate from, LocalDate to) {
    return new DailyCandlesQuery(pdno, from, to, "D", true);
  }
}
