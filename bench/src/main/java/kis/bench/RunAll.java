package kis.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@code run-all.sh} collected from the programs' JVMs on standard input and prints the
 * programs' detail rows ({@code ROW|}: figure, measured, baseline, ratio), then issue 17's summary
 * judged by {@link Targets} on the {@code RESULT} lines, with the load average and core count.
 */
public final class RunAll {
  private RunAll() {}

  public static void main(String[] args) throws Exception {
    List<String> lines = new ArrayList<>();
    var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
        java.nio.charset.StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lines.add(line);
    }
    List<String[]> details = new ArrayList<>();
    details.add(new String[] {"detail (each program's rows)", "measured", "baseline", "ratio"});
    for (String line : lines) {
      if (line.startsWith(Row.PREFIX)) {
        String[] r = line.substring(Row.PREFIX.length()).split("\\|", -1);
        // The programs' own target columns predate issue 17's table; the summary below judges.
        details.add(new String[] {r[0], r[1], r[2], r[3]});
      }
    }
    System.out.print(table(details));
    System.out.println();
    Targets.Results results = ResultLine.parse(lines);
    List<String[]> summary = new ArrayList<>();
    summary.add(new String[] {"issue 17 figure", "measured", "baseline (same run)", "ratio", "target", "verdict"});
    for (Targets.Verdict v : Targets.judge(results)) {
      summary.add(v.cells());
    }
    System.out.print(table(summary));
    System.out.println(Targets.load(results));
  }

  /** A markdown table, columns padded to their widest cell. */
  static String table(List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] w = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < rows.size(); k++) {
      String[] r = rows.get(k);
      sb.append('|');
      for (int i = 0; i < cols; i++) {
        sb.append(' ').append(String.format("%-" + w[i] + "s", r[i])).append(" |");
      }
      sb.append('\n');
      if (k == 0) {
        sb.append('|');
        for (int i = 0; i < cols; i++) {
          sb.append("-".repeat(w[i] + 2)).append('|');
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }
}
