package kis.journal.calendar;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which days KRX trades and on which timetable (shared/kis-api.md §7.2): Mon–Fri except public
 * holidays (a configured list), May 1 and Dec 31; the first trading day of each year and the CSAT
 * day open at 10:00. Pure and immutable; {@link SessionClock} adds the clock.
 */
public final class KrxCalendar {
  /** Where the defaults live; {@link #fromConfig} falls back to them key by key. */
  public static final String DEFAULTS_RESOURCE = "kis/journal/calendar/krx-calendar.conf";

  private final ZoneId zone;
  private final Set<LocalDate> holidays;
  private final Set<Integer> coveredYears;
  private final Set<LocalDate> csatDays;
  private final Set<LocalDate> lateOpenDays;
  private final SessionHours regular;
  private final SessionHours lateOpen;
  private final SessionHours csat;
  /** Days KIS's {@code chk-holiday} answered for: whether the market opens, over every rule above. */
  private final Map<LocalDate, Boolean> kisDays;

  public KrxCalendar(ZoneId zone, Set<LocalDate> holidays, Set<Integer> coveredYears, Set<LocalDate> csatDays,
      Set<LocalDate> lateOpenDays, SessionHours regular, SessionHours lateOpen, SessionHours csat) {
    this(zone, holidays, coveredYears, csatDays, lateOpenDays, regular, lateOpen, csat, Map.of());
  }

  private KrxCalendar(ZoneId zone, Set<LocalDate> holidays, Set<Integer> coveredYears, Set<LocalDate> csatDays,
      Set<LocalDate> lateOpenDays, SessionHours regular, SessionHours lateOpen, SessionHours csat,
      Map<LocalDate, Boolean> kisDays) {
    this.kisDays = Collections.unmodifiableMap(new TreeMap<>(kisDays));
    this.zone = zone;
    this.holidays = Collections.unmodifiableSet(new TreeSet<>(holidays));
    this.coveredYears = Collections.unmodifiableSet(new TreeSet<>(coveredYears));
    this.csatDays = Collections.unmodifiableSet(new TreeSet<>(csatDays));
    this.lateOpenDays = Collections.unmodifiableSet(new TreeSet<>(lateOpenDays));
    this.regular = regular;
    this.lateOpen = lateOpen;
    this.csat = csat;
  }

  /** Where the engine's configuration keeps the calendar block. */
  public static final String CONFIG_PATH = "kis-trader.krx-calendar";

  /** The calendar shipped with the engine ({@value #DEFAULTS_RESOURCE}). */
  public static KrxCalendar defaults() {
    return fromConfig(ConfigFactory.empty());
  }

  /**
   * A calendar from a {@code krx-calendar} block (for example
   * {@code config.getConfig("kis-trader.krx-calendar")}), every missing key taken from the defaults.
   *
   * @throws ConfigException.BadValue naming the key when a date, time or zone does not parse or a
   *     timetable is out of order
   */
  public static KrxCalendar fromConfig(Config block) {
    Config c = block.withFallback(ConfigFactory.parseResources(KrxCalendar.class.getClassLoader(), DEFAULTS_RESOURCE))
        .resolve();
    ZoneId zone;
    try {
      zone = ZoneId.of(c.getString("zone"));
    } catch (DateTimeException e) {
      throw new ConfigException.BadValue("zone", "not a time zone id: " + e.getMessage());
    }
    return new KrxCalendar(zone, dates(c, "holidays"), Set.copyOf(c.getIntList("covered-years")),
        dates(c, "csat-days"), dates(c, "late-open-days"), hours(c, "hours.regular"), hours(c, "hours.late-open"),
        hours(c, "hours.csat"));
  }

  /** The calendar from the engine's whole configuration: its {@value #CONFIG_PATH} block if any, else the defaults. */
  public static KrxCalendar fromAppConfig(Config root) {
    return fromConfig(root.hasPath(CONFIG_PATH) ? root.getConfig(CONFIG_PATH) : ConfigFactory.empty());
  }

