package kis.sim;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kis.journal.KrxTick;
import kis.journal.Venue;
import kis.journal.calendar.MarketCalendar;
import kis.journal.calendar.MarketPhase;
import kis.journal.calendar.VenueDay;
import kis.journal.calendar.VenueSession;

/**
 * One-minute bars of a past day (inquire-time-dailychartprice), drawn from that day's daily bar:
 * a seeded bridge from its open to its close that touches its high and low, one bar per minute of
 * the book's continuous sessions that day (KRX 09:00–15:19 and the closing match at 15:30; NXT
 * also its pre- and after-market), the day's volume spread over them. The same stock, day and
 * book always give the same bars, and they agree with inquire-daily-itemchartprice's bar.
 */
final class PastMinuteBars {
  /** A minute bar: {@code hhmm} and prices, volume, value. */
  record Bar(String hhmm, long open, long high, long low, long close, long volume, long value) {}

  private PastMinuteBars() {}

  static List<Bar> of(Instrument.Bar day, LocalDate date, Venue book, String code, MarketCalendar calendar) {
    List<LocalTime> minutes = minutes(book, date, calendar);
    List<Bar> out = new ArrayList<>();
    int n = minutes.size();
    if (n == 0) {
      return out;
    }
    Random r = new Random(code.hashCode() * 1_000_003L + date.toEpochDay() * 31 + book.ordinal());
    double[] walk = new double[n + 1];
    for (int i = 1; i <= n; i++) {
      walk[i] = walk[i - 1] + r.nextGaussian();
    }
    double spread = Math.max(1, day.high - day.low);
    double[] px = new double[n];
    for (int i = 0; i < n; i++) {
      double t = (i + 1) / (double) n;
      double bridge = walk[i + 1] - t * walk[n];
      px[i] = day.open + (day.close - day.open) * t + bridge * spread / (2 * Math.sqrt(n));
    }
    int hiAt = r.nextInt(n);
    int loAt = r.nextInt(n);
    double[] weight = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      weight[i] = -Math.log(1 - r.nextDouble());
      total += weight[i];
    }
    long prev = day.open;
    long volLeft = day.volume;
    for (int i = 0; i < n; i++) {
      long close = i == n - 1 ? day.close : clamp(KrxTick.roundDown(Math.max(1, Math.round(px[i]))), day);
      long high = Math.max(prev, close);
      long low = Math.min(prev, close);
      if (i == hiAt) {
        high = day.high;
      }
      if (i == loAt) {
        low = day.low;
      }
      long vol = i == n - 1 ? volLeft : Math.min(volLeft, Math.round(day.volume * weight[i] / total));
      volLeft -= vol;
      out.add(new Bar(String.format("%02d%02d", minutes.get(i).getHour(), minutes.get(i).getMinute()), prev, high,
          low, close, vol, vol * close));
      prev = close;
    }
    return out;
  }

  private static long clamp(long p, Instrument.Bar day) {
    return Math.max(day.low, Math.min(day.high, p));
  }

  /** The minutes a book traded continuously that day (plus KRX's closing match), in order. */
  static List<LocalTime> minutes(Venue book, LocalDate date, MarketCalendar calendar) {
    List<LocalTime> out = new ArrayList<>();
    VenueDay day = calendar.hours(book == Venue.NXT ? Venue.NXT : Venue.KRX, date).orElse(null);
    if (day == null) {
      return out;
    }
    for (VenueSession s : day.sessions()) {
      boolean take = book == Venue.NXT ? s.phase().matchesContinuously() : s.phase() == MarketPhase.CONTINUOUS;
      if (take) {
        for (LocalTime t = s.start(); t.isBefore(s.end()); t = t.plusMinutes(1)) {
          out.add(t);
        }
      }
      if (book != Venue.NXT && s.phase() == MarketPhase.CLOSING_AUCTION) {
        out.add(s.end());
      }
    }
    out.sort(null);
    return out;
  }
}
