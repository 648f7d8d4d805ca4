package kis.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waiting on a child JVM ({@code kis-trader run} started by a test) through its log file: every
 * wait is bounded, ends early when the child exits, and a failure carries the child's whole log.
 */
public final class ChildJvmLog {
  private ChildJvmLog() {}

  /** The first line of {@code log} starting with {@code prefix}, once it is there. */
  public static String awaitLine(Path log, String prefix, Duration limit, Process child) throws InterruptedException {
    String[] found = new String[1];
    awaitTrue("a line starting '" + prefix + "'", limit, () -> {
      for (String l : lines(log)) {
        if (l.startsWith(prefix)) {
          found[0] = l;
          return true;
        }
      }
      return false;
    }, child, log);
    return found[0];
  }

  /** Polls every 50 ms until true; fails after {@code limit} or as soon as {@code child} (if given) has exited. */
  public static void awaitTrue(String what, Duration limit, BooleanSupplier condition, Process child, Path log)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (child != null && !child.isAlive()) {
        throw new AssertionError("the child JVM exited (" + child.exitValue() + ") waiting for " + what + "\n"
            + transcript(log));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "\n" + transcript(log));
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  /** The log's lines so far (none before the child created it). */
  public static List<String> lines(Path log) {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The whole log, for a failure message. */
  public static String transcript(Path log) {
    return String.join("\n", lines(log));
  }
}
