package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real free-space reader on a real 4 MiB file system (tmpfs), filled and emptied. Needs root
 * and a kernel that lets it mount; skipped elsewhere (the behaviour itself is pinned with an
 * injected reader in {@link DiskSpaceTest}).
 */
class DiskSpaceOnTinyFileSystemTest {
  private static final long MIB = 1L << 20;
  @TempDir Path tmp;
  private Path mount;
  private boolean mounted;

  @BeforeEach
  void mountTmpfs() throws Exception {
    mount = Files.createDirectory(tmp.resolve("tiny"));
    mounted = run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString());
    // Only a non-root developer machine may skip it; CI (root) must run it, like the browser test.
    if (!mounted && "true".equalsIgnoreCase(System.getenv("CI"))) {
      org.junit.jupiter.api.Assertions.fail("CI=true: cannot mount a tmpfs for the full-disk test (run as root)");
    }
    Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs root)");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      run("umount", mount.toString());
    }
  }

  private static boolean run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void fillingTheFileSystemPastTheMarginStopsAndFreeingItResumes() throws Exception {
    Path data = Files.createDirectory(mount.resolve("data"));
    DiskSpace disk = new DiskSpace(DiskSpace.usableSpaceOf(data),
        new DiskSpace.Settings(2 * MIB, 3 * MIB, Duration.ofSeconds(5)), data, Clock.systemUTC());
    assertFalse(disk.check().low(), "an empty 4 MiB file system: " + disk.state());

    Path filler = data.resolve("journal-growth");
    try (OutputStream out = Files.newOutputStream(filler)) {
      out.write(new byte[(int) (3 * MIB)]);
    }
    DiskSpace.State low = disk.check();
    assertTrue(low.low(), low.toString());
    assertTrue(low.detail().contains("below the margin of 2 MiB"), low.detail());

    Files.delete(filler);
    assertFalse(disk.check().low(), disk.state().toString());
  }
}
