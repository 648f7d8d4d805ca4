package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import kis.connector.record.RecordedFrame;
import kis.connector.record.RecordingFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backtest --replay}: a data dir's recording, torn tail and all, feeds a backtest run. */
class BacktestReplayCommandTest extends CliCapture {
  @TempDir Path dir;

  /** A 46-field trade record of {@code tr} (kis-api.md 5.6), 2026-11-24. */
  static String trade(String tr, String symbol, String hhmmss, long price, long qty, long cum) {
    String[] f = new String[46];
    Arrays.fill(f, "0");
    f[0] = symbol;
    f[1] = hhmmss;
    f[2] = Long.toString(price);
    f[3] = "2";
    f[5] = "0.10";
    f[12] = Long.toString(qty);
    f[13] = Long.toString(cum);
    f[21] = "1";
    f[33] = "20261124";
    f[35] = "N";
    return "0|" + tr + "|001|" + String.join("^", f);
  }

  @Test
  void aRecordingWithATornLastMemberFeedsTheBacktestWithTheChosenFeedsPrints() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Instant at = Instant.parse("2026-11-24T01:00:00Z");
    try (GZIPOutputStream whole = new GZIPOutputStream(bytes)) {
      long cum = 0;
      for (int i = 0; i < 600; i++) {
        long qty = 10 + i % 7;
        cum += qty;
        String time = String.format("%02d%02d%02d", 10 + i / 3600, (i / 60) % 60, i % 60);
        String line = new RecordedFrame(at.plusSeconds(i), trade("H0STCNT0", "005930", time, 71_000 + (i % 20) * 100,
            qty, cum)).line() + "\n" + new RecordedFrame(at.plusSeconds(i), trade("H0NXCNT0", "005930", time, 70_000,
            1, i + 1)).line() + "\n";
        whole.write(line.getBytes(StandardCharsets.UTF_8));
      }
      whole.write((new RecordedFrame(at.plusSeconds(601), "0|H0STCNT0|001|too^few^fields").line() + "\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    // A second run's member, cut off by a crash.
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    GZIPOutputStream torn = new GZIPOutputStream(second, 512, true);
    torn.write((new RecordedFrame(at.plusSeconds(700), trade("H0STCNT0", "005930", "101140", 71_500, 5, 9_999))
        .line() + "\n").getBytes(StandardCharsets.UTF_8));
    torn.flush();
    bytes.write(second.toByteArray());
    Path folder = RecordingFiles.folderOf(dir);
    Files.createDirectories(folder);
    Files.write(RecordingFiles.fileOf(folder, LocalDate.of(2026, 11, 24)), bytes.toByteArray());

    int code = run("backtest", "-s", "volatility-band", "-p", "symbol=005930", "-p", "quantity=10", "-p", "window=5",
        "--replay", dir.toString(), "--report", dir.resolve("report").toString(), "--no-progress");

    assertEquals(0, code, err.toString() + out);
    assertTrue(out.toString().contains("replay: 1,202 frames from " + dir + ", 601 prints on the KRX feed, 1 unreadable"
        + " frame(s) skipped"), out.toString());
    assertTrue(err.toString().contains("replay: warning: 2026-11-24.frames.gz ends in a torn gzip member"),
        err.toString());
    assertTrue(out.toString().contains("601 market events"), out.toString());
    assertTrue(Files.exists(dir.resolve("report").resolve("report.html")));

    out.getBuffer().setLength(0);
    assertEquals(0, run("backtest", "-s", "volatility-band", "-p", "symbol=005930", "-p", "quantity=10", "-p",
        "window=5", "--replay", dir.toString(), "--replay-feed", "NXT", "--report", dir.resolve("nxt").toString(),
        "--no-progress"), err.toString());
    assertTrue(out.toString().contains("600 prints on the NXT feed"), out.toString());
  }

  @Test
  void aMissingRecordingIsRefusedNamingThePath() {
    int code = run("backtest", "-s", "volatility-band", "-p", "symbol=005930", "-p", "quantity=10", "-p", "window=5",
        "--replay",
        dir.resolve("nothing").toString(), "--no-progress");
    assertTrue(code != 0);
    assertTrue(err.toString().contains("cannot read the recording at " + dir.resolve("nothing")), err.toString());
  }
}
