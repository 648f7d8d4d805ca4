package kis.engine.backtest;

import java.util.List;

/**
 * The headline figures of a backtest.
 *
 * @param totalReturn final equity over initial cash, minus one
 * @param maxDrawdown largest fall from a running equity peak, as a fraction of that peak (positive)
 * @param sharpe mean over standard deviation of daily returns, times sqrt(252); 0 with fewer than
 *     two days or no variation
 * @param trades completed round trips (flat to flat)
 * @param winRate share of round trips with positive net P&amp;L (0 when there were none)
 */
public record Summary(
    long initialCash,
    long finalEquity,
    double totalReturn,
    double maxDrawdown,
    double sharpe,
    int trades,
    double winRate,
    int fills,
    long fees,
    long taxes,
    long netRealizedPnl) {

  static Summary of(long initialCash, long finalEquity, List<BacktestResult.EquityPoint> equity,
      List<BacktestResult.DailyEquity> daily, List<BacktestResult.RoundTrip> trips, int fills, long fees, long taxes,
      long netRealized) {
    double peak = initialCash;
    double maxDd = 0;
    for (BacktestResult.EquityPoint p : equity) {
      peak = Math.max(peak, p.equity());
      maxDd = Math.max(maxDd, (peak - p.equity()) / peak);
    }
    return of(initialCash, finalEquity, maxDd, daily, trips, fills, fees, taxes, netRealized);
  }

  /** The same, with the equity curve's largest drawdown already worked out (as the pass above does). */
  static Summary of(long initialCash, long finalEquity, double maxDd, List<BacktestResult.DailyEquity> daily,
      List<BacktestResult.RoundTrip> trips, int fills, long fees, long taxes, long netRealized) {
    double sharpe = 0;
    if (daily.size() >= 2) {
      double[] r = new double[daily.size()];
      double prev = initialCash;
      for (int i = 0; i < r.length; i++) {
        r[i] = daily.get(i).equity() / prev - 1;
        prev = daily.get(i).equity();
      }
      double mean = 0;
      for (double x : r) {
        mean += x;
      }
      mean /= r.length;
      double ss = 0;
      for (double x : r) {
        ss += (x - mean) * (x - mean);
      }
      double sd = Math.sqrt(ss / (r.length - 1));
      sharpe = sd < 1e-12 ? 0 : mean / sd * Math.sqrt(252);
    }
    long wins = trips.stream().filter(t -> t.netPnl() > 0).count();
    return new Summary(initialCash, finalEquity, (double) finalEquity / initialCash - 1, maxDd, sharpe, trips.size(),
        trips.isEmpty() ? 0 : (double) wins / trips.size(), fills, fees, taxes, netRealized);
  }

  /** The terminal summary, one figure a line. */
  public String render() {
    return String.format(java.util.Locale.ROOT,
        "  return        %+.2f %%  (%,d -> %,d won)%n"
            + "  max drawdown  %.2f %%%n"
            + "  sharpe        %.2f%n"
            + "  trades        %d round trips, %d fills%n"
            + "  win rate      %.1f %%%n"
            + "  fees          %,d won%n"
            + "  tax           %,d won%n"
            + "  net realized  %,d won%n",
        totalReturn * 100, initialCash, finalEquity, maxDrawdown * 100, sharpe, trades, fills, winRate * 100, fees,
        taxes, netRealizedPnl);
  }
}
