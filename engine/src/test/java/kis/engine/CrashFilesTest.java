package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashFilesTest {
  @TempDir Path tmp;

  @Test
  void anErrorFileInTheDataDirsLogFolderNeedsNoAdviceAnythingElseGetsTheOptionToSet() {
    Path cwd = Path.of("/srv/kis");
    assertEquals(Optional.empty(), CrashFiles.advice(Path.of("data"), Optional.of("data/log/hs_err_pid%p.log"), cwd));
    assertEquals(Optional.empty(), CrashFiles.advice(Path.of("data"), Optional.of("/srv/kis/data/log/hs_%p.log"), cwd));
    String none = CrashFiles.advice(Path.of("data"), Optional.empty(), cwd).orElseThrow();
    assertTrue(none.contains("the working directory /srv/kis")
        && none.contains("java -XX:ErrorFile=/srv/kis/data/log/hs_err_pid%p.log -jar"), none);
    assertTrue(CrashFiles.advice(Path.of("data"), Optional.of("/tmp/hs.log"), cwd).orElseThrow().contains("to /tmp/hs.log"));
  }

  /** The documented command, proven: a JVM that dies in native code leaves its crash file in the data dir's log folder. */
  @Test
  void withTheDocumentedJavaToolOptionsANativeCrashWritesItsFileIntoTheDataDirsLogFolder() throws Exception {
    Path data = tmp.resolve("data");
    Files.createDirectories(CrashFiles.logDir(data));
    Path out = tmp.resolve("child.out");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-XX:-CreateCoredumpOnCrash", "-cp", System.getProperty("java.class.path"),
        CrashingJvm.class.getName(), data.toString())
        .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().put("JAVA_TOOL_OPTIONS", "-XX:ErrorFile=" + CrashFiles.logDir(data) + "/hs_err_pid%p.log");
    Process child = pb.start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
    String transcript = Files.readString(out);
    assertNotEquals(0, child.exitValue(), transcript);
    assertTrue(transcript.contains("advice: none"), transcript);
    assertTrue(!transcript.contains("still alive"), transcript);
    List<Path> crashFiles;
    try (var files = Files.list(CrashFiles.logDir(data))) {
      crashFiles = files.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).toList();
    }
    assertEquals(1, crashFiles.size(), transcript);
    assertTrue(Files.readString(crashFiles.get(0)).contains("A fatal error has been detected"), crashFiles.toString());
    try (var files = Files.list(tmp)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("hs_err")), "none in the working directory");
    }
  }
}
