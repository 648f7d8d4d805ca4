package kis.engine.config;

import java.util.List;

/**
 * A configuration the check refuses, thrown by the programmatic starts ({@code RunCommand.start},
 * {@code EngineLauncher.start}) where {@code run} would print the same lines and exit
 * {@link ConfigGate#BAD_CONFIG}. The message is those lines; no value of a secret is in them.
 */
public final class InvalidConfigException extends IllegalArgumentException {
  private final List<ConfigProblem> problems;

  InvalidConfigException(String report, List<ConfigProblem> problems) {
    super(report);
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, sorted by setting. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
