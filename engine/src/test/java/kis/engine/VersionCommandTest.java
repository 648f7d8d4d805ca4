package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VersionCommandTest {

  @Test
  void versionNamesTheBuildAndTheCommitItWasBuiltFrom() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out));

    assertEquals(0, cli.execute("--version"));

    String line = out.toString().trim();
    // The build wrote git.properties from this checkout: the version and a real abbreviated commit.
    assertTrue(line.matches("kis-trader \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{7,}.*\\)"), line);
  }

  @Test
  void theStampedCommitIsTheHeadOfTheCheckoutThatWasBuiltEvenInALinkedWorktree() throws Exception {
    // The build ran git in this checkout (the module's directory is the test's working directory);
    // the plugin's own lookup once followed a worktree's .git file to the main checkout's HEAD.
    Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
    String head;
    try {
      head = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
      Assumptions.assumeTrue(git.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && git.exitValue() == 0,
          "not built in a git checkout: " + head);
    } finally {
      git.destroyForcibly();
    }
    String stamped = VersionProvider.read().getProperty("git.commit.id.abbrev", "");
    assertTrue(stamped.length() >= 7 && head.startsWith(stamped), "stamped " + stamped + ", HEAD " + head);
  }

  @Test
  void withoutBuildInformationItSaysSoInsteadOfFailing() {
    assertTrue(VersionProvider.line(new Properties()).endsWith("(commit unknown)"));
    Properties dirty = new Properties();
    dirty.setProperty("git.build.version", "1.2.0");
    dirty.setProperty("git.commit.id.abbrev", "abc1234");
    dirty.setProperty("git.dirty", "true");
    dirty.setProperty("git.commit.time", "2026-12-06T14:12:22Z");
    assertEquals("kis-trader 1.2.0 (commit abc1234, with uncommitted changes, 2026-12-06T14:12:22Z)",
        VersionProvider.line(dirty));
  }
}
