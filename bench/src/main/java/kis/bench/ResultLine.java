package kis.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine-readable figures of a program: one {@code RESULT key=value key=value ...} line (plain
 * numbers, ns / ms / s / ev/s as the key says), which {@link RunAll} reads into {@link Targets}. The
 * {@link Row} lines beside it are for people.
 */
final class ResultLine {
  static final String PREFIX = "RESULT ";

  private ResultLine() {}

  /** Prints {@code key, value, key, value, ...} as one line. */
  static void print(Object... keyValues) {
    StringBuilder sb = new StringBuilder(PREFIX.trim());
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      Object v = keyValues[i + 1];
      String text = v instanceof Double d ? String.format(Locale.ROOT, "%.6f", d) : String.valueOf(v);
      sb.append(' ').append(keyValues[i]).append('=').append(text);
    }
    System.out.println(sb);
  }

  /** Every {@code key=value} of the RESULT lines; a later line wins; a value that is not a number is skipped. */
  static Targets.Results parse(List<String> lines) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String line : lines) {
      if (!line.startsWith(PREFIX)) {
        continue;
      }
      for (String pair : line.substring(PREFIX.length()).trim().split("\\s+")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        try {
          values.put(pair.substring(0, eq), Double.parseDouble(pair.substring(eq + 1)));
        } catch (NumberFormatException e) {
          // not a figure (a stray word): absent, so the row says NO FIGURE rather than a guess
        }
      }
    }
    return new Targets.Results(values);
  }
}
