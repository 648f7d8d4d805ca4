package kis.engine.kis;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kis.connector.KisConfig;
import kis.connector.assembly.KisConnector;
import kis.connector.KisCredentials;
import kis.connector.KisMode;
import kis.sim.KisSimulator;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * What one {@code kis-trader kis} invocation talks to: an embedded kis-sim (the default), an
 * external kis-sim, or KIS paper/real, plus the actor system and connector for it. Real and paper
 * are only reached with an explicit {@code --mode} and credentials from the environment or a file.
 */
public final class KisSession implements AutoCloseable {
  private final ActorSystem<Void> system;
  private final KisConnector connector;
  private final KisSimulator embedded;
  private final Path tempTokens;

  private KisSession(ActorSystem<Void> system, KisConnector connector, KisSimulator embedded, Path tempTokens) {
    this.system = system;
    this.connector = connector;
    this.embedded = embedded;
    this.tempTokens = tempTokens;
  }

  /**
   * @param forceSim {@code --sim}
   * @param mode {@code --mode}, or null
   * @param configFile {@code --config}: HOCON with a {@code kis { }} block, or null
   * @param credentialsFile {@code --credentials}: properties/HOCON outside the repository, or null
   * @param env the process environment (for {@code KIS_APP_KEY} and friends)
   */
  public static KisSession open(boolean forceSim, String mode, Path configFile, Path credentialsFile,
      Map<String, String> env) {
    return open(forceSim, mode, configFile, credentialsFile, env, ConfigFactory.empty(), null);
  }

  /**
   * As {@link #open(boolean, String, Path, Path, Map)}, with {@code simDefaults} under the
   * configuration for an embedded kis-sim only (e.g. {@code history fetch} asks for the REAL
   * flavour, whose TRs include past days' minute candles); a value in a {@code --config} file still wins.
   */
  public static KisSession open(boolean forceSim, String mode, Path configFile, Path credentialsFile,
      Map<String, String> env, Config simDefaults) {
    return open(forceSim, mode, configFile, credentialsFile, env, simDefaults, null);
  }

  /**
   * As {@link #open(boolean, String, Path, Path, Map)}, or, with {@code runningSim}, against a
   * kis-sim that runs elsewhere ({@code --sim-url}).
   */
  public static KisSession open(boolean forceSim, String mode, Path configFile, Path credentialsFile,
      Map<String, String> env, RunningSim runningSim) {
    return open(forceSim, mode, configFile, credentialsFile, env, ConfigFactory.empty(), runningSim);
  }

