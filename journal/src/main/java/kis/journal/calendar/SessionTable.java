package kis.journal.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kis.journal.Venue;

/**
 * The one dated table of every venue's sessions (shared/krx-nxt-2026.md §1.2): which phase runs
 * when, on which kind of day, from and until which date, on whose word. A correction is one row.
 *
 * <p>Times are either fixed ({@code "08:00"}) or tied to KRX's regular timetable of the day as
 * {@link KrxCalendar} configures it ({@code pre-open}, {@code open}, {@code closing-auction},
 * {@code close}, optionally {@code +Nm}), so the first trading day of the year and the CSAT day
 * (which {@code kis-trader.krx-calendar} shifts) move every session tied to them: NXT's main market
 * opens with KRX's continuous market and halts during its closing auction, as NXT runs it.
 *
 * <p>Rows marked second-hand come from transcriptions of KIS's notice of 2026-09-09 or from an
 * assumption written beside them; KIS's {@code chk-holiday} and a first-hand notice win over them.
 */
public final class SessionTable {
  /** Which trading days a row applies to. */
  public enum Days {
    /** Every trading day. */
    ALL,
    /** Days on KRX's regular timetable (not the first trading day of a year, not the CSAT day). */
    NORMAL,
    /** The shifted days: the first trading day of a year and the CSAT day. */
    SHIFTED
  }

  /**
   * One row: {@code venue} is in {@code phase} from {@code start} to {@code end} on {@code days},
   * for dates in [{@code from}, {@code until}) (null = unbounded).
   */
  public record Rule(Venue venue, MarketPhase phase, String start, String end, Days days, LocalDate from,
      LocalDate until, boolean secondHand, String source) {
    boolean appliesOn(LocalDate date, boolean shifted) {
      if (from != null && date.isBefore(from)) {
        return false;
      }
      if (until != null && !date.isBefore(until)) {
        return false;
      }
      return days == Days.ALL || (days == Days.SHIFTED) == shifted;
    }
  }

  /** NXT's first trading day. */
  public static final LocalDate NXT_LAUNCH = LocalDate.of(2025, 3, 4);
  /** KRX's after-market replaces the after-hours single price (KIS notice of 2026-09-09, second-hand). */
  public static final LocalDate KRX_AFTER_MARKET_START = LocalDate.of(2026, 9, 14);
  /** The first date this table claims to describe; earlier dates are outside its coverage. */
  public static final LocalDate COVERS_FROM = NXT_LAUNCH;

  private static final boolean FIRST = false;
  private static final boolean SECOND = true;
  private static final LocalDate ANY = null;

  /** The table. Venue, phase, start, end, days, from, until (exclusive), second-hand, source. */
  public static final List<Rule> RULES = List.of(
      rule(Venue.KRX, MarketPhase.PRE_OPEN, "pre-open", "open", Days.ALL, ANY, ANY, FIRST,
          "KRX opening call auction; hours from kis-trader.krx-calendar"),
      rule(Venue.KRX, MarketPhase.CONTINUOUS, "open", "closing-auction", Days.ALL, ANY, ANY, FIRST,
          "KRX GLB0602020204T7"),
      rule(Venue.KRX, MarketPhase.CLOSING_AUCTION, "closing-auction", "close", Days.ALL, ANY, ANY, FIRST,
          "KRX GLB0602020204T7"),
      rule(Venue.KRX, MarketPhase.PRE_OPEN_CLOSING_PRICE, "pre-open", "pre-open+10m", Days.ALL, ANY, ANY, FIRST,
          "KRX GLB0602020203T1 (08:30-08:40, ORD_DVSN 05); shift on late days assumed"),
      rule(Venue.KRX, MarketPhase.POST_CLOSE_CLOSING_PRICE, "close+10m", "close+30m", Days.ALL, ANY, ANY, FIRST,
          "KRX GLB0602020203T1 (trades 15:40-16:00, ORD_DVSN 06); shift on late days assumed"),
      rule(Venue.KRX, MarketPhase.AFTER_HOURS_SINGLE_PRICE, "close+30m", "close+150m", Days.ALL, ANY,
          KRX_AFTER_MARKET_START, FIRST, "KRX GLB0602020203T2 (16:00-18:00, ORD_DVSN 07)"),
      rule(Venue.KRX, MarketPhase.AFTER_MARKET, "close+30m", "20:00", Days.ALL, KRX_AFTER_MARKET_START, ANY, SECOND,
          "KIS notice 2026-09-09 via SPEC-ORD (16:00-20:00, ORD_DVSN 41-47); CSAT-day start assumed"),
      rule(Venue.NXT, MarketPhase.PRE_MARKET, "08:00", "08:50", Days.NORMAL, NXT_LAUNCH, ANY, FIRST,
          "amuse.peoplentools (NXT launch); none on CSAT day (edaily); none on the year's first day assumed"),
      rule(Venue.NXT, MarketPhase.HALTED, "08:50", "open", Days.NORMAL, NXT_LAUNCH, ANY, FIRST,
          "amuse.peoplentools: halted 08:50-09:00"),
      rule(Venue.NXT, MarketPhase.CONTINUOUS, "open", "closing-auction", Days.ALL, NXT_LAUNCH, ANY, FIRST,
          "amuse.peoplentools: main 09:00-15:20; CSAT day 10:00-16:20 (edaily)"),
      rule(Venue.NXT, MarketPhase.HALTED, "closing-auction", "close", Days.ALL, NXT_LAUNCH, ANY, FIRST,
          "amuse.peoplentools: halted 15:20-15:30"),
      rule(Venue.NXT, MarketPhase.AFTER_MARKET, "close", "20:00", Days.ALL, NXT_LAUNCH, ANY, FIRST,
          "amuse.peoplentools: after-market 15:30-20:00; CSAT-day start assumed"));

  private SessionTable() {}

  private static Rule rule(Venue venue, MarketPhase phase, String start, String end, Days days, LocalDate from,
      LocalDate until, boolean secondHand, String source) {
    return new Rule(venue, phase, start, end, days, from, until, secondHand, source);
  }

  /**
   * The sessions of a book venue (KRX or NXT) on a trading day whose KRX timetable is {@code krx};
   * empty when the table has none for it (NXT before its launch).
   */
  static Optional<VenueDay> day(List<Rule> rules, Venue venue, LocalDate date, SessionHours krx, boolean shifted) {
    List<VenueSession> sessions = new ArrayList<>();
    for (Rule r : rules) {
      if (r.venue() == venue && r.appliesOn(date, shifted)) {
        sessions.add(new VenueSession(r.phase(), time(r.start(), krx), time(r.end(), krx)));
      }
    }
    return sessions.isEmpty() ? Optional.empty() : Optional.of(new VenueDay(venue, date, sessions));
  }

  /** A fixed {@code HH:MM} or an anchor of KRX's timetable with an optional {@code +Nm}. */
  static LocalTime time(String ref, SessionHours krx) {
    String s = ref.trim();
    int plus = s.indexOf('+');
    String anchor = plus < 0 ? s : s.substring(0, plus);
    long minutes = plus < 0 ? 0 : Long.parseLong(s.substring(plus + 1, s.length() - 1));
    LocalTime base;
    switch (anchor) {
      case "pre-open":
        base = krx.preOpen();
        break;
      case "open":
        base = krx.open();
        break;
      case "closing-auction":
        base = krx.closingAuction();
        break;
      case "close":
        base = krx.close();
        break;
      default:
        base = LocalTime.parse(anchor);
    }
    return base.plusMinutes(minutes);
  }
}
