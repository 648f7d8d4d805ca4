package kis.strategies.builtin;

import java.util.Locale;

/**
 * {@code String.format(Locale.ROOT, "%.Nf", v)} for the numbers in the built-in strategies' order
 * reasons, without a {@link java.util.Formatter} per call: a backtest formats one reason per order,
 * and the formatter (its locale symbols, the pattern parse, the decimal conversion) cost more than
 * the rest of the strategy. The text is the formatter's, character for character: the formatter
 * rounds half up from a decimal that reads back as {@code v}, which lies within half an ulp of it;
 * so values whose scaled fraction lies within a few ulps of one half (where that decimal and the
 * binary value could round apart), and values too large for the arithmetic below, are left to the
 * formatter itself.
 */
final class FixedPoint {
  private static final long[] SCALE = {1, 10, 100, 1_000};
  private static final double EXACT_BELOW = 1L << 50; // scaled values below this keep ulp <= 1/4

  private FixedPoint() {}

  /** {@code v} with {@code places} (0 to 3) decimals, as {@code %.<places>f} in {@link Locale#ROOT}. */
  static String format(double v, int places) {
    return append(new StringBuilder(16), v, places).toString();
  }

  /** {@link #format}'s text appended to {@code sb}: a reason is built in one builder, not from pieces. */
  static StringBuilder append(StringBuilder sb, double v, int places) {
    long scale = SCALE[places];
    double scaled = Math.abs(v) * scale;
    if (!(scaled < EXACT_BELOW)) { // also NaN and infinities
      return sb.append(slow(v, places));
    }
    long whole = (long) scaled;
    double frac = scaled - whole; // exact: whole is scaled's integer part
    // The formatter's decimal and the product above each lie within an ulp or so of |v| * scale.
    if (Math.abs(frac - 0.5) <= 4 * Math.ulp(scaled)) {
      return sb.append(slow(v, places));
    }
    long rounded = frac > 0.5 ? whole + 1 : whole;
    if (Double.compare(v, 0.0) < 0) { // the formatter keeps the sign of -0.0 and of what rounds to 0
      sb.append('-');
    }
    sb.append(rounded / scale);
    if (places > 0) {
      String f = Long.toString(rounded % scale);
      sb.append('.');
      for (int i = f.length(); i < places; i++) {
        sb.append('0');
      }
      sb.append(f);
    }
    return sb;
  }

  private static String slow(double v, int places) {
    return String.format(Locale.ROOT, "%." + places + "f", v);
  }
}
