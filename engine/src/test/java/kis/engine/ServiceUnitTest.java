package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The shipped systemd unit (packaging/kis-trader.service) says what the engine does: its command
 * line parses as {@code run} with options {@code run} has, the exit codes it refuses to restart on
 * are the launcher's "needs an operator" codes, it stops with SIGTERM and gives the ordered shutdown
 * time, and credentials come only from the environment file, whose example holds no value.
 */
class ServiceUnitTest {
  private static final Path UNIT = Path.of("../packaging/kis-trader.service");
  private static final Path ENV = Path.of("../packaging/kis-trader.env.example");

  private static Map<String, String> service() throws Exception {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String line : Files.readAllLines(UNIT)) {
      String l = line.strip();
      int eq = l.indexOf('=');
      if (!l.startsWith("#") && eq > 0) {
        keys.put(l.substring(0, eq), l.substring(eq + 1));
      }
    }
    return keys;
  }

  @Test
  void theUnitStartsRunWithOptionsRunHasAndOnlyTheJar() throws Exception {
    List<String> exec = Arrays.asList(service().get("ExecStart").split(" "));
    int jar = exec.indexOf("-jar");
    assertTrue(jar > 0 && exec.get(jar + 1).endsWith("kis-trader.jar"), exec.toString());
    List<String> args = exec.subList(jar + 2, exec.size());
    assertEquals("run", args.get(0));
    CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
    CommandLine.ParseResult run = parsed.subcommand();
    assertEquals("run", run.commandSpec().name());
    assertTrue(run.hasMatchedOption("--config") && run.hasMatchedOption("--data-dir"), args.toString());
    assertTrue(run.unmatched().isEmpty(), run.unmatched().toString());
  }

  @Test
  void noRestartLoopOnTheExitCodesThatNeedAnOperatorAndTimeForTheOrderedShutdown() throws Exception {
    Map<String, String> s = service();
    Set<Integer> prevented = Arrays.stream(s.get("RestartPreventExitStatus").split(" ")).map(Integer::valueOf)
        .collect(Collectors.toSet());
    assertEquals(Set.of(RunCommand.BAD_CONFIG, RunCommand.UNAVAILABLE), prevented);
    assertEquals("on-failure", s.get("Restart"));
    assertEquals("SIGTERM", s.get("KillSignal"));
    // The shutdown's own bounds (engine/README "Shutdown"): order flow 15 s, agents 10 s, connection 5 s.
    Duration bounds = Duration.ofSeconds(15 + 10 + 5);
    assertTrue(Duration.ofSeconds(Long.parseLong(s.get("TimeoutStopSec"))).compareTo(bounds.multipliedBy(2)) >= 0);
  }

  @Test
  void credentialsComeFromAnEnvironmentFileAndTheShippedExampleHoldsNone() throws Exception {
    Map<String, String> s = service();
    assertTrue(s.get("EnvironmentFile").startsWith("/etc/"), "outside the repository and the data dir");
    for (String v : s.values()) {
      assertFalse(v.contains("KIS_APP"), "no credential in the unit: " + v);
    }
    for (String line : Files.readAllLines(ENV)) {
      String l = line.strip();
      if (!l.startsWith("#") && !l.isEmpty()) {
        assertTrue(l.endsWith("="), "the example leaves every value empty: " + l);
      }
    }
  }
}
