package kis.engine;

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
    System.exit(commandLine().execute(args));
  }

  /** The full command tree; subcommands register themselves in {@link Subcommands}. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    Subcommands.all().forEach(cli::addSubcommand);
    cli.setExecutionExceptionHandler(new CliErrors());
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
