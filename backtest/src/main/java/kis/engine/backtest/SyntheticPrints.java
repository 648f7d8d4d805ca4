package kis.engine.backtest;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kis.journal.KrxTick;
import kis.journal.PriceLimits;
import kis.journal.Symbol;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.Trade;

/**
 * A deterministic tick-by-tick market for tests: trade prints only (no bars), one a second from a
 * start time, each for a symbol drawn at random, whose price is a random walk on the KRX tick grid,
 * pulled back towards its start price, inside the ±30 % limits of that price. The same spec gives the same prints on every JVM
 * ({@link Random} is specified exactly), so a backtest and a live run on kis-sim can be fed the
 * same path.
 */
public final class SyntheticPrints {

  /**
   * @param start the KST time of the first print; keep the whole path inside one session
   * @param startPrices on the tick grid; also the base of each symbol's price limits
   * @param maxStepTicks the most a print moves from the symbol's previous one, in ticks
   * @param maxQuantity prints are 1..maxQuantity shares, uniformly
   * @param reversion the share of the distance (in ticks) to the start price a print makes back
   *     on top of its random step, 0..1: 0 is a plain random walk, which tends to wander off
   */
  public record Spec(long seed, LocalDateTime start, int prints, Map<Symbol, Long> startPrices, int maxStepTicks,
      long maxQuantity, double reversion) {
    public Spec {
      if (prints < 1 || startPrices.isEmpty() || maxStepTicks < 0 || maxQuantity < 1
          || !(reversion >= 0 && reversion <= 1)) {
        throw new IllegalArgumentException("synthetic prints need a count, symbols, a step and a quantity");
      }
      startPrices.values().forEach(p -> {
        if (!KrxTick.isOnGrid(p)) {
          throw new IllegalArgumentException("start price off the tick grid: " + p);
        }
      });
      startPrices = new LinkedHashMap<>(startPrices);
    }
  }

  private SyntheticPrints() {}

  public static MarketData generate(Spec spec) {
    Random rnd = new Random(spec.seed());
    List<Symbol> symbols = new ArrayList<>(spec.startPrices().keySet());
    symbols.sort(Comparator.comparing(Symbol::code)); // whatever map the caller built
    Map<Symbol, Long> price = new HashMap<>(spec.startPrices());
    Map<Symbol, Long> volume = new HashMap<>();
    List<MarketEvent> out = new ArrayList<>(spec.prints());
    for (int i = 0; i < spec.prints(); i++) {
      Symbol s = symbols.get(rnd.nextInt(symbols.size()));
      long start = spec.startPrices().get(s);
      long away = (price.get(s) - start) / KrxTick.tickSize(start);
      int steps = rnd.nextInt(2 * spec.maxStepTicks() + 1) - spec.maxStepTicks()
          - (int) Math.round(away * spec.reversion());
      PriceLimits limits = PriceLimits.forBase(start);
      long p = Math.max(limits.lower(), Math.min(limits.upper(), KrxTick.step(price.get(s), steps)));
      long qty = 1 + (long) rnd.nextInt((int) Math.min(Integer.MAX_VALUE, spec.maxQuantity()));
      long cumulative = volume.merge(s, qty, Long::sum);
      price.put(s, p);
      out.add(new Trade(s, CsvMarketData.kst(spec.start().plusSeconds(i)), p, qty, cumulative));
    }
    return MarketData.of(out);
  }
}