  private static KisSession open(boolean forceSim, String mode, Path configFile, Path credentialsFile,
      Map<String, String> env, Config simDefaults, RunningSim runningSim) {
    Config base = load(configFile);
    if (runningSim != null) {
      if (forceSim || mode != null && KisMode.parse(mode) != KisMode.SIM) {
        throw new IllegalArgumentException("--sim-url excludes --sim and --mode " + (mode == null ? "" : mode));
      }
      return running(base, runningSim, credentialsFile, env);
    }
    Optional<KisCredentials> creds = credentialsFile != null
        ? Optional.of(KisCredentials.fromFile(credentialsFile))
        : KisCredentials.fromEnvironment(env);
    if (mode != null && forceSim) {
      throw new IllegalArgumentException("--sim and --mode exclude each other");
    }
    KisMode explicit = mode == null ? null : KisMode.parse(mode);
    String configured = base.hasPath("kis.mode") ? base.getString("kis.mode") : "sim";
    if (explicit == null && KisMode.parse(configured) != KisMode.SIM) {
      throw new IllegalArgumentException("kis.mode = " + configured + " in the configuration: pass --mode "
          + configured + " to confirm talking to KIS");
    }
    boolean external = explicit != null
        || (!forceSim && creds.isPresent() && base.hasPath("kis.rest-url") && !base.getString("kis.rest-url").isBlank());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "kis-cli");
    try {
      if (external) {
        KisCredentials c = creds.orElseThrow(() -> new IllegalArgumentException(
            "no credentials: set KIS_APP_KEY, KIS_APP_SECRET, KIS_ACCOUNT (12345678-01), KIS_HTS_ID"
                + " or pass --credentials FILE (kept outside the repository)"));
        Config cfg = explicit == null ? base
            : base.withValue("kis.mode", ConfigValueFactory.fromAnyRef(explicit.name().toLowerCase(java.util.Locale.ROOT)));
        if (!cfg.hasPath("kis.mode") || KisMode.parse(cfg.getString("kis.mode")) == KisMode.SIM) {
          // A standalone kis-sim: run's cache for it (<data-dir>/tokens), as with --sim-url. KIS
          // paper and real use kis.token.cache-dir, the per-user cache every command shares.
          cfg = cfg.withValue("kis.token.cache-dir", ConfigValueFactory.fromAnyRef(
              Path.of(cfg.getString("kis-trader.data-dir")).resolve("tokens").toString()));
        }
        return new KisSession(system, KisConnector.create(system, KisConfig.fromConfig(cfg), c), null, null);
      }
      KisSimulator sim = KisSimulator.start(SimConfig.fromConfig(simDefaults.isEmpty() ? base
          : (configFile == null ? simDefaults.withFallback(base)
              : ConfigFactory.parseFile(configFile.toFile()).withFallback(simDefaults).withFallback(base)).resolve()));
      Path tokens = Files.createTempDirectory("kis-cli-tokens");
      SimCredentials sc = sim.credentials();
      KisCredentials c = KisCredentials.of(sc.appKey(), sc.appSecret(), sc.cano() + "-" + sc.acntPrdtCd(), sc.htsId());
      KisConfig cfg = KisConfig.forSimulator(sim.restBaseUrl(), sim.websocketUrl(), tokens)
          .withTrIds(sim.config().flavour() == kis.sim.Flavour.VTS);
      return new KisSession(system, KisConnector.create(system, cfg, c), sim, tokens);
    } catch (IOException e) {
      system.terminate();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
  }

  private static KisSession running(Config base, RunningSim target, Path credentialsFile, Map<String, String> env) {
    Path dataDir = target.dataDir() != null ? target.dataDir() : Path.of(base.getString("kis-trader.data-dir"));
    KisCredentials c = RunningSimCredentials.find(base, dataDir, credentialsFile, env);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "kis-cli");
    try {
      // run's token cache for a kis-sim (<data-dir>/tokens, one file per REST url and app key):
      // a token the engine holds is used here too, so no command issues one the engine has.
      Path tokens = Files.createDirectories(dataDir.resolve("tokens"));
      KisConfig cfg = KisConfig.forSimulator(target.restUrl(), target.wsUrl(), tokens).withTrIds(true);
      return new KisSession(system, KisConnector.create(system, cfg, c), null, null);
    } catch (IOException e) {
      system.terminate();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
  }

  /** The configuration {@link #open} uses: {@code configFile} (or nothing) over application.conf and the defaults. */
  public static Config load(Path configFile) {
    return configFile == null
        ? ConfigFactory.load()
        : ConfigFactory.parseFile(configFile.toFile()).withFallback(ConfigFactory.load()).resolve();
  }

  public KisConnector connector() {
    return connector;
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /** A one-line description of the target, without secrets. */
  public String describe() {
    KisConfig c = connector.config();
    return (embedded != null ? "embedded kis-sim" : c.mode().name().toLowerCase(java.util.Locale.ROOT))
        + " at " + c.restUrl();
  }

  @Override
  public void close() {
    try {
      // Closing the pools first keeps Pekko HTTP from reporting them as "shut down unexpectedly".
      org.apache.pekko.http.javadsl.Http.get(system).shutdownAllConnectionPools()
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // best effort: terminating the system below closes them anyway
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the JVM is about to exit anyway
    }
    if (embedded != null) {
      embedded.close();
    }
    if (tempTokens != null) {
      try (Stream<Path> files = Files.walk(tempTokens)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temp directory left behind is harmless
      }
    }
  }
}
