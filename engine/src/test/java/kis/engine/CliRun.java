package kis.engine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the kis-trader command line in this JVM: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@code kis-trader args}. */
  static CliRun cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    return new CliRun(rc, out.toString(), err.toString());
  }
}
