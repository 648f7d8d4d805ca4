package kis.engine.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import kis.engine.journal.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone kis-sim ({@code --sim-url}) is spoken to with the TR ids {@code kis.tr-ids} names:
 * paper by default (kis-sim's VTS flavour), real for a simulator of the REAL flavour, where NXT and
 * SOR agents trade (paper ids there would have every NXT feed and order refused).
 */
class KisTargetTest {
  private static final Map<String, String> ENV = Map.of("KIS_APP_KEY", "k", "KIS_APP_SECRET", "s",
      "KIS_ACCOUNT", "12345678-01", "KIS_HTS_ID", "h");

  @TempDir Path dir;

  private KisTarget standalone(String extra) {
    Config c = ConfigFactory.parseString(extra)
        .withFallback(EngineConfig.load(Optional.empty(), Optional.of(dir))).resolve();
    return KisTarget.resolve(c, "http://127.0.0.1:1", "ws://127.0.0.1:1", null, ENV, dir);
  }

  @Test
  void aStandaloneSimulatorGetsPaperTrIdsByDefault() {
    assertTrue(standalone("").config().paperTrIds());
    assertTrue(standalone("kis.tr-ids = paper").config().paperTrIds());
  }

  @Test
  void aStandaloneSimulatorOfTheRealFlavourGetsRealTrIdsWhenTheConfigurationSaysSo() {
    assertFalse(standalone("kis.tr-ids = real").config().paperTrIds());
  }

  @Test
  void anUnknownTrIdSetStopsTheStart() {
    assertThrows(IllegalArgumentException.class, () -> standalone("kis.tr-ids = maybe"));
  }
}
