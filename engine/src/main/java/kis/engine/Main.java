package kis.engine;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code kis-trader.jar}: one picocli command with one subcommand per task. */
@Command(
    name = "kis-trader",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Event-sourced trading engine for KRX stocks through the KIS Open API.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    AsyncContinuations.onCommonPool();
    System.exit(commandLine(args).execute(args));
  }

  /** The full command tree; subcommands register themselves in {@link Subcommands}. */
  public static CommandLine commandLine() {
    return tree(Subcommands.all());
  }

  /**
   * The tree {@code args} needs: when they start with a subcommand's name (as {@code run ...} does),
   * the top command with that subcommand only, else the full tree ({@code --help}, {@code help run},
   * a typo). Picocli reflects over every command's options when it is added, a serial step on every
   * engine start before the configuration is even read (bench/README.md, branch {@code live3}); the
   * named subcommand parses, prints its help and fails exactly as in the full tree.
   */
  static CommandLine commandLine(String... args) {
    return tree(Subcommands.named(args.length == 0 ? "" : args[0]).map(List::of).orElseGet(Subcommands::all));
  }

  private static CommandLine tree(List<Object> subcommands) {
    CommandLine cli = new CommandLine(new Main());
    subcommands.forEach(cli::addSubcommand);
    cli.setExecutionExceptionHandler(new CliErrors());
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
