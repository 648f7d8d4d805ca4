package kis.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One engine as a user starts it, in its own JVM: {@code java -XX:ErrorFile=... -jar kis-trader.jar
 * run --config FILE --data-dir DIR --sim-url URL --sim-ws-url URL} with the simulator's credentials
 * in the environment (README "Against a standalone simulator"). The clock starts just before the
 * process is forked; every console line is stamped as it arrives and read into {@link RestartMarks}.
 * The console goes to {@code engine.out} in the bench dir (appended across starts), standard error
 * to {@code engine.err}.
 */
final class EngineChild implements AutoCloseable {
  private final Process process;
  private final long startNanos;
  private final RestartMarks marks;
  private boolean exited;
  private long cpuAtLive = -1;

  private EngineChild(Process process, long startNanos, int agents) {
    this.process = process;
    this.startNanos = startNanos;
    this.marks = new RestartMarks(agents);
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * The harness's environment without what would point a child elsewhere (another data dir, KIS
   * credentials or mode of the user's: every {@code KIS_*}); the credentials it needs are added by the caller.
   */
  static void scrub(Map<String, String> env) {
    env.keySet().removeIf(k -> k.startsWith("KIS_"));
  }

  static EngineChild start(Path jar, List<String> jvmArgs, Path config, Path data, SimChild.Endpoint sim, Path dir,
      int agents, String label) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.add("-XX:ErrorFile=" + data.resolve("log").resolve("hs_err_pid%p.log"));
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString(), "--data-dir", data.toString(),
        "--sim-url", sim.restUrl(), "--sim-ws-url", sim.wsUrl()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("engine.err").toFile()));
    scrub(pb.environment());
    pb.environment().putAll(sim.credentialsEnv());
    long t0 = System.nanoTime();
    EngineChild child = new EngineChild(Children.start(pb), t0, agents);
    Thread reader = new Thread(() -> child.read(dir.resolve("engine.out"), label), "engine-console-" + label);
    reader.setDaemon(true);
    reader.start();
    return child;
  }

  private void read(Path file, String label) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
      out.println("===== " + label + " =====");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        long at = System.nanoTime() - startNanos;
        synchronized (this) {
          boolean before = marks.live();
          marks.accept(line, at);
          if (!before && marks.live()) {
            cpuAtLive = ProcCpu.of(process.pid()).orElse(-1);
            if (Boolean.getBoolean("bench.threadCpu")) {
              StringBuilder sb = new StringBuilder("restart: " + label + ": CPU by thread at LIVE (ms):");
              ProcCpu.byThreadKind(process.pid()).stream().limit(12)
                  .forEach(k -> sb.append(' ').append(k.getKey()).append('=').append(k.getValue() / 1_000_000));
              System.err.println(sb);
              System.err.println("restart: " + label + ": threads started by LIVE: " + ThreadsStarted.of(process.pid()));
            }
          }
          notifyAll();
        }
        out.println(String.format(java.util.Locale.ROOT, "+%7.3f s | %s", at / 1e9, line));
      }
    } catch (IOException e) {
      // the process was killed: its pipe closes; nothing more to read
    } finally {
      synchronized (this) {
        exited = true;
        notifyAll();
      }
    }
  }

  /** Waits until LIVE ({@link RestartMarks}), the console closes (the process ended) or the bound passes. */
  synchronized boolean awaitLive(Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!marks.live() && !exited) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return marks.live();
  }

  synchronized OptionalLong at(RestartMarks.Phase p) {
    return marks.at(p);
  }

  /** CPU time (ns, every thread) the process had used when its LIVE line arrived; -1 if unknown or not LIVE. */
  synchronized long cpuAtLive() {
    return cpuAtLive;
  }

  synchronized int dashboardPort() {
    return marks.dashboardPort();
  }

  synchronized long fills() {
    return marks.fills();
  }

  synchronized int agentsEnabled() {
    return marks.agentsEnabled();
  }

  /** Nanoseconds since the process was started. */
  long elapsed() {
    return System.nanoTime() - startNanos;
  }

  /** The exit code, or empty while it runs. */
  OptionalLong exitCode() {
    return process.isAlive() ? OptionalLong.empty() : OptionalLong.of(process.exitValue());
  }

  /** SIGKILL: what the crash loop does to it. */
  @Override
  public void close() {
    Children.kill(process);
  }
}
