package kis.engine.backtest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketCalendar;
import kis.journal.calendar.MarketPhase;
import kis.journal.calendar.VenueDay;
import kis.journal.calendar.VenueSession;
import kis.journal.calendar.VolatilityInterruption;
import kis.strategies.StrategyContext;
import kis.strategies.event.Bar;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.PhaseChanged;
import kis.strategies.event.Trade;

/**
 * What history says about each day's sessions, read once before a run: whether the day's tape
 * follows the session table, which of its prints are single-price matches, and the phases a
 * strategy sees.
 *
 * <p><b>A day follows the table</b> when the calendar has KRX trading that day and the tape shows
 * KRX's calls as KRX prints them: nothing trades inside the opening call (08:30-09:00 on a normal
 * day) or the closing call (15:20-15:30), and the closing match prints at the close (a trade stamped
 * within the minute from 15:30, or the minute bar that starts at 15:30, as KIS's minute chart has
 * it). Minute bars count as trading when their volume is positive; a daily bar makes the day one
 * that does not follow. Other days (synthetic tapes that trade through the calls, partial days,
 * daily bars) keep the backtest's continuous model: every print from the open to the close is a
 * continuous print.
 *
 * <p>On a day that follows the table:
 * <ul>
 *   <li>the opening match is a stock's first print in the minute from the open (09:00:00); the
 *       closing match its first print in the minute from the close;
 *   <li>a volatility interruption is marked by its match: a print in continuous trading that is
 *       past a VI threshold ({@link VolatilityInterruption}: 10 % from the static reference, the
 *       day's last single-price result, or 6 % from the previous print) cannot be a continuous
 *       print on KRX, so it is the match of a VI whose two-minute call ran before it. For a minute
 *       bar the bar's open is that print (a VI inside a bar does not show in bars);
 *   <li>each phase a strategy sees comes from the calendar ({@link MarketCalendar#hours}) for KRX
 *       and NXT, plus a stock's VI and its end.
 * </ul>
 *
 * <p><b>The whole day.</b> NXT's pre-market prints (08:00-08:50, inside KRX's opening call from
 * 08:30) do not stop a day from following the table. A day whose tape prints after the closing
 * match's minute (NXT's after-market from 15:30, KRX's from 16:00) is replayed whole: every venue's
 * phases to its own close (20:00), so an order placed then meets its venue's after-market by
 * {@code PreTrade} and fills continuously, as live. A day without such prints ends at KRX's close
 * as before (every venue closed to it from then), so a regular-hours tape replays as it always did.
 */
final class SessionTape {
  /** Which call a match ends. */
  enum Call {
    OPENING_AUCTION,
    CLOSING_AUCTION,
    VOLATILITY_INTERRUPTION
  }

  /** A print that is a single-price match: our orders in the call trade at {@code price}. */
  record Uncross(Call call, long price, long volume) {}

  /** One stock's VI: its call from {@code start} until the match at {@code end}. */
  record Vi(Symbol symbol, Instant start, Instant end) {}

  /** The tape with no day that follows the table: the continuous model everywhere. */
  static final SessionTape NONE = new SessionTape(new TreeMap<>(), new IdentityHashMap<>(), List.of());

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Venue[] BOOKS = {Venue.KRX, Venue.NXT};

  /** The days that follow the table, by the epoch second their date starts. */
  private final TreeMap<Long, Day> days;
  /**
   * The same days by date: the runner asks for a day's open, close and end several times a day,
   * and the zone conversion from a date to its first second cost ~4 % of the loop (JFR, bt4).
   */
  private final Map<LocalDate, Day> byDate;
  private final IdentityHashMap<MarketEvent, Uncross> uncrosses;
  private final List<PhaseChanged> timeline;

  private SessionTape(TreeMap<Long, Day> days, IdentityHashMap<MarketEvent, Uncross> uncrosses,
      List<PhaseChanged> timeline) {
    this.days = days;
    this.byDate = new HashMap<>();
    // A date's first second lies on that date, so this gives back each key's date.
    days.forEach((start, day) -> byDate.put(Instant.ofEpochSecond(start).atZone(StrategyContext.KST).toLocalDate(), day));
    this.uncrosses = uncrosses;
    this.timeline = timeline;
  }

