package kis.engine.kis;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import kis.connector.KisCredentials;
import kis.engine.live.EmbeddedSimState;
import kis.sim.KisSimulator;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;

/**
 * The credentials {@code kis --sim-url} presents: {@code --credentials FILE}, else the
 * {@code KIS_*} environment, else the throwaway ones the engine's embedded simulator keeps in its
 * state file under the data dir (so the engine's own simulator needs no setup at all).
 */
final class RunningSimCredentials {
  private RunningSimCredentials() {}

  static KisCredentials find(Config base, Path dataDir, Path credentialsFile, Map<String, String> env) {
    if (credentialsFile != null) {
      return KisCredentials.fromFile(credentialsFile);
    }
    Optional<KisCredentials> fromEnv = KisCredentials.fromEnvironment(env);
    if (fromEnv.isPresent()) {
      return fromEnv.get();
    }
    Optional<Path> state = EmbeddedSimState.apply(SimConfig.fromConfig(base), base, dataDir).stateFile();
    return state.filter(Files::isRegularFile).flatMap(KisSimulator::savedCredentials).map(RunningSimCredentials::of)
        .orElseThrow(() -> new IllegalArgumentException("no credentials for the simulator at --sim-url: set"
            + " KIS_APP_KEY, KIS_APP_SECRET, KIS_ACCOUNT (12345678-01), KIS_HTS_ID, pass --credentials FILE, or"
            + " pass --data-dir of the engine whose embedded simulator it is ("
            + state.map(p -> "no credentials in " + p.toAbsolutePath())
                .orElse("kis-trader.embedded-sim.keep-state = off keeps none") + ")"));
  }

  private static KisCredentials of(SimCredentials c) {
    return KisCredentials.of(c.appKey(), c.appSecret(), c.cano() + "-" + c.acntPrdtCd(), c.htsId());
  }
}
