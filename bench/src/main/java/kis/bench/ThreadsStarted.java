package kis.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * How many threads a JVM has started so far ({@code java.threads.started}), read from its
 * performance-data file by {@code jstat -snap}, which maps the file and does not attach to (or start a
 * thread in) the JVM it reads. A count, not a time: the same on a loaded machine as on a quiet one
 * (bench/README.md, {@code live7}: the thread per async step on two cores).
 */
final class ThreadsStarted {
  private ThreadsStarted() {}

  /** The count, or "?" with the reason when jstat is missing or the JVM keeps no performance data. */
  static String of(long pid) {
    try {
      Process p = new ProcessBuilder("jstat", "-J-Djstat.showUnsupported=true", "-snap", Long.toString(pid))
          .redirectErrorStream(true).start();
      String found = "? (no java.threads.started from jstat)";
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith("java.threads.started=")) {
            found = line.substring(line.indexOf('=') + 1).trim();
          }
        }
      }
      p.waitFor(10, TimeUnit.SECONDS);
      return found;
    } catch (Exception e) {
      return "? (" + e + ")";
    }
  }
}
