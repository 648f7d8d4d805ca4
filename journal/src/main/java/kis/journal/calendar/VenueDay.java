package kis.journal.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import kis.journal.Venue;

/**
 * Every session of one venue on one trading day, in start order. Sessions may overlap (KRX's
 * opening auction and its pre-open closing-price trades both run 08:30–08:40); {@link #phaseAt}
 * then answers the one that matters more to an order ({@link #precedence}), {@link #phasesAt} all.
 */
public record VenueDay(Venue venue, LocalDate date, List<VenueSession> sessions) {
  public VenueDay {
    List<VenueSession> sorted = new ArrayList<>(sessions);
    sorted.sort(Comparator.comparing(VenueSession::start).thenComparing(s -> precedence(s.phase())));
    sessions = List.copyOf(sorted);
    if (sessions.isEmpty()) {
      throw new IllegalArgumentException(venue + " trades on " + date + " with no session");
    }
  }

  /**
   * Lower first: continuous trading on either book, then the pre- and after-markets, the auctions,
   * the single-price and closing-price trades, and a halt last. Used for overlapping sessions of
   * one venue and for SOR, whose day is the union of KRX's and NXT's.
   */
  static int precedence(MarketPhase p) {
    switch (p) {
      case CONTINUOUS:
        return 0;
      case PRE_MARKET:
      case AFTER_MARKET:
        return 1;
      case VOLATILITY_INTERRUPTION:
      case PRE_OPEN:
      case CLOSING_AUCTION:
        return 2;
      case AFTER_HOURS_SINGLE_PRICE:
        return 3;
      case PRE_OPEN_CLOSING_PRICE:
      case POST_CLOSE_CLOSING_PRICE:
        return 4;
      case HALTED:
        return 5;
      default:
        return 6;
    }
  }

  /** The phase at {@code t}: the session of highest precedence running then, else {@link MarketPhase#CLOSED}. */
  public MarketPhase phaseAt(LocalTime t) {
    MarketPhase best = MarketPhase.CLOSED;
    for (VenueSession s : sessions) {
      if (s.contains(t) && precedence(s.phase()) < precedence(best)) {
        best = s.phase();
      }
    }
    return best;
  }

  /** Every phase running at {@code t} (empty when the venue is closed then). */
  public List<MarketPhase> phasesAt(LocalTime t) {
    List<MarketPhase> out = new ArrayList<>();
    for (VenueSession s : sessions) {
      if (s.contains(t)) {
        out.add(s.phase());
      }
    }
    return out;
  }

  /** The first session of {@code phase} that day, if the venue has one. */
  public Optional<VenueSession> session(MarketPhase phase) {
    return sessions.stream().filter(s -> s.phase() == phase).findFirst();
  }

  /** When the venue's first session starts. */
  public LocalTime opens() {
    return sessions.get(0).start();
  }

  /** When the venue's last session ends (its orders cannot outlive it). */
  public LocalTime closes() {
    return sessions.stream().map(VenueSession::end).max(Comparator.naturalOrder()).orElseThrow();
  }

  /** Every instant of the day at which some session starts or ends, in order. */
  public List<LocalTime> changes() {
    TreeSet<LocalTime> t = new TreeSet<>();
    for (VenueSession s : sessions) {
      t.add(s.start());
      t.add(s.end());
    }
    return List.copyOf(t);
  }

  /** The union of two venues' days as one routed venue (SOR) sees it: at each moment the better phase. */
  static VenueDay union(Venue venue, LocalDate date, List<VenueDay> books) {
    TreeSet<LocalTime> cuts = new TreeSet<>();
    books.forEach(b -> cuts.addAll(b.changes()));
    List<VenueSession> out = new ArrayList<>();
    LocalTime prev = null;
    for (LocalTime cut : cuts) {
      if (prev != null) {
        MarketPhase best = MarketPhase.CLOSED;
        for (VenueDay b : books) {
          MarketPhase p = b.phaseAt(prev);
          if (precedence(p) < precedence(best)) {
            best = p;
          }
        }
        if (best != MarketPhase.CLOSED) {
          VenueSession last = out.isEmpty() ? null : out.get(out.size() - 1);
          if (last != null && last.phase() == best && last.end().equals(prev)) {
            out.set(out.size() - 1, new VenueSession(best, last.start(), cut));
          } else {
            out.add(new VenueSession(best, prev, cut));
          }
        }
      }
      prev = cut;
    }
    return new VenueDay(venue, date, out);
  }
}
