package kis.engine;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * For tests of a command: runs the kis-trader command line in this JVM and keeps what it printed
 * in {@link #out} and {@link #err}, across runs until a test clears them.
 */
abstract class CliCapture {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  /** Runs {@code kis-trader args} and returns its exit code. */
  int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
