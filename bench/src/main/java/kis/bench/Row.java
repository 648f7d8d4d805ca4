package kis.bench;

import java.util.List;

/**
 * One line of the figures table. Each program prints its rows as {@code ROW|...} lines so
 * {@code run-all.sh} can collect them from several JVMs into one table.
 *
 * @param met "yes", "NO", or "n/a" for informational rows without a target
 */
public record Row(String figure, String measured, String baseline, String ratio, String target, String met) {

  static final String PREFIX = "ROW|";

  public String line() {
    return PREFIX + String.join("|", figure, measured, baseline, ratio, target, met);
  }

  public static void print(List<Row> rows) {
    for (Row r : rows) {
      System.out.println(r.line());
    }
  }

  static String yesNo(boolean met) {
    return met ? "yes" : "NO";
  }
}
