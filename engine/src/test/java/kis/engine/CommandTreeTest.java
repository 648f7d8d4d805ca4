package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kis-trader}'s command tree is built for the command line it runs: the named subcommand only. */
class CommandTreeTest {

  @Test
  void aCommandLineThatNamesASubcommandBuildsThatSubcommandOnly() {
    assertEquals(Set.of("run", "help"),
        Main.commandLine("run", "--config", "my.conf", "--data-dir", "data").getSubcommands().keySet());
    assertEquals(Set.of("journal", "help"), Main.commandLine("journal", "verify", "--dir", "data").getSubcommands().keySet());
  }

  @Test
  void anyOtherCommandLineBuildsTheFullTree() {
    Set<String> full = Main.commandLine().getSubcommands().keySet();
    assertEquals(Subcommands.all().size() + 1, full.size());
    for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"help", "run"}, {"rnu"}, {"-h", "run"}}) {
      assertEquals(full, Main.commandLine(args).getSubcommands().keySet(), String.join(" ", args));
    }
  }

  @Test
  void theNamedSubcommandPrintsAndFailsAsInTheFullTree() {
    for (Object command : Subcommands.all()) {
      String name = command.getClass().getAnnotation(Command.class).name();
      for (String[] args : new String[][] {{name, "--help"}, {name, "--no-such-option"}}) {
        assertEquals(run(Main.commandLine(), args), run(Main.commandLine(args), args), String.join(" ", args));
      }
    }
    assertFalse(run(Main.commandLine(), "run", "--no-such-option").isBlank());
  }

  /** Exit code, standard output and standard error of one execution. */
  private static String run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    return rc + "\n" + out + "\n" + err;
  }
}