  private static Set<LocalDate> dates(Config c, String path) {
    Set<LocalDate> out = new TreeSet<>();
    for (String s : c.getStringList(path)) {
      try {
        out.add(LocalDate.parse(s.trim()));
      } catch (DateTimeException e) {
        throw new ConfigException.BadValue(path, "not a date (YYYY-MM-DD): '" + s + "'");
      }
    }
    return out;
  }

  private static SessionHours hours(Config c, String path) {
    try {
      return new SessionHours(time(c, path + ".pre-open"), time(c, path + ".open"),
          time(c, path + ".closing-auction"), time(c, path + ".close"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException.BadValue(path, e.getMessage());
    }
  }

  private static LocalTime time(Config c, String path) {
    String s = c.getString(path);
    try {
      return LocalTime.parse(s.trim());
    } catch (DateTimeException e) {
      throw new ConfigException.BadValue(path, "not a time (HH:MM): '" + s + "'");
    }
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * This calendar with KIS's word on {@code opens} (from {@code chk-holiday}'s {@code opnd_yn}, the
   * authority at run time): each of those days trades exactly when KIS says the market opens,
   * whatever the configured list says, and counts as covered. Later answers win over earlier ones.
   */
  public KrxCalendar withKisDays(Map<LocalDate, Boolean> opens) {
    Map<LocalDate, Boolean> all = new TreeMap<>(kisDays);
    all.putAll(opens);
    return new KrxCalendar(zone, holidays, coveredYears, csatDays, lateOpenDays, regular, lateOpen, csat, all);
  }

  /** The days KIS answered for, with whether the market opens on each (empty: the configured list only). */
  public Map<LocalDate, Boolean> kisDays() {
    return kisDays;
  }

  /** Whether the configured holiday list is known to be complete for {@code date}'s year, or KIS answered for it. */
  public boolean covers(LocalDate date) {
    return coveredYears.contains(date.getYear()) || kisDays.containsKey(date);
  }

  public boolean isTradingDay(LocalDate date) {
    Boolean kis = kisDays.get(date);
    if (kis != null) {
      return kis;
    }
    DayOfWeek dow = date.getDayOfWeek();
    if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
      return false;
    }
    if (date.getMonth() == Month.MAY && date.getDayOfMonth() == 1) {
      return false; // 근로자의 날: the exchange is closed though it is not a public holiday
    }
    if (date.getMonth() == Month.DECEMBER && date.getDayOfMonth() == 31) {
      return false; // 연말 휴장
    }
    return !holidays.contains(date);
  }

  /** The first trading day strictly after {@code date}. */
  public LocalDate nextTradingDay(LocalDate date) {
    LocalDate d = date.plusDays(1);
    while (!isTradingDay(d)) {
      d = d.plusDays(1);
    }
    return d;
  }

  /** The last trading day strictly before {@code date}. */
  public LocalDate previousTradingDay(LocalDate date) {
    LocalDate d = date.minusDays(1);
    while (!isTradingDay(d)) {
      d = d.minusDays(1);
    }
    return d;
  }

  public LocalDate firstTradingDayOfYear(int year) {
    return nextTradingDay(LocalDate.of(year, 1, 1).minusDays(1));
  }

  public boolean isCsatDay(LocalDate date) {
    return csatDays.contains(date);
  }

  /** The timetable of a normal trading day (08:30 / 09:00 / 15:20 / 15:30 by default). */
  public SessionHours regularHours() {
    return regular;
  }

  /** Whether {@code date} trades on a shifted timetable: the CSAT day, the first trading day of its year, a configured late-open day. */
  public boolean isShiftedDay(LocalDate date) {
    return isTradingDay(date) && (csatDays.contains(date) || lateOpenDays.contains(date)
        || date.equals(firstTradingDayOfYear(date.getYear())));
  }

  /** The timetable of {@code date}, or empty when KRX does not trade that day. */
  public Optional<SessionHours> sessionHours(LocalDate date) {
    if (!isTradingDay(date)) {
      return Optional.empty();
    }
    if (csatDays.contains(date)) {
      return Optional.of(csat);
    }
    if (lateOpenDays.contains(date) || date.equals(firstTradingDayOfYear(date.getYear()))) {
      return Optional.of(lateOpen);
    }
    return Optional.of(regular);
  }
}
