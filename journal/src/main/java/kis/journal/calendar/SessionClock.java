package kis.journal.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The KRX calendar read against an injected {@link Clock}: today's phase, when the session ends,
 * which day comes next. Every answer comes from the clock it was given, so tests fix or step the
 * clock instead of sleeping.
 */
public final class SessionClock {
  private final KrxCalendar calendar;
  private final Clock clock;

  public SessionClock(KrxCalendar calendar, Clock clock) {
    this.calendar = calendar;
    this.clock = clock;
  }

  public KrxCalendar calendar() {
    return calendar;
  }

  public Clock clock() {
    return clock;
  }

  public ZonedDateTime now() {
    return ZonedDateTime.ofInstant(clock.instant(), calendar.zone());
  }

  /** Today's date in Seoul, trading day or not. */
  public LocalDate today() {
    return now().toLocalDate();
  }

  public MarketPhase phase() {
    return phaseAt(clock.instant());
  }

  public MarketPhase phaseAt(Instant at) {
    ZonedDateTime t = ZonedDateTime.ofInstant(at, calendar.zone());
    return calendar.sessionHours(t.toLocalDate()).map(h -> h.phaseAt(t.toLocalTime())).orElse(MarketPhase.CLOSED);
  }

  /** The instant the regular session of {@code tradingDay} closes, or empty if KRX does not trade then. */
  public Optional<Instant> sessionEnd(LocalDate tradingDay) {
    return calendar.sessionHours(tradingDay).map(h -> at(tradingDay, h.close()));
  }

  /** The instant the opening auction of {@code tradingDay} starts, or empty if KRX does not trade then. */
  public Optional<Instant> sessionStart(LocalDate tradingDay) {
    return calendar.sessionHours(tradingDay).map(h -> at(tradingDay, h.preOpen()));
  }

  /**
   * The trading day whose orders are current: today while today's session has not ended,
   * otherwise the next trading day. After the session end KIS has cancelled whatever was left,
   * so the day roll moves to this date.
   */
  public LocalDate currentTradingDay() {
    ZonedDateTime n = now();
    LocalDate d = n.toLocalDate();
    Optional<SessionHours> h = calendar.sessionHours(d);
    if (h.isPresent() && n.toLocalTime().isBefore(h.get().close())) {
      return d;
    }
    return calendar.nextTradingDay(d);
  }

  /** The first trading day after today (not today even if today trades). */
  public LocalDate nextTradingDay() {
    return calendar.nextTradingDay(today());
  }

  /** The end of the current trading day's session: when the next day roll is due. */
  public Instant nextSessionEnd() {
    LocalDate d = currentTradingDay();
    return sessionEnd(d).orElseThrow(); // currentTradingDay() always trades
  }

  /** When the current phase began: the last phase change at or before now. */
  public Instant currentPhaseStart() {
    ZonedDateTime n = now();
    LocalDate d = n.toLocalDate();
    Optional<SessionHours> h = calendar.sessionHours(d);
    if (h.isPresent()) {
      LocalTime t = n.toLocalTime();
      LocalTime[] starts = {h.get().close(), h.get().closingAuction(), h.get().open(), h.get().preOpen()};
      for (LocalTime s : starts) {
        if (!t.isBefore(s)) {
          return at(d, s);
        }
      }
    }
    LocalDate prev = calendar.previousTradingDay(d);
    return sessionEnd(prev).orElseThrow(); // previousTradingDay() always trades
  }

  /** The next moment the phase changes (strictly after now), for timers. */
  public Instant nextPhaseChange() {
    Instant now = clock.instant();
    LocalDate d = today();
    for (int i = 0; i < 15; i++) {
      Optional<SessionHours> h = calendar.sessionHours(d);
      if (h.isPresent()) {
        for (LocalTime t : new LocalTime[] {h.get().preOpen(), h.get().open(), h.get().closingAuction(),
            h.get().close()}) {
          Instant candidate = at(d, t);
          if (candidate.isAfter(now)) {
            return candidate;
          }
        }
      }
      d = d.plusDays(1);
    }
    // Unreachable with any real calendar (no fortnight without a trading day); be total anyway.
    return at(calendar.nextTradingDay(d), SessionHours.REGULAR.preOpen());
  }

  private Instant at(LocalDate d, LocalTime t) {
    return ZonedDateTime.of(d, t, calendar.zone()).toInstant();
  }
}
