package kis.engine.backtest;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kis.journal.KrxTick;
import kis.journal.PriceLimits;
import kis.journal.Symbol;
import kis.strategies.event.Bar;
import kis.strategies.event.InvestorFlow;
import kis.strategies.event.MarketEvent;

/**
 * A deterministic synthetic market for tests and demos: one-minute bars 09:01-15:30 on weekdays,
 * on the KRX tick grid and inside the daily price limits, plus a daily investor-flow report per
 * symbol. The same spec gives the same data on every JVM ({@link Random} is specified exactly).
 *
 * <p>Each symbol's log price is a shared market factor plus its own mean-reverting
 * (Ornstein-Uhlenbeck) deviation, so any two symbols form a mean-reverting spread (what the pair
 * strategy trades). Volume is log-normal with rare spikes that come with a price jump (what the
 * volume trigger looks for); foreign net buying is an AR(1) series that leads the next day's drift.
 */
public final class SyntheticMarket {
  static final int BARS_PER_DAY = 390;

  /**
   * @param minuteVolatility standard deviation of the market factor per minute (0.001 = 0.1 %)
   * @param baseVolume the typical shares traded per minute
   */
  public record Spec(long seed, LocalDate start, int days, Map<Symbol, Long> startPrices, double minuteVolatility,
      long baseVolume) {
    public Spec {
      if (days < 1 || startPrices.isEmpty() || minuteVolatility < 0 || baseVolume < 1) {
        throw new IllegalArgumentException("synthetic market needs days, symbols, volatility and volume");
      }
      startPrices = new LinkedHashMap<>(startPrices);
    }

    /** Samsung Electronics common and preferred, 20 trading days from 2026-03-02. */
    public static Spec samsung(long seed, int days) {
      Map<Symbol, Long> prices = new LinkedHashMap<>();
      prices.put(Symbol.of("005930"), 70_000L);
      prices.put(Symbol.of("005935"), 57_000L);
      return new Spec(seed, LocalDate.of(2026, 3, 2), days, prices, 0.0008, 20_000);
    }
  }

  private SyntheticMarket() {}

  public static MarketData generate(Spec spec) {
    Random rnd = new Random(spec.seed());
    List<Symbol> symbols = new ArrayList<>(spec.startPrices().keySet());
    int n = symbols.size();
    double[] logBase = new double[n];
    double[] deviation = new double[n];
    double[] flow = new double[n];
    long[] close = new long[n];
    for (int i = 0; i < n; i++) {
      close[i] = spec.startPrices().get(symbols.get(i));
      logBase[i] = Math.log(close[i]);
    }
    double factor = 0;
    List<MarketEvent> out = new ArrayList<>(spec.days() * BARS_PER_DAY * n + spec.days() * n);
    LocalDate day = spec.start();
    for (int d = 0; d < spec.days(); d++) {
      while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
        day = day.plusDays(1);
      }
      PriceLimits[] limits = new PriceLimits[n];
      double[] drift = new double[n];
      for (int i = 0; i < n; i++) {
        limits[i] = PriceLimits.forBase(close[i]);
        drift[i] = flow[i] * spec.minuteVolatility() * 0.05; // yesterday's foreign buying leads today
      }
      for (int m = 0; m < BARS_PER_DAY; m++) {
        factor += spec.minuteVolatility() * rnd.nextGaussian();
        boolean spike = rnd.nextDouble() < 0.004;
        LocalTime end = LocalTime.of(9, 1).plusMinutes(m);
        for (int i = 0; i < n; i++) {
          deviation[i] = deviation[i] * 0.995 + spec.minuteVolatility() * 0.5 * rnd.nextGaussian();
          logBase[i] += drift[i];
          double jump = spike ? spec.minuteVolatility() * 6 : 0;
          logBase[i] += jump;
          long open = close[i];
          long px = clamp(Math.round(Math.exp(logBase[i] + factor + deviation[i])), limits[i]);
          long wiggle = KrxTick.tickSize(px) * (1 + rnd.nextInt(3));
          long high = clamp(Math.max(open, px) + (rnd.nextBoolean() ? wiggle : 0), limits[i]);
          long low = clamp(Math.min(open, px) - (rnd.nextBoolean() ? wiggle : 0), limits[i]);
          double v = spec.baseVolume() * Math.exp(0.5 * rnd.nextGaussian()) * (spike ? 6 + 4 * rnd.nextDouble() : 1);
          out.add(new Bar(symbols.get(i), CsvMarketData.kst(day.atTime(end)), Bar.MINUTE, open, high, low, px,
              Math.max(1, Math.round(v))));
          close[i] = px;
        }
      }
      for (int i = 0; i < n; i++) {
        flow[i] = 0.6 * flow[i] + rnd.nextGaussian();
        long foreign = Math.round(flow[i] * spec.baseVolume() * 5);
        long institution = Math.round(rnd.nextGaussian() * spec.baseVolume() * 3);
        out.add(new InvestorFlow(symbols.get(i), CsvMarketData.kst(day.atTime(CsvMarketData.FLOW_TIME)), day,
            foreign, institution, -foreign - institution));
      }
      day = day.plusDays(1);
    }
    return MarketData.of(out);
  }

  private static long clamp(long price, PriceLimits limits) {
    long p = KrxTick.roundDown(Math.max(1, price));
    return Math.max(limits.lower(), Math.min(limits.upper(), p));
  }
}
