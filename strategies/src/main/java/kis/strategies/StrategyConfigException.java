package kis.strategies;

import java.util.List;

/** A strategy's configuration is wrong; the message lists every problem with its setting path. */
public final class StrategyConfigException extends RuntimeException {
  private final List<String> problems;

  public StrategyConfigException(String strategy, List<String> problems) {
    super("invalid configuration for strategy " + strategy + ":\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
