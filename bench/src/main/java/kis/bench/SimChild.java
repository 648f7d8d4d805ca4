package kis.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A standalone kis-sim in its own JVM, as a user starts one: the engine jar's {@code sim --port 0}
 * on 127.0.0.1. It outlives every engine of the loop, so each restarted engine meets the account,
 * orders and fills the killed one left. Its console is kept in a file beside the data dir.
 */
final class SimChild implements AutoCloseable {
  private final Process process;
  final Endpoint endpoint;

  /**
   * What {@code sim} prints: its URLs and the throwaway credentials it accepts (not KIS secrets;
   * still never printed by the harness: {@link #toString()} names the URLs only).
   */
  record Endpoint(String restUrl, String wsUrl, String appKey, String appSecret, String cano, String productCode,
      String htsId) {

    /** The environment {@code run --sim-url} reads the credentials from (README "Against a standalone simulator"). */
    Map<String, String> credentialsEnv() {
      return Map.of("KIS_APP_KEY", appKey, "KIS_APP_SECRET", appSecret, "KIS_ACCOUNT", cano + "-" + productCode,
          "KIS_HTS_ID", htsId);
    }

    @Override
    public String toString() {
      return "kis-sim at " + restUrl + " / " + wsUrl;
    }

    /**
     * The endpoint once {@code sim} printed all of it (up to its {@code Ctrl-C to stop.} line);
     * empty before. Refuses a simulator that is not on loopback.
     */
    static Optional<Endpoint> parse(List<String> lines) {
      String rest = null;
      String ws = null;
      String key = null;
      String secret = null;
      String cano = null;
      String product = null;
      String hts = null;
      boolean done = false;
      for (String raw : lines) {
        String[] f = raw.trim().split("\\s+");
        if (f.length < 2) {
          continue;
        }
        switch (f[0]) {
          case "REST" -> rest = f[1];
          case "websocket" -> ws = f[1];
          case "appkey" -> key = f[1];
          case "appsecret" -> secret = f[1];
          case "CANO" -> cano = f[1];
          case "ACNT_PRDT_CD" -> product = f[1];
          case "HTS" -> hts = f.length > 2 && "id".equals(f[1]) ? f[2] : hts;
          case "Ctrl-C" -> done = true;
          default -> { }
        }
      }
      if (!done || rest == null || ws == null || key == null || secret == null || cano == null || product == null
          || hts == null) {
        return Optional.empty();
      }
      if (!rest.startsWith("http://127.0.0.1:") || !ws.startsWith("ws://127.0.0.1:")) {
        throw new IllegalStateException("kis-sim is not on loopback: " + rest + " " + ws);
      }
      return Optional.of(new Endpoint(rest, ws, key, secret, cano, product, hts));
    }
  }

  /** What the simulator printed up to and with its endpoint. */
  final List<String> banner;

  private SimChild(Process process, Endpoint endpoint, List<String> banner) {
    this.process = process;
    this.endpoint = endpoint;
    this.banner = banner;
  }

  /** {@code java [jvmArgs] -jar JAR sim --port 0 --seed 42} in {@code dir}; waits (bounded) for its endpoint. */
  static SimChild start(Path jar, List<String> jvmArgs, Path dir, Duration bound) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(EngineChild.java());
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-jar", jar.toString(), "sim", "--port", "0", "--seed", "42"));
    return start(cmd, dir, bound);
  }

  /** Runs {@code cmd}, a simulator that prints its endpoint as {@code sim} does, in {@code dir}; waits (bounded) for it. */
  static SimChild start(List<String> cmd, Path dir, Duration bound) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectError(dir.resolve("sim.err").toFile());
    EngineChild.scrub(pb.environment());
    Process p = Children.start(pb);
    CompletableFuture<List<String>> found = new CompletableFuture<>();
    Thread reader = new Thread(() -> read(p, dir.resolve("sim.out"), found), "sim-console");
    reader.setDaemon(true);
    reader.start();
    try {
      List<String> banner = found.get(bound.toMillis(), TimeUnit.MILLISECONDS);
      return new SimChild(p, Endpoint.parse(banner).orElseThrow(), banner);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      Children.kill(p);
      throw new IllegalStateException("kis-sim printed no endpoint within " + bound.toSeconds() + " s (see "
          + dir.resolve("sim.out") + ")", e);
    }
  }

  /** The child's standard input (what a simulator that takes commands reads). */
  java.io.OutputStream input() {
    return process.getOutputStream();
  }

  /** Reads the console until the endpoint is complete, then drains it into the file so the pipe never fills. */
  private static void read(Process p, Path file, CompletableFuture<List<String>> found) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), true)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.println(line);
        if (!found.isDone()) {
          lines.add(line);
          if (Endpoint.parse(lines).isPresent()) {
            found.complete(List.copyOf(lines));
          }
        }
      }
      found.completeExceptionally(new IllegalStateException("kis-sim exited"));
    } catch (IOException | RuntimeException e) {
      found.completeExceptionally(e);
    }
  }

  @Override
  public void close() {
    Children.kill(process);
  }
}
