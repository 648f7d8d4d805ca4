package kis.engine.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.AgentThreads;
import kis.journal.risk.RiskLimits;
import kis.actors.supervisor.SupervisorSettings;
import kis.connector.KisConfig;
import kis.connector.KisMode;
import kis.engine.dashboard.AlertSettings;
import kis.engine.dashboard.DashboardSettings;
import kis.journal.AgentId;
import kis.journal.calendar.KrxCalendar;
import kis.sim.SimConfig;

/**
 * Ranges and enumerations are the parsers' business ({@code kis.mode = papr}, a zero risk limit, an
 * unsorted timetable): each section is handed to the parser that reads it at start, and what it
 * throws becomes a problem. A section with a key or type problem already is skipped, so one mistake
 * is not reported twice.
 */
final class SectionParsers {
  private static final Pattern AT_KEY = Pattern.compile("'([^']+)'");
  private static final Pattern DOTTED = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+");

  private record Parser(String section, Consumer<Config> parse) {}

  private static final List<Parser> PARSERS = List.of(
      new Parser("kis-sim", SimConfig::fromConfig),
      new Parser("kis-trader.agent", c -> AgentSettings.fromConfig(new AgentId("template"), c.getConfig("kis-trader.agent"))),
      new Parser(AgentThreads.THREADS_KEY, AgentThreads::threads),
      new Parser(RiskLimits.CONFIG_PATH, RiskLimits::fromAppConfig),
      new Parser(KrxCalendar.CONFIG_PATH, KrxCalendar::fromAppConfig),
      new Parser(LogSettings.CONFIG_PATH, LogSettings::fromAppConfig),
      new Parser("kis-trader.supervisor", SupervisorSettings::fromConfig),
      new Parser("kis.dashboard", DashboardSettings::fromConfig),
      new Parser("kis.alerts", AlertSettings::fromConfig),
      new Parser("kis", SectionParsers::kis));

  private SectionParsers() {}

  static List<ConfigProblem> check(Config effective, List<ConfigProblem> already) {
    List<ConfigProblem> out = new ArrayList<>();
    for (Parser p : PARSERS) {
      boolean clean = already.stream().noneMatch(x -> x.path().equals(p.section()) || x.path().startsWith(p.section() + ".")
          || x.path().startsWith(p.section() + "["));
      if (!clean) {
        continue;
      }
      try {
        p.parse().accept(effective);
      } catch (ConfigException | IllegalArgumentException | java.time.DateTimeException e) {
        out.add(problem(effective, p.section(), e));
      }
    }
    return out;
  }

  /** The connector's settings; with mode = sim and no url the engine supplies the embedded simulator's. */
  private static void kis(Config c) {
    Config k = c;
    String mode = c.hasPath("kis.mode") ? c.getString("kis.mode") : "sim";
    if (KisMode.parse(mode) == KisMode.SIM) {
      for (String url : List.of("kis.rest-url", "kis.ws-url")) {
        if (!k.hasPath(url) || k.getString(url).isBlank()) {
          k = k.withValue(url, ConfigValueFactory.fromAnyRef(url.endsWith("ws-url") ? "ws://127.0.0.1:1" : "http://127.0.0.1:1"));
        }
      }
    }
    KisConfig.fromConfig(k);
  }

  /** The parser's message, placed at the key it names when that key is in the section. */
  private static ConfigProblem problem(Config effective, String section, RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Matcher m = AT_KEY.matcher(message);
    if (m.find()) {
      String key = m.group(1);
      for (String candidate : List.of(section + "." + key, key)) {
        if (candidate.startsWith(section) && hasPath(effective, candidate)) {
          return new ConfigProblem(candidate, ConfigProblem.where(effective.getValue(candidate).origin()), message,
              Optional.empty());
        }
      }
    }
    Matcher dotted = DOTTED.matcher(message);
    while (dotted.find()) {
      String candidate = dotted.group();
      if (candidate.startsWith(section + ".") && hasPath(effective, candidate)) {
        return new ConfigProblem(candidate, ConfigProblem.where(effective.getValue(candidate).origin()), message,
            Optional.empty());
      }
    }
    Optional<String> origin = e instanceof ConfigException ce && ce.origin() != null ? ConfigProblem.where(ce.origin())
        : hasPath(effective, section) ? ConfigProblem.where(effective.getValue(section).origin()) : Optional.empty();
    return new ConfigProblem(section, origin, message, Optional.empty());
  }

  private static boolean hasPath(Config c, String path) {
    try {
      return c.hasPath(path);
    } catch (ConfigException.BadPath e) {
      return false;
    }
  }
}
