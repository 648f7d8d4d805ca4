package kis.engine.backtest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kis.journal.Symbol;
import kis.journal.calendar.MarketCalendar;
import kis.strategies.StrategyContext;
import kis.strategies.event.Bar;
import kis.strategies.event.InvestorFlow;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.OrderBookUpdate;
import kis.strategies.event.Trade;

/**
 * Historical market data in replay order: by time, then trades, book, bars and flows, then symbol.
 * Immutable, so parallel sweep runs share one instance.
 */
public final class MarketData {
  private static final Comparator<MarketEvent> ORDER = Comparator.comparing(MarketEvent::time)
      .thenComparingInt(MarketData::rank)
      .thenComparing(MarketEvent::symbol);

  private final List<MarketEvent> events;
  // Worked out on first use and kept: every backtest run over the data asks for both, and a sweep
  // runs many over one instance. Immutable values, so a race only computes them twice.
  private volatile List<LocalDate> tradingDates;
  private volatile Set<Symbol> symbols;
  private volatile SessionTape sessionTape;
  private volatile Set<Symbol> symbolsWithTradesOnly;

  private MarketData(List<MarketEvent> sorted) {
    this.events = List.copyOf(sorted);
  }

  public static MarketData of(Collection<? extends MarketEvent> events) {
    List<MarketEvent> l = new ArrayList<>(events);
    l.sort(ORDER); // stable: equal keys keep the source's order
    return new MarketData(l);
  }

  /**
   * Events in the order a live feed delivered them (a recording's replay), not re-sorted: prints of
   * two stocks in one second keep their arrival order, which a sort by time and symbol would change,
   * and with it the order of the strategy's decisions. The times are the exchange's, as live hands
   * them to the strategy; across feeds they may step back by a second, which the run takes as it comes.
   */
  public static MarketData inArrivalOrder(List<? extends MarketEvent> events) {
    return new MarketData(new ArrayList<>(events));
  }

  public static MarketData merge(List<MarketData> parts) {
    List<MarketEvent> all = new ArrayList<>();
    parts.forEach(p -> all.addAll(p.events));
    return of(all);
  }

  public List<MarketEvent> events() {
    return events;
  }

  public int size() {
    return events.size();
  }

  public boolean isEmpty() {
    return events.isEmpty();
  }

  /** Days with trading data (trades, book or bars); investor flows alone do not make a trading day. */
  public List<LocalDate> tradingDates() {
    List<LocalDate> known = tradingDates;
    if (known == null) {
      known = findTradingDates();
      tradingDates = known;
    }
    return known;
  }

  private List<LocalDate> findTradingDates() {
    Set<LocalDate> dates = new TreeSet<>();
    // The time-zone conversion is done once per day, not per event: an event inside the last
    // converted day's [start, next start) belongs to that day.
    long dayFrom = 0;
    long dayUntil = 0;
    for (MarketEvent e : events) {
      if (!(e instanceof InvestorFlow)) {
        long sec = e.time().getEpochSecond();
        if (sec >= dayFrom && sec < dayUntil) {
          continue;
        }
        LocalDate d = e.time().atZone(StrategyContext.KST).toLocalDate();
        dates.add(d);
        dayFrom = d.atStartOfDay(StrategyContext.KST).toEpochSecond();
        dayUntil = d.plusDays(1).atStartOfDay(StrategyContext.KST).toEpochSecond();
      }
    }
    return List.copyOf(dates);
  }

  /**
   * What the data says about each day's sessions against the shipped calendar ({@link SessionTape}):
   * worked out on first use and kept, as the trading dates, so a sweep's runs read it once.
   */
  SessionTape sessionTape() {
    SessionTape known = sessionTape;
    if (known == null) {
      known = SessionTape.of(this, MarketCalendar.defaults());
      sessionTape = known;
    }
    return known;
  }

  public Set<Symbol> symbols() {
    Set<Symbol> known = symbols;
    if (known == null) {
      Set<Symbol> s = new TreeSet<>();
      events.forEach(e -> s.add(e.symbol()));
      known = Collections.unmodifiableSet(s);
      symbols = known;
    }
    return known;
  }

  /**
   * The symbols with trades but no one-minute bars in the data: those a bar strategy's bars are
   * built for from the trades.
   */
  public Set<Symbol> symbolsWithTradesOnly() {
    // Kept as the dates: a bar strategy's run asks before it starts, and the scan reads every event.
    Set<Symbol> known = symbolsWithTradesOnly;
    if (known == null) {
      known = findSymbolsWithTradesOnly();
      symbolsWithTradesOnly = known;
    }
    return known;
  }

  private Set<Symbol> findSymbolsWithTradesOnly() {
    Set<Symbol> trades = new TreeSet<>();
    Set<Symbol> bars = new TreeSet<>();
    for (MarketEvent e : events) {
      if (e instanceof Trade t) {
        trades.add(t.symbol());
      } else if (e instanceof Bar b && b.period().equals(Bar.MINUTE)) {
        bars.add(b.symbol());
      }
    }
    trades.removeAll(bars);
    return Collections.unmodifiableSet(trades);
  }

  /** Only the events for {@code symbols}. */
  public MarketData only(Set<Symbol> symbols) {
    if (symbols.containsAll(symbols())) {
      return this; // every backtest run asks; the data was usually chosen for the strategy
    }
    List<MarketEvent> kept = new ArrayList<>();
    for (MarketEvent e : events) {
      if (symbols.contains(e.symbol())) {
        kept.add(e);
      }
    }
    return new MarketData(kept);
  }

  public Instant start() {
    return events.isEmpty() ? null : events.get(0).time();
  }

  private static int rank(MarketEvent e) {
    if (e instanceof Trade) {
      return 0;
    } else if (e instanceof OrderBookUpdate) {
      return 1;
    } else if (e instanceof Bar) {
      return 2;
    }
    return 3;
  }
}
