package kis.sim;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A ratio written with two decimals, rounded half up, as {@code String.format("%.2f", a * m / (double) b)}
 * writes it for the values the simulator meets, without the formatter's garbage: the realtime
 * frames carry five such fields per print.
 */
final class TwoPlaces {
  private TwoPlaces() {}

  /** {@code num * scale / den} with two decimals; a negative ratio that rounds to zero is {@code -0.00}, as the formatter has it. */
  static String of(long num, long scale, long den) {
    if (den == 0) {
      throw new IllegalArgumentException("denominator 0");
    }
    boolean negative = (num < 0) != (den < 0) && num != 0;
    long n = Math.abs(num);
    long d = Math.abs(den);
    long hundredths;
    try {
      long scaled = Math.multiplyExact(Math.multiplyExact(n, scale), 100);
      long q = scaled / d;
      long r = scaled % d;
      hundredths = r >= d - r ? q + 1 : q;
    } catch (ArithmeticException e) {
      return (negative ? "-" : "") + new BigDecimal(BigInteger.valueOf(n).multiply(BigInteger.valueOf(scale)))
          .divide(BigDecimal.valueOf(d), 2, RoundingMode.HALF_UP).toPlainString();
    }
    StringBuilder b = new StringBuilder(24);
    if (negative) {
      b.append('-');
    }
    long cents = hundredths % 100;
    return b.append(hundredths / 100).append('.').append(cents < 10 ? "0" : "").append(cents).toString();
  }
}
