package kis.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child process run to its end in {@code dir}: its exit code and its output (standard output and error together). */
record ChildJvm(int exit, String output) {

  /** {@code java args} with this JVM's java and a small heap, without the harness's JAVA_TOOL_OPTIONS. */
  static ChildJvm java(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m"));
    cmd.addAll(List.of(args));
    return run(new ProcessBuilder(cmd), dir);
  }

  static ChildJvm run(ProcessBuilder pb, Path dir) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".log");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    Process p = pb.directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the JVM ended in 300 s\n" + Files.readString(out));
    } finally {
      p.destroyForcibly();
    }
    return new ChildJvm(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }
}