  /** Reads {@code data} against {@code calendar}; one pass over the events. */
  static SessionTape of(MarketData data, MarketCalendar calendar) {
    TreeMap<Long, Day> days = new TreeMap<>();
    IdentityHashMap<MarketEvent, Uncross> uncrosses = new IdentityHashMap<>();
    List<PhaseChanged> timeline = new ArrayList<>();
    List<MarketEvent> day = new ArrayList<>();
    LocalDate date = null;
    // The zone conversion once per day, not per event (the runner's hot path is measured in bench/).
    long dayFrom = 0;
    long dayUntil = 0;
    for (MarketEvent e : data.events()) {
      if (!(e instanceof Trade) && !(e instanceof Bar)) {
        continue; // book updates and investor flows neither print nor make a day
      }
      long sec = e.time().getEpochSecond();
      if (date == null || sec < dayFrom || sec >= dayUntil) {
        read(date, day, calendar, days, uncrosses, timeline);
        day.clear();
        date = e.time().atZone(StrategyContext.KST).toLocalDate();
        dayFrom = date.atStartOfDay(StrategyContext.KST).toEpochSecond();
        dayUntil = date.plusDays(1).atStartOfDay(StrategyContext.KST).toEpochSecond();
      }
      day.add(e);
    }
    read(date, day, calendar, days, uncrosses, timeline);
    if (days.isEmpty()) {
      return NONE;
    }
    timeline.sort(Comparator.comparing(PhaseChanged::time).thenComparing(PhaseChanged::isStockLevel));
    return new SessionTape(days, uncrosses, List.copyOf(timeline));
  }

  /** How many days follow the table. */
  int days() {
    return days.size();
  }

  /** Whether no day follows the table (the run is the continuous model throughout). */
  boolean isEmpty() {
    return days.isEmpty();
  }

  /** Whether {@code t} falls on a day that follows the table. */
  boolean follows(Instant t) {
    return day(t) != null;
  }

  /** The single-price match {@code e} is, or null for a continuous print (or any print on a day that does not follow). */
  Uncross uncross(MarketEvent e) {
    return uncrosses.isEmpty() ? null : uncrosses.get(e);
  }

  /** Whether {@code e} is a closing match, which the day's close waits for (a minute bar of it ends after 15:30). */
  boolean isClosingMatch(MarketEvent e) {
    Uncross u = uncross(e);
    return u != null && u.call() == Call.CLOSING_AUCTION;
  }

  /** Every phase change of the days that follow the table, in time order. */
  List<PhaseChanged> timeline() {
    return timeline;
  }

  /** KRX's open (continuous trading starts) on a day that follows the table, for {@code SessionOpened}. */
  Optional<LocalTime> open(LocalDate date) {
    Day d = byDate.get(date);
    return d == null ? Optional.empty() : Optional.of(d.krx.session(MarketPhase.CONTINUOUS).orElseThrow().start());
  }

  /** KRX's close on a day that follows the table, for {@code SessionClosed} and the day's expiry. */
  Optional<LocalTime> close(LocalDate date) {
    Day d = byDate.get(date);
    return d == null ? Optional.empty() : Optional.of(d.close);
  }

  /**
   * When the replayed day ends on a day that follows the table: KRX's close, or on a day replayed
   * whole (its tape prints after the close) the last venue's close, when what is still open expires.
   */
  Optional<LocalTime> end(LocalDate date) {
    Day d = byDate.get(date);
    return d == null ? Optional.empty() : Optional.of(d.end);
  }

  /**
   * The phase {@code symbol}'s book on {@code venue} is in at {@code t}, on a day that follows the
   * table: the calendar's, a KRX stock's VI over it, and closed from the replayed day's end (KRX's
   * close unless the day is replayed whole).
   */
  MarketPhase phase(Venue venue, Symbol symbol, Instant t) {
    Day d = day(t);
    if (d == null) {
      throw new IllegalStateException(t + " is not on a day that follows the session table");
    }
    LocalTime local = LocalTime.ofInstant(t, StrategyContext.KST);
    if (!local.isBefore(d.end)) {
      return MarketPhase.CLOSED;
    }
    VenueDay vd = d.hours.get(venue);
    MarketPhase p = vd == null ? MarketPhase.CLOSED : vd.phaseAt(local);
    if (venue == Venue.KRX && p == MarketPhase.CONTINUOUS && d.inVi(symbol, t)) {
      return MarketPhase.VOLATILITY_INTERRUPTION;
    }
    return p;
  }

  /** When a print or bar's price was made: a trade's time, a bar's start (its open). */
  static Instant start(MarketEvent e) {
    return e instanceof Bar b ? b.start() : e.time();
  }

