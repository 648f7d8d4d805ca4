package kis.engine.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kis.journal.Symbol;
import kis.journal.event.OrderFilled;

/**
 * The statistics traders compare between backtests, computed from a run's equity curve, daily
 * closes, round trips and executions. Pure: the same inputs always give the same figures, and the
 * run itself is not touched (the report reads a finished {@link BacktestResult}).
 *
 * <p>Undefined ratios are {@link Double#NaN} rather than 0 or infinity, so a strategy with no losing
 * day does not show a Sortino of 0 and a page never shows "Infinity"; the report prints them as "–".
 *
 * @param annualReturn total return compounded to 252 trading days: {@code (final/initial)^(252/days) - 1}
 *     over the run's trading days; NaN without any
 * @param sharpe mean over sample standard deviation of daily returns, times sqrt(252), risk-free
 *     rate 0 (the same figure as {@link Summary#sharpe()}); 0 with fewer than two days or no variation
 * @param sortino mean daily return over the downside deviation {@code sqrt(mean(min(r,0)^2))}, times
 *     sqrt(252); NaN without a losing day
 * @param maxDrawdown largest fall from a running peak of the (minute-sampled) equity, a positive
 *     fraction of that peak (the same figure as {@link Summary#maxDrawdown()})
 * @param longestDrawdown the longest time equity stayed below a previous peak (initial cash counts
 *     as the first peak): from the peak to the first point back at or above it, or to the end
 * @param profitFactor gross profit over gross loss of the round trips (after costs); NaN without a loss
 * @param exposure share of the equity samples at which any position was open
 * @param tradedValue sum of quantity times price over every execution, both sides
 * @param turnover traded value over the mean sampled equity (initial cash without samples)
 */
