package kis.engine.live;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import kis.connector.rest.MarketDay;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.MarketCalendar;

/**
 * The trading calendar a start runs on: when KIS answers, its {@code chk-holiday} (CTCA0903R, the
 * authority at run time: KIS advises asking once a day) for the coming days over the checked-in
 * table ({@code kis-trader.krx-calendar}); otherwise the table alone (paper accounts are refused the
 * TR; KIS may be down). Either way a start on a date the calendar does not cover (the session
 * table's first date, the holiday list's {@code covered-years}, and the days KIS answered for) is
 * refused rather than traded on guesses.
 *
 * @param calendar what the engine runs on
 * @param source where it came from, for the start's log
 */
public record TradingCalendar(KrxCalendar calendar, String source) {
  /** How long a start waits for KIS's answer before it goes on with the table. */
  public static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The calendar from today ({@code clock}'s date in Seoul) on: KIS's days over {@code table} if
   * {@code chkHoliday} answers within {@code timeout}, else {@code table}.
   */
  public static TradingCalendar resolve(KrxCalendar table, Function<LocalDate, CompletionStage<List<MarketDay>>> chkHoliday,
      Clock clock, Duration timeout) {
    LocalDate today = clock.instant().atZone(table.zone()).toLocalDate();
    List<MarketDay> days;
    try {
      days = chkHoliday.apply(today).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TradingCalendar(table, "the checked-in table (interrupted while asking KIS's chk-holiday)");
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable why = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      return new TradingCalendar(table, "the checked-in table (KIS's chk-holiday not available: "
          + why.getClass().getSimpleName() + (why.getMessage() == null ? "" : ": " + why.getMessage()) + ")");
    }
    Map<LocalDate, Boolean> opens = new LinkedHashMap<>();
    for (MarketDay d : days) {
      if (d.date() != null) {
        opens.put(d.date(), d.open());
      }
    }
    if (opens.isEmpty()) {
      return new TradingCalendar(table, "the checked-in table (KIS's chk-holiday answered no days)");
    }
    long closed = opens.values().stream().filter(open -> !open).count();
    LocalDate last = opens.keySet().stream().max(LocalDate::compareTo).orElseThrow();
    return new TradingCalendar(table.withKisDays(opens), "KIS's chk-holiday for " + opens.size() + " day(s) from "
        + today + " to " + last + " (" + closed + " closed), the checked-in table beyond");
  }

  /** Why the engine may not start on {@code clock}'s date with this calendar, or empty when it may. */
  public Optional<String> refusal(Clock clock) {
    LocalDate today = clock.instant().atZone(calendar.zone()).toLocalDate();
    return new MarketCalendar(calendar).coverageGap(today).map(gap -> "no trading calendar for today (" + today
        + "): " + gap + "; calendar from " + source + ". Extend kis-trader.krx-calendar (holidays and covered-years)"
        + " or start when KIS's chk-holiday answers");
  }
}