  private Day day(Instant t) {
    Map.Entry<Long, Day> e = days.floorEntry(t.getEpochSecond());
    return e != null && t.getEpochSecond() < e.getKey() + 86_400 ? e.getValue() : null;
  }

  // ------------------------------------------------------------------ reading one day

  private static void read(LocalDate date, List<MarketEvent> events, MarketCalendar calendar, TreeMap<Long, Day> days,
      IdentityHashMap<MarketEvent, Uncross> uncrosses, List<PhaseChanged> timeline) {
    if (date == null || events.isEmpty()) {
      return;
    }
    Optional<VenueDay> krx = calendar.hours(Venue.KRX, date);
    if (krx.isEmpty() || !followsTable(date, krx.get(), calendar.hours(Venue.NXT, date), events)) {
      return;
    }
    VenueSession open = krx.get().session(MarketPhase.PRE_OPEN).orElseThrow();
    VenueSession closing = krx.get().session(MarketPhase.CLOSING_AUCTION).orElseThrow();
    Map<Venue, VenueDay> hours = new EnumMap<>(Venue.class);
    for (Venue v : Venue.values()) {
      calendar.hours(v, date).ifPresent(h -> hours.put(v, h));
    }
    LocalTime end = closing.end();
    if (printsAfterTheClose(date, closing.end(), events)) {
      for (VenueDay h : hours.values()) {
        end = h.closes().isAfter(end) ? h.closes() : end; // each venue's own close: the day ends at the last
      }
    }
    Day day = new Day(krx.get(), hours, closing.end(), end);
    Map<Symbol, List<MarketEvent>> bySymbol = new LinkedHashMap<>();
    for (MarketEvent e : events) {
      bySymbol.computeIfAbsent(e.symbol(), s -> new ArrayList<>()).add(e);
    }
    for (List<MarketEvent> prints : bySymbol.values()) {
      readStock(date, prints, open.end(), closing, day, uncrosses, timeline);
    }
    phases(date, day, timeline);
    days.put(date.atStartOfDay(StrategyContext.KST).toEpochSecond(), day);
  }

  /**
   * Nothing trades inside KRX's calls (but NXT's pre-market, which runs into KRX's opening call),
   * and the closing match prints at the close.
   */
  private static boolean followsTable(LocalDate date, VenueDay krx, Optional<VenueDay> nxt,
      List<MarketEvent> events) {
    Optional<VenueSession> opening = krx.session(MarketPhase.PRE_OPEN);
    Optional<VenueSession> closing = krx.session(MarketPhase.CLOSING_AUCTION);
    if (opening.isEmpty() || closing.isEmpty()) {
      return false;
    }
    // Epoch seconds: one comparison per event, no zone conversion.
    long openingFrom = epoch(date, opening.get().start());
    long openingTo = epoch(date, opening.get().end());
    Optional<VenueSession> preMarket = nxt.flatMap(n -> n.session(MarketPhase.PRE_MARKET));
    if (preMarket.isPresent() && preMarket.get().end().isBefore(opening.get().end())) {
      openingFrom = Math.max(openingFrom, epoch(date, preMarket.get().end())); // NXT prints until it halts
    }
    long closingFrom = epoch(date, closing.get().start());
    long closingTo = epoch(date, closing.get().end());
    long matchTo = closingTo + MINUTE.getSeconds();
    boolean closingMatch = false;
    for (MarketEvent e : events) {
      long t;
      if (e instanceof Bar b) {
        if (!b.period().equals(Bar.MINUTE)) {
          return false;
        }
        if (b.volume() == 0) {
          continue; // a minute with no trade: silent
        }
        t = b.time().getEpochSecond() - MINUTE.getSeconds();
      } else {
        t = e.time().getEpochSecond();
      }
      if ((t >= openingFrom && t < openingTo) || (t >= closingFrom && t < closingTo)) {
        return false;
      }
      closingMatch |= t >= closingTo && t < matchTo;
    }
    return closingMatch;
  }

  /** Whether the tape prints after the closing match's minute (an after-market): the day is replayed whole. */
  private static boolean printsAfterTheClose(LocalDate date, LocalTime close, List<MarketEvent> events) {
    long from = epoch(date, close) + MINUTE.getSeconds();
    for (MarketEvent e : events) {
      if (e instanceof Bar b && b.volume() == 0) {
        continue;
      }
      if (start(e).getEpochSecond() >= from) {
        return true;
      }
    }
    return false;
  }

  private static long epoch(LocalDate d, LocalTime t) {
    return d.atTime(t).atZone(StrategyContext.KST).toEpochSecond();
  }

