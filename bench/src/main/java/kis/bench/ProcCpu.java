package kis.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The CPU time a process has used so far (user + system, every thread: JIT compilers and GC
 * included), from Linux's {@code /proc/PID/stat}. On a shared machine a start's wall time is its
 * CPU work divided by the share of the cores it gets; this is the first half of that.
 */
final class ProcCpu {
  /** USER_HZ: the unit of /proc's tick counts, 100 on every Linux architecture the engine runs on. */
  private static final long TICK_NANOS = 10_000_000L;

  private ProcCpu() {}

  /** Nanoseconds of CPU used by {@code pid}, empty where /proc is not there or the process is gone. */
  static OptionalLong of(long pid) {
    try {
      return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * CPU time per kind of thread (its name, as the kernel keeps it (15 characters), without trailing
   * digits: {@code C2 CompilerThre} apart from {@code C1 CompilerThre}, {@code GC Thread#}, {@code
   * kis-trader-pekk}, {@code java} for main), largest first:
   * where a start's CPU went, JIT and GC included, which a Java profiler's samples do not show.
   */
  static java.util.List<java.util.Map.Entry<String, Long>> byThreadKind(long pid) {
    java.util.Map<String, Long> kinds = new java.util.HashMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      tasks.forEach(t -> {
        try {
          String stat = Files.readString(t.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+$", "");
          parse(stat).ifPresent(n -> kinds.merge(name, n, Long::sum));
        } catch (IOException | RuntimeException e) {
          // a thread that ended meanwhile
        }
      });
    } catch (IOException | RuntimeException e) {
      return java.util.List.of();
    }
    return kinds.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).toList();
  }

  /** utime + stime (fields 14 and 15), counted after the command name, which may hold spaces and parentheses. */
  static OptionalLong parse(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      return OptionalLong.empty();
    }
    String[] f = stat.substring(close + 2).trim().split("\\s+");
    // f[0] is field 3 (state): utime is field 14, stime field 15.
    if (f.length < 13) {
      return OptionalLong.empty();
    }
    return OptionalLong.of((Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS);
  }
}