public record BacktestStats(
    long initialCash,
    long finalEquity,
    double totalReturn,
    double annualReturn,
    int tradingDays,
    double sharpe,
    double sortino,
    double maxDrawdown,
    Duration longestDrawdown,
    int roundTrips,
    double winRate,
    double profitFactor,
    double exposure,
    long tradedValue,
    double turnover,
    int executions,
    long fees,
    long taxes) {

  static final double DAYS_PER_YEAR = 252;

  /** One execution as the statistics need it. */
  public record Execution(Instant time, Symbol symbol, long value, long fee, long tax, long positionAfter) {
    static Execution of(BacktestResult.Fill f) {
      OrderFilled e = f.event();
      return new Execution(e.recordedAt(), e.symbol(), e.quantity() * e.price(), e.fee(), e.tax(), f.positionAfter());
    }
  }

  public static BacktestStats of(BacktestResult r) {
    return of(r.config().initialCash(), r.summary().finalEquity(), r.equity(), r.daily(), r.roundTrips(),
        r.fills().stream().map(Execution::of).toList());
  }

  /**
   * @param executions in time order, as the run produced them
   */
  public static BacktestStats of(long initialCash, long finalEquity, List<BacktestResult.EquityPoint> equity,
      List<BacktestResult.DailyEquity> daily, List<BacktestResult.RoundTrip> trips, List<Execution> executions) {
    double[] r = dailyReturns(initialCash, daily);
    double totalReturn = (double) finalEquity / initialCash - 1;
    double annual = daily.isEmpty() ? Double.NaN
        : Math.pow((double) finalEquity / initialCash, DAYS_PER_YEAR / daily.size()) - 1;
    double grossProfit = 0;
    double grossLoss = 0;
    int wins = 0;
    for (BacktestResult.RoundTrip t : trips) {
      if (t.netPnl() > 0) {
        grossProfit += t.netPnl();
        wins++;
      } else {
        grossLoss -= t.netPnl();
      }
    }
    long traded = 0;
    long fees = 0;
    long taxes = 0;
    for (Execution e : executions) {
      traded += e.value();
      fees += e.fee();
      taxes += e.tax();
    }
    double meanEquity = equity.isEmpty() ? initialCash
        : equity.stream().mapToLong(BacktestResult.EquityPoint::equity).average().orElse(initialCash);
    return new BacktestStats(initialCash, finalEquity, totalReturn, annual, daily.size(), sharpe(r), sortino(r),
        maxDrawdown(initialCash, equity), longestDrawdown(initialCash, equity), trips.size(),
        trips.isEmpty() ? 0 : (double) wins / trips.size(), grossLoss == 0 ? Double.NaN : grossProfit / grossLoss,
        exposure(equity, executions), traded, traded / meanEquity, executions.size(), fees, taxes);
  }

  /** The figures the terminal summary does not show, one a line, for {@code summary.txt}. */
  public String render() {
    return String.format(java.util.Locale.ROOT,
        "  annual return %s%n  sortino       %s%n  longest dd    %.1f days%n  profit factor %s%n"
            + "  exposure      %.1f %%%n  turnover      %.2f x (%,d won traded)%n",
        HtmlText.percent(annualReturn), HtmlText.ratio(sortino), longestDrawdown.toSeconds() / 86_400.0,
        HtmlText.ratio(profitFactor), exposure * 100, turnover, tradedValue);
  }

  static double[] dailyReturns(long initialCash, List<BacktestResult.DailyEquity> daily) {
    double[] r = new double[daily.size()];
    double prev = initialCash;
    for (int i = 0; i < r.length; i++) {
      r[i] = daily.get(i).equity() / prev - 1;
      prev = daily.get(i).equity();
    }
    return r;
  }

  private static double mean(double[] r) {
    double m = 0;
    for (double x : r) {
      m += x;
    }
    return m / r.length;
  }

  static double sharpe(double[] r) {
    if (r.length < 2) {
      return 0;
    }
    double mean = mean(r);
    double ss = 0;
    for (double x : r) {
      ss += (x - mean) * (x - mean);
    }
    double sd = Math.sqrt(ss / (r.length - 1));
    return sd < 1e-12 ? 0 : mean / sd * Math.sqrt(DAYS_PER_YEAR);
  }

  static double sortino(double[] r) {
    if (r.length == 0) {
      return Double.NaN;
    }
    double down = 0;
    for (double x : r) {
      down += x < 0 ? x * x : 0;
    }
    double dd = Math.sqrt(down / r.length);
    return dd < 1e-12 ? Double.NaN : mean(r) / dd * Math.sqrt(DAYS_PER_YEAR);
  }

  static double maxDrawdown(long initialCash, List<BacktestResult.EquityPoint> equity) {
    double peak = initialCash;
    double max = 0;
    for (BacktestResult.EquityPoint p : equity) {
      peak = Math.max(peak, p.equity());
      max = Math.max(max, (peak - p.equity()) / peak);
    }
    return max;
  }

  static Duration longestDrawdown(long initialCash, List<BacktestResult.EquityPoint> equity) {
    if (equity.isEmpty()) {
      return Duration.ZERO;
    }
    long peak = initialCash;
    Instant peakAt = equity.get(0).time();
    Duration longest = Duration.ZERO;
    for (BacktestResult.EquityPoint p : equity) {
      if (p.equity() >= peak) {
        Duration spell = Duration.between(peakAt, p.time());
        longest = spell.compareTo(longest) > 0 ? spell : longest;
        peak = p.equity();
        peakAt = p.time();
      }
    }
    BacktestResult.EquityPoint last = equity.get(equity.size() - 1);
    if (last.equity() < peak) {
      Duration open = Duration.between(peakAt, last.time());
      longest = open.compareTo(longest) > 0 ? open : longest;
    }
    return longest;
  }

  /** Executions at or before a sample's time count as done by then. */
  static double exposure(List<BacktestResult.EquityPoint> equity, List<Execution> executions) {
    if (equity.isEmpty()) {
      return 0;
    }
    Map<Symbol, Long> position = new HashMap<>();
    int open = 0;
    int next = 0;
    int held = 0;
    for (BacktestResult.EquityPoint p : equity) {
      while (next < executions.size() && !executions.get(next).time().isAfter(p.time())) {
        Execution e = executions.get(next++);
        long before = position.getOrDefault(e.symbol(), 0L);
        position.put(e.symbol(), e.positionAfter());
        open += (e.positionAfter() != 0 ? 1 : 0) - (before != 0 ? 1 : 0);
      }
      held += open > 0 ? 1 : 0;
    }
    return (double) held / equity.size();
  }
}
