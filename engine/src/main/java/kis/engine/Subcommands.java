package kis.engine;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * The subcommands of {@code kis-trader}. Kept apart from {@link Main} so that adding a command is a
 * one-line change here and nothing else.
 */
final class Subcommands {
  private Subcommands() {}

  static List<Object> all() {
    return List.of(
        new RunCommand(),
        new SimCommand(),
        new KisCommand(),
        new StatusCommand(),
        new JournalCommand(),
        new BacktestCommand(),
        new HistoryCommand(),
        new ConfigCommand());
  }

  /** The subcommand whose {@code @Command} name is {@code name}, if one is. */
  static Optional<Object> named(String name) {
    return all().stream().filter(c -> c.getClass().getAnnotation(Command.class).name().equals(name)).findFirst();
  }
}
