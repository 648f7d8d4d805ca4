package kis.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kis.actors.agent.AgentConfig;
import kis.connector.assembly.KisConnector;
import kis.engine.config.ConfigChecker;
import kis.engine.config.ConfigGate;
import kis.engine.config.ConfigProblem;
import kis.engine.config.KisSymbolCheck;
import kis.engine.config.SymbolCatalog;
import kis.engine.live.KisTarget;
import kis.journal.Symbol;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Before {@code run} (either profile) starts against KIS ({@code kis.mode = paper|real}): every agent's declared
 * symbol must be one KIS knows ({@link KisSymbolCheck}). The lookup runs on a short-lived actor
 * system of its own, before the engine's; its token lands in the same token cache the engine then
 * reuses.
 */
final class KisSymbols {
  /** How long one lookup may take, the connector's retries included. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private KisSymbols() {}

  /**
   * @throws RunCommand.StartFailure exit 2 with every unknown symbol named (agent key, file, line),
   *     or exit 1 when KIS could not be asked
   */
  static void check(Config c, List<AgentConfig> agents, KisTarget target) throws RunCommand.StartFailure {
    Set<Symbol> symbols = new TreeSet<>();
    agents.forEach(a -> symbols.addAll(a.declaredSymbols()));
    // A local system whatever the profile: no cluster port taken, no JVM exit when it stops.
    Config local = ConfigFactory.parseString("pekko.actor.provider = local\npekko.extensions = []\n"
        + "pekko.coordinated-shutdown.exit-jvm = off\npekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off")
        .withFallback(c);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "kis-symbol-check", local);
    try {
      KisConnector kis = KisConnector.create(system, target.config(), target.credentials());
      SymbolCatalog known = KisSymbolCheck.catalog(symbols, s -> kis.rest().searchStockInfo(s.code()), TIMEOUT);
      List<ConfigProblem> problems = ConfigChecker.shipped().check(c, known);
      if (!problems.isEmpty()) {
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        ConfigGate.printProblems(w, "run", problems);
        w.flush();
        throw new RunCommand.StartFailure(RunCommand.BAD_CONFIG, "refused to start against KIS ("
            + target.config().mode() + "):\n" + text.toString().stripTrailing());
      }
    } catch (KisSymbolCheck.Unreachable e) {
      throw new RunCommand.StartFailure(RunCommand.START_FAILED, "cannot check the agents' symbols with KIS ("
          + target.config().mode() + "), nothing was started: " + e.getMessage());
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
    }
  }
}
