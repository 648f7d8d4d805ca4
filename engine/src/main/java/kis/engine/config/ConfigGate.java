package kis.engine.config;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.util.List;

/** What a command does with the check's verdict: nothing when clean, else prints every problem and refuses. */
public final class ConfigGate {
  /** The exit code of every command refused for its configuration. */
  public static final int BAD_CONFIG = 2;

  private ConfigGate() {}

  /**
   * Checks {@code effective} with the shipped schema; prints the problems to {@code err}.
   *
   * @return whether the command must stop (exit {@link #BAD_CONFIG}) before starting anything
   */
  public static boolean refuses(Config effective, String command, PrintWriter err) {
    List<ConfigProblem> problems = problems(effective);
    if (problems.isEmpty()) {
      return false;
    }
    printProblems(err, command, problems);
    err.println(command + ": refused to start; `kis-trader config check --config FILE` shows the effective configuration");
    err.flush();
    return true;
  }

  /**
   * The same check for a start that has no command line to exit from (tests, embedders): a
   * refused configuration throws instead of starting with values nobody reads.
   *
   * @throws InvalidConfigException carrying the lines {@link #refuses} would print
   */
  public static void require(Config effective, String command) {
    List<ConfigProblem> problems = problems(effective);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(rendered(command, problems), problems);
    }
  }

  /** The problems of {@code effective} as printed by {@link #refuses}, or empty when there is none. */
  public static java.util.Optional<String> report(Config effective, String command) {
    List<ConfigProblem> problems = problems(effective);
    if (problems.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(rendered(command, problems));
  }

  /** The verdict on the last configuration checked, by identity (a {@link Config} is immutable). */
  private record Verdict(Config config, List<ConfigProblem> problems) {}

  private static volatile Verdict last;

  /**
   * The shipped check's problems of {@code effective}. {@code run} checks before starting and the
   * start checks again for the callers that skip {@code run}: the same (immutable) object is
   * checked once, the second check was a second walk of every key on the way to LIVE.
   */
  static List<ConfigProblem> problems(Config effective) {
    Verdict v = last;
    if (v != null && v.config() == effective) {
      return v.problems();
    }
    List<ConfigProblem> problems = ConfigChecker.shipped().check(effective);
    last = new Verdict(effective, problems);
    return problems;
  }

  /** {@link #printProblems}'s lines as one text. */
  private static String rendered(String command, List<ConfigProblem> problems) {
    java.io.StringWriter text = new java.io.StringWriter();
    PrintWriter w = new PrintWriter(text);
    printProblems(w, command, problems);
    w.flush();
    return text.toString().stripTrailing();
  }

  public static void printProblems(PrintWriter out, String command, List<ConfigProblem> problems) {
    out.println(command + ": " + problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s") + ":");
    for (ConfigProblem p : problems) {
      out.println("  " + p.render());
    }
  }
}
