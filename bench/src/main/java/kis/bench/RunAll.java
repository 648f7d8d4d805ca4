package kis.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints the figures table from {@code ROW|} lines read on standard input (what
 * {@code run-all.sh} collects from each program's own JVM).
 */
public final class RunAll {
  private RunAll() {}

  public static void main(String[] args) throws Exception {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"figure", "measured", "baseline", "ratio", "target", "met?"});
    var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
        java.nio.charset.StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith(Row.PREFIX)) {
        rows.add(line.substring(Row.PREFIX.length()).split("\\|", -1));
      }
    }
    int[] w = new int[6];
    for (String[] r : rows) {
      for (int i = 0; i < 6; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < rows.size(); k++) {
      String[] r = rows.get(k);
      sb.append('|');
      for (int i = 0; i < 6; i++) {
        sb.append(' ').append(String.format("%-" + w[i] + "s", r[i])).append(" |");
      }
      sb.append('\n');
      if (k == 0) {
        sb.append('|');
        for (int i = 0; i < 6; i++) {
          sb.append("-".repeat(w[i] + 2)).append('|');
        }
        sb.append('\n');
      }
    }
    System.out.print(sb);
  }
}
