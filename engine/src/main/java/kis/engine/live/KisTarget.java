package kis.engine.live;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kis.connector.KisConfig;
import kis.connector.KisCredentials;
import kis.connector.KisMode;
import kis.sim.Flavour;
import kis.sim.KisSimulator;
import kis.sim.SessionMode;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;

/**
 * What {@code run} trades against: the embedded kis-sim (default, no credentials needed), a
 * standalone kis-sim ({@code --sim-url} or {@code kis { mode = sim, rest-url, ws-url }} with
 * credentials), or KIS paper/real ({@code kis.mode = paper|real}, credentials from the
 * environment or a file, never from the repository).
 *
 * @param embedded the in-process simulator this engine started and must close, if any
 * @param alwaysOpen whether the market never closes (an always-open simulator)
 */
public record KisTarget(KisConfig config, KisCredentials credentials, Optional<KisSimulator> embedded,
    boolean alwaysOpen) implements AutoCloseable {

  /**
   * @param simRestUrl {@code --sim-url}, or null
   * @param simWsUrl {@code --sim-ws-url}, or null (derived from the REST url's host and the sim's ws path)
   * @param credentialsFile {@code --credentials}, or null
   */
  public static KisTarget resolve(Config c, String simRestUrl, String simWsUrl, Path credentialsFile,
      Map<String, String> env, Path dataDir) {
    String mode = c.hasPath("kis.mode") ? c.getString("kis.mode") : "sim";
    KisMode m = KisMode.parse(mode);
    boolean externalSim = simRestUrl != null || (m == KisMode.SIM && c.hasPath("kis.rest-url")
        && !c.getString("kis.rest-url").isBlank());
    if (m == KisMode.SIM && !externalSim) {
      return embedded(c, dataDir);
    }
    KisCredentials creds = (credentialsFile != null ? Optional.of(KisCredentials.fromFile(credentialsFile))
        : KisCredentials.fromEnvironment(env)).orElseThrow(() -> new IllegalArgumentException(
            "kis.mode = " + mode.toLowerCase(Locale.ROOT) + " needs credentials: set KIS_APP_KEY, KIS_APP_SECRET,"
                + " KIS_ACCOUNT (12345678-01), KIS_HTS_ID or pass --credentials FILE (kept outside the repository)"));
    if (m == KisMode.SIM) {
      String rest = simRestUrl != null ? simRestUrl : c.getString("kis.rest-url");
      String ws = simWsUrl != null ? simWsUrl : c.hasPath("kis.ws-url") ? c.getString("kis.ws-url") : null;
      if (ws == null || ws.isBlank()) {
        throw new IllegalArgumentException("a standalone kis-sim needs its websocket url too (--sim-ws-url or kis.ws-url)");
      }
      // A standalone simulator's token rule is its own configuration's: kis.token.min-issue-interval
      // (KIS's minute by default) says how this side paces. Its flavour is its own too: kis.tr-ids
      // (auto = paper, kis-sim's default) must say real for a REAL one, where NXT and SOR trade.
      KisConfig cfg = KisConfig.forSimulator(rest, ws, tokenDir(dataDir)).withTrIds(standaloneSimPaperIds(c))
          .withTokenMinIssueInterval(c.getDuration("kis.token.min-issue-interval"));
      return new KisTarget(cfg, creds, Optional.empty(),
          !c.hasPath("kis-trader.session") || "always-open".equals(c.getString("kis-trader.session")));
    }
    return new KisTarget(KisConfig.fromConfig(c), creds, Optional.empty(), false);
  }

  /**
   * Whether to speak paper TR ids to a standalone kis-sim: {@code kis.tr-ids} (auto or paper: yes,
   * the simulator's default VTS flavour; real: no, for a simulator of the REAL flavour).
   */
  static boolean standaloneSimPaperIds(Config c) {
    String trIds = c.hasPath("kis.tr-ids") ? c.getString("kis.tr-ids").trim().toLowerCase(Locale.ROOT) : "auto";
    return switch (trIds) {
      case "auto", "paper" -> true;
      case "real" -> false;
      default -> throw new IllegalArgumentException("kis.tr-ids must be auto, real or paper: " + trIds);
    };
  }

  private static KisTarget embedded(Config c, Path dataDir) {
    SimConfig sc = EmbeddedSimState.apply(SimConfig.fromConfig(c), c, dataDir);
    KisSimulator sim = KisSimulator.start(sc);
    SimCredentials cr = sim.credentials();
    KisCredentials creds = KisCredentials.of(cr.appKey(), cr.appSecret(), cr.cano() + "-" + cr.acntPrdtCd(),
        cr.htsId());
    // Paced by the embedded simulator's own token rule (KIS's minute unless configured otherwise):
    // a token call that timed out is then retried as soon as this simulator allows.
    KisConfig cfg = KisConfig.forSimulator(sim.restBaseUrl(), sim.websocketUrl(), tokenDir(dataDir))
        .withTrIds(sc.flavour() == Flavour.VTS)
        .withTokenMinIssueInterval(sc.tokenReissueInterval().plusSeconds(1));
    return new KisTarget(cfg, creds, Optional.of(sim), sc.sessionMode() == SessionMode.ALWAYS_OPEN);
  }

  private static Path tokenDir(Path dataDir) {
    try {
      return Files.createDirectories(dataDir.resolve("tokens"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line for the operator, without secrets. */
  /**
   * The order pacing for this target, the same rule in both profiles: a simulator (embedded or
   * standalone) 10 orders a second, KIS paper and real their own limits.
   */
  public kis.actors.gateway.GatewaySettings pacing() {
    return embedded.isPresent() || config.mode() == KisMode.SIM
        ? kis.actors.gateway.GatewaySettings.real().withRate(10, java.time.Duration.ofSeconds(1), 3)
        : config.mode() == KisMode.PAPER ? kis.actors.gateway.GatewaySettings.paper()
        : kis.actors.gateway.GatewaySettings.real();
  }

  public String describe() {
    return (embedded.isPresent() ? "embedded kis-sim" : config.mode().name().toLowerCase(Locale.ROOT))
        + " at " + config.restUrl() + embedded.flatMap(s -> s.config().stateFile())
            .map(f -> " (its account kept in " + f.toAbsolutePath() + ")").orElse("");
  }

  @Override
  public void close() {
    embedded.ifPresent(KisSimulator::close);
  }
}
