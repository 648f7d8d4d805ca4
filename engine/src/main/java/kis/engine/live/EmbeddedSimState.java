package kis.engine.live;

import com.typesafe.config.Config;
import java.nio.file.Path;
import kis.sim.SimConfig;

/**
 * Where {@code run}'s embedded kis-sim keeps its account between runs: the engine's agents
 * journal what they hold, so a simulator that started empty on every run would meet them with an
 * account that lacks their shares (refused sells, drift). With
 * {@code kis-trader.embedded-sim.keep-state = on} (the default) the simulator's state lives in
 * {@value #FILE} under the data dir, which one engine at a time holds (its lock); an explicit
 * {@code kis-sim.state-file} wins; {@code off} without one keeps it in memory, fresh each run.
 */
public final class EmbeddedSimState {
  static final String KEY = "kis-trader.embedded-sim.keep-state";
  static final String FILE = "kis-sim/state.json";

  private EmbeddedSimState() {}

  /** {@code sim} with the state file the engine's embedded simulator should use, if any. */
  public static SimConfig apply(SimConfig sim, Config c, Path dataDir) {
    if (sim.stateFile().isPresent() || !c.hasPath(KEY) || !c.getBoolean(KEY)) {
      return sim;
    }
    return sim.withStateFile(dataDir.resolve(FILE));
  }
}
