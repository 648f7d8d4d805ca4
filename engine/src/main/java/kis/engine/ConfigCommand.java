package kis.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import kis.engine.config.ConfigChecker;
import kis.engine.config.ConfigGate;
import kis.engine.config.ConfigProblem;
import kis.engine.config.EffectiveConfig;
import kis.engine.config.StrategyBlockCheck;
import kis.engine.journal.EngineConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kis-trader config}: the configuration tools. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Check the configuration.",
    subcommands = {ConfigCommand.Check.class})
final class ConfigCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code config check [--config FILE]}: the configuration {@code run --config FILE} would use, as
   * {@code run} loads it, printed with secrets redacted, then every problem {@code run} would refuse
   * to start with. Exit 0 when there is none, 2 otherwise.
   */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Print the effective configuration (kis-trader, kis, kis-sim; secrets redacted) and every"
          + " problem in it: unknown or misspelt keys, wrong types, out-of-range values, bad agents.",
          "Exit 0 when the configuration is good, 2 otherwise (run, sim and kis refuse it the same way)."})
  static final class Check implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", description = "HOCON file layered over conf/application.conf, as for run")
    Path config;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Config effective;
      try {
        effective = EngineConfig.load(Optional.ofNullable(config), Optional.empty());
      } catch (ConfigException e) {
        out.println("config check: cannot read the configuration: " + e.getMessage());
        out.flush();
        return ConfigGate.BAD_CONFIG;
      }
      List<ConfigProblem> problems = new ArrayList<>(ConfigChecker.shipped().check(effective));
      problems.addAll(StrategyBlockCheck.check(effective));
      out.println("# Effective configuration" + (config == null ? "" : " of " + config)
          + " over conf/application.conf and the modules' defaults (secrets redacted)");
      out.println(EffectiveConfig.render(effective));
      out.println("# agent symbols checked against: " + catalog(effective));
      if (problems.isEmpty()) {
        out.println("config check: no problems");
        out.flush();
        return 0;
      }
      ConfigGate.printProblems(out, "config check", problems);
      out.flush();
      return ConfigGate.BAD_CONFIG;
    }
  }

  private static String catalog(Config effective) {
    try {
      return kis.engine.config.SymbolCatalog.offline(effective).describe();
    } catch (RuntimeException e) {
      return "nothing (the kis or kis-sim section is broken, see below)";
    }
  }
}