  /** The opening and closing matches of one stock, and its VIs. */
  private static void readStock(LocalDate date, List<MarketEvent> prints, LocalTime open, VenueSession closing,
      Day day, IdentityHashMap<MarketEvent, Uncross> uncrosses, List<PhaseChanged> timeline) {
    long reference = 0; // the static VI's: the day's last single-price result
    long last = 0;
    Instant continuousFrom = kst(date, open);
    Instant lastViEnd = continuousFrom;
    boolean opened = false;
    boolean closed = false;
    for (MarketEvent e : prints) {
      if (e instanceof Bar b && b.volume() == 0) {
        continue;
      }
      Instant at = start(e);
      LocalTime t = LocalTime.ofInstant(at, StrategyContext.KST);
      long price = e instanceof Trade tr ? tr.price() : ((Bar) e).open();
      long volume = e instanceof Trade tr ? tr.quantity() : ((Bar) e).volume();
      if (!opened && inMinuteFrom(open, t)) {
        uncrosses.put(e, new Uncross(Call.OPENING_AUCTION, price, volume));
        reference = price;
      } else if (!closed && inMinuteFrom(closing.end(), t)) {
        uncrosses.put(e, new Uncross(Call.CLOSING_AUCTION, price, volume));
        closed = true;
      } else if (!t.isBefore(open) && t.isBefore(closing.start())
          && VolatilityInterruption.triggered(reference, last, price)) {
        Instant from = max(at.minus(VolatilityInterruption.DURATION), lastViEnd);
        uncrosses.put(e, new Uncross(Call.VOLATILITY_INTERRUPTION, price, volume));
        if (from.isBefore(at)) {
          day.vis.computeIfAbsent(e.symbol(), s -> new ArrayList<>()).add(new Vi(e.symbol(), from, at));
          timeline.add(new PhaseChanged(Venue.KRX, e.symbol(), MarketPhase.VOLATILITY_INTERRUPTION, from));
          timeline.add(new PhaseChanged(Venue.KRX, e.symbol(), MarketPhase.CONTINUOUS, at));
        }
        lastViEnd = at;
        reference = price;
      }
      if (!t.isBefore(open)) {
        opened = true; // the opening match is the first print of the day's continuous market or none
      }
      if (reference == 0) {
        reference = price; // no opening match: the first print stands in for the day's base
      }
      last = e instanceof Trade tr ? tr.price() : ((Bar) e).close();
    }
  }

  /** Every venue's phase changes from its first session to the replayed day's end (KRX's close, or the whole day). */
  private static void phases(LocalDate date, Day day, List<PhaseChanged> timeline) {
    for (Venue v : BOOKS) {
      VenueDay vd = day.hours.get(v);
      if (vd == null) {
        continue;
      }
      MarketPhase was = MarketPhase.CLOSED;
      for (LocalTime c : vd.changes()) {
        MarketPhase p = c.isBefore(day.end) ? vd.phaseAt(c) : MarketPhase.CLOSED;
        if (p != was) {
          timeline.add(PhaseChanged.ofVenue(v, p, kst(date, c.isBefore(day.end) ? c : day.end)));
          was = p;
        }
        if (!c.isBefore(day.end)) {
          break;
        }
      }
    }
  }

  private static boolean inMinuteFrom(LocalTime from, LocalTime t) {
    return !t.isBefore(from) && t.isBefore(from.plus(MINUTE));
  }

  private static Instant kst(LocalDate d, LocalTime t) {
    return d.atTime(t).atZone(StrategyContext.KST).toInstant();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** One day that follows the table. */
  private static final class Day {
    final VenueDay krx;
    final Map<Venue, VenueDay> hours;
    /** KRX's close. */
    final LocalTime close;
    /** The replayed day's end: KRX's close, or the last venue's on a day replayed whole. */
    final LocalTime end;
    final Map<Symbol, List<Vi>> vis = new HashMap<>();

    Day(VenueDay krx, Map<Venue, VenueDay> hours, LocalTime close, LocalTime end) {
      this.krx = krx;
      this.hours = hours;
      this.close = close;
      this.end = end;
    }

    boolean inVi(Symbol symbol, Instant t) {
      List<Vi> l = vis.get(symbol);
      if (l == null) {
        return false;
      }
      for (Vi v : l) {
        if (!t.isBefore(v.start()) && t.isBefore(v.end())) {
          return true;
        }
      }
      return false;
    }
  }
}
