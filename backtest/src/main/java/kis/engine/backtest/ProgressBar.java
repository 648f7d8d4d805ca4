package kis.engine.backtest;

import java.io.PrintWriter;

/**
 * A one-line terminal progress bar ({@code [#####.....]  52 %  1,234,567 events}) redrawn in place
 * with a carriage return, at most once per whole percent.
 */
public final class ProgressBar implements ProgressListener {
  private static final int WIDTH = 30;
  private final PrintWriter out;
  private final String label;
  private int lastPercent = -1;

  public ProgressBar(PrintWriter out, String label) {
    this.out = out;
    this.label = label;
  }

  @Override
  public void progress(long done, long total) {
    int pct = total == 0 ? 100 : (int) (done * 100 / total);
    if (pct == lastPercent) {
      return;
    }
    lastPercent = pct;
    out.print("\r" + render(label, done, total));
    if (pct == 100) {
      out.println();
    }
    out.flush();
  }

  static String render(String label, long done, long total) {
    int pct = total == 0 ? 100 : (int) (done * 100 / total);
    int filled = pct * WIDTH / 100;
    return String.format(java.util.Locale.ROOT, "%s [%s%s] %3d %%  %,d events", label, "#".repeat(filled), ".".repeat(WIDTH - filled), pct,
        done);
  }
}
