package kis.actors.agent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kis.journal.risk.MarketFacts;
import kis.journal.risk.SymbolFacts;
import kis.journal.Symbol;
import kis.strategies.event.Bar;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.Trade;

/**
 * The prices a strategy host has seen, turned into the risk guard's {@link MarketFacts}: the last
 * price of each symbol, and its band's base. A host fed by the engine takes the base only from KIS
 * (기준가, {@link EngineFacts#baseFor}); one that is not (tests, offline runs) takes the day's first
 * trade instead. Host actor only.
 */
final class MarketPrices {
  private final ZoneId zone;
  private final Map<Symbol, Long> last = new HashMap<>();
  /** The day's first trade per symbol: the base price of a host the engine does not feed. */
  private final Map<Symbol, Long> first = new HashMap<>();
  private LocalDate firstDay;
  private Instant lastPrint;

  MarketPrices(ZoneId zone) {
    this.zone = zone;
  }

  /** A market event arrived at {@code now}. */
  void note(MarketEvent e, Instant now) {
    if (e instanceof Trade) {
      lastPrint = now;
    }
    long price = e instanceof Trade t ? t.price() : e instanceof Bar b ? b.close() : 0;
    if (price <= 0) {
      return;
    }
    LocalDate day = e.time().atZone(zone).toLocalDate();
    if (!day.equals(firstDay)) {
      firstDay = day;
      first.clear();
    }
    last.put(e.symbol(), price);
    first.putIfAbsent(e.symbol(), price);
  }

  /** When the host last received a print. */
  Optional<Instant> lastPrint() {
    return Optional.ofNullable(lastPrint);
  }

  /** The facts for a decision on {@code today}. */
  MarketFacts facts(EngineFacts engine, LocalDate today) {
    Map<Symbol, SymbolFacts> market = new HashMap<>();
    if (engine.fed) {
      // The band comes from KIS's 기준가 only; a symbol without one today has no band (denied).
      engine.base.keySet().forEach(sym -> engine.baseFor(sym, today).ifPresent(base ->
          market.put(sym, SymbolFacts.of(last.getOrDefault(sym, base), base))));
    } else {
      last.forEach((sym, price) -> market.put(sym, SymbolFacts.of(price, first.getOrDefault(sym, price))));
    }
    return MarketFacts.of(market);
  }
}
