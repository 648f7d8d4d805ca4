package kis.engine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import kis.adapter.ReplayedPrints;
import kis.connector.record.RecordingReader;
import kis.engine.backtest.MarketData;
import kis.journal.PrintSource;

/**
 * {@code backtest --replay}: what {@code run} recorded, as the backtest's market data: the frames in
 * arrival order through the live engine's parser ({@link ReplayedPrints}), the prints of one feed.
 */
public final class RecordedMarket {
  private RecordedMarket() {}

  /** The prints of {@code feed} in the recording at {@code path}; tears and skipped lines are warned about on {@code err}. */
  public static MarketData read(Path path, PrintSource feed, PrintWriter out, PrintWriter err) {
    RecordingReader.Recording rec;
    try {
      rec = RecordingReader.read(path);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the recording at " + path + ": " + e.getMessage());
    }
    rec.warnings().forEach(w -> err.println("replay: warning: " + w));
    ReplayedPrints.Replay r = ReplayedPrints.of(rec.frames(), feed);
    out.printf(Locale.ROOT, "replay: %,d frames from %s, %,d prints on the %s feed%s%n", r.frames(), path,
        r.prints().size(), feed, r.unreadable() == 0 ? "" : ", " + r.unreadable() + " unreadable frame(s) skipped as live"
            + " skips them");
    return MarketData.inArrivalOrder(r.prints());
  }
}
