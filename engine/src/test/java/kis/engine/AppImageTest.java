package kis.engine;

import static kis.engine.ChildJvmLog.awaitLine;
import static kis.engine.ChildJvmLog.transcript;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/app-image.sh builds an app image whose launcher runs kis-trader on the runtime inside
 * the image: with no java on PATH and no JAVA_HOME, {@code --version} names the commit this build
 * stamped and {@code run} starts on the embedded kis-sim, serves its dashboard on 127.0.0.1, and
 * stops cleanly on SIGTERM.
 *
 * <p>The released image is built from the shaded jar, which does not exist in the test phase; this
 * one gets the same script a directory holding the engine's runtime classpath (a main jar whose
 * manifest names the others), so what is tested is the script, its module list and the launcher.
 */
class AppImageTest {
  private static final Path SCRIPT = Path.of("../packaging/app-image.sh").toAbsolutePath().normalize();
  /** Test-only jars of the engine's classpath that the image does not need (some are large). */
  private static final List<String> TEST_ONLY = List.of("/test-classes", "-tests.jar", "/io/zonky/",
      "/org/seleniumhq/", "/org/junit/", "/org/opentest4j/", "/org/apiguardian/", "testkit", "/net/bytebuddy/",
      "/io/opentelemetry/", "/org/apache/commons/commons-exec/");

  private static final String CONFIG = """
      kis.dashboard { host = "127.0.0.1", port = 0 }
      kis-trader.status-log-every = 1h
      pekko.loglevel = WARNING
      pekko.stdout-loglevel = OFF
      """;

  @TempDir Path dir;

  @Test
  void theImageRunsVersionAndRunOnItsOwnRuntimeWithNoJavaOnTheMachinePath() throws Exception {
    Path input = runtimeClasspathAsInput(dir.resolve("input"));
    Path dest = dir.resolve("image");
    Path buildLog = dir.resolve("build.log");
    Process build = new ProcessBuilder("sh", SCRIPT.toString(), input.toString(), dest.toString(), "kis-trader.jar")
        .redirectErrorStream(true).redirectOutput(buildLog.toFile()).start();
    long started = System.nanoTime();
    try {
      assertTrue(build.waitFor(5, TimeUnit.MINUTES), "the image is built in 5 minutes\n" + transcript(buildLog));
    } finally {
      build.destroyForcibly();
    }
    assertEquals(0, build.exitValue(), transcript(buildLog));
    System.out.println("AppImageTest: image built in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");

    Path launcher = dest.resolve("kis-trader/bin/kis-trader");
    assertTrue(Files.isExecutable(launcher), launcher.toString());
    assertTrue(Files.isDirectory(dest.resolve("kis-trader/lib/runtime/lib")), "the image carries its runtime");
    assertFalse(Files.exists(dest.resolve("kis-trader/lib/runtime/bin/java")),
        "no java binary in the image: the launcher loads the runtime itself");

    Path version = dir.resolve("version.log");
    Process v = machineWithoutJava(launcher, "--version").redirectOutput(version.toFile()).start();
    assertTrue(v.waitFor(60, TimeUnit.SECONDS), transcript(version));
    assertEquals(0, v.exitValue(), transcript(version));
    // The image names the commit this build stamped (VersionCommandTest: this checkout's HEAD), not an older one.
    String stamped = VersionProvider.line(VersionProvider.read());
    assertTrue(ChildJvmLog.lines(version).contains(stamped), "expected '" + stamped + "'\n" + transcript(version));

    Path config = Files.writeString(dir.resolve("engine.conf"), CONFIG);
    Path log = dir.resolve("run.log");
    Process engine = machineWithoutJava(launcher, "run", "--config", config.toString(), "--data-dir",
        dir.resolve("data").toString()).redirectOutput(log.toFile()).start();
    try {
      String dashboard = awaitLine(log, "Dashboard: http://127.0.0.1:", Duration.ofSeconds(150), engine)
          .replace("Dashboard: ", "").trim();
      HttpResponse<String> agents = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(dashboard + "api/agents")).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, agents.statusCode(), agents.body());
      engine.destroy(); // SIGTERM: the ordered shutdown
      assertTrue(engine.waitFor(90, TimeUnit.SECONDS), "stops\n" + transcript(log));
      assertEquals(0, engine.exitValue(), transcript(log));
    } finally {
      if (engine.isAlive()) {
        engine.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  /** The launcher in an environment with no JDK to fall back on: an empty PATH, no JAVA_HOME. */
  private ProcessBuilder machineWithoutJava(Path launcher, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(Files.createDirectories(dir.resolve("cwd")).toFile())
        .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", Files.createDirectories(dir.resolve("empty-path")).toString());
    env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
    // Read by the JVM itself, whichever launcher started it.
    env.put("JAVA_TOOL_OPTIONS", "-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.io.tmpdir="
        + System.getProperty("java.io.tmpdir"));
    return pb;
  }

  /**
   * {@code input}: kis-trader.jar (Main-Class kis.engine.Main, Class-Path naming everything else),
   * lib/ with this JVM's classpath jars, cp/N/ with its class directories (the reactor's modules).
   */
  private static Path runtimeClasspathAsInput(Path input) throws IOException {
    Files.createDirectories(input.resolve("lib"));
    List<String> classPath = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      String unix = p.toAbsolutePath().toString().replace('\\', '/');
      if (TEST_ONLY.stream().anyMatch(unix::contains) || !Files.exists(p)) {
        continue;
      }
      if (Files.isDirectory(p)) {
        String name = "cp/" + (n++) + "/";
        copyTree(p, input.resolve(name));
        classPath.add(name);
      } else {
        String name = "lib/" + (n++) + "-" + p.getFileName();
        Files.copy(p, input.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        classPath.add(name);
      }
    }
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    try (OutputStream out = Files.newOutputStream(input.resolve("kis-trader.jar"));
        JarOutputStream jar = new JarOutputStream(out, m)) {
      jar.flush();
    }
    return input;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
