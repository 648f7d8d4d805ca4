package kis.bench;

import java.util.Arrays;

/**
 * Median, nearest-rank percentiles and extremes of a few samples (a crash loop's restarts): the
 * median of an even count is the mean of the two middle values, so ten restarts are not judged on
 * either one of them alone.
 */
record Spread(int count, double median, double p90, double min, double max) {

  static Spread of(long[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    long[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    return new Spread(n, median, nearestRank(s, 0.90), s[0], s[n - 1]);
  }

  /** The smallest sample with at least {@code p} of the samples at or below it. */
  static double nearestRank(long[] sorted, double p) {
    return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
  }
}
