package kis.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kis.journal.calendar.SessionSchedule;
import kis.actors.gateway.GatewaySettings;
import kis.actors.live.LiveEngine;
import kis.actors.supervisor.ConnectionState;
import kis.actors.supervisor.KisSupervisor;
import kis.connector.KisConfig;
import kis.connector.assembly.KisConnector;
import kis.connector.KisCredentials;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import kis.sim.KisSimulator;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import kis.strategies.StrategyContext;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The live engine ({@link LiveEngine}, as {@code run} wires it) in its own actor system, with the
 * engine's journal configuration (LevelDB, fsync on) under a scratch data dir, trading against an
 * embedded kis-sim on loopback.
 */
final class SimEngine implements AutoCloseable {
  final ActorSystem<Void> system;
  final LiveEngine.Handles handles;

  private SimEngine(ActorSystem<Void> system, LiveEngine.Handles handles) {
    this.system = system;
    this.handles = handles;
  }

  /** A simulator always open, no generated prints (the harness prints), no rate limit; {@code extra} inside {@code kis-sim { }}. */
  static KisSimulator simulator(String extra) {
    return KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 0, rate-limit-per-second = -1, session-mode = ALWAYS_OPEN, seed = 7,"
            // Several connectors (bare baseline, engine) take tokens from one simulator in one run.
            + " token-reissue-interval = 0s\n"
            + extra + " }")));
  }

  static KisCredentials credentials(KisSimulator sim) {
    SimCredentials c = sim.credentials();
    return KisCredentials.of(c.appKey(), c.appSecret(), c.cano() + "-" + c.acntPrdtCd(), c.htsId());
  }

  /** The connector's settings for {@code sim}, with its REST budget raised to {@code restPerSecond}. */
  static KisConfig kisConfig(KisSimulator sim, Path tokens, int restPerSecond) {
    return kisConfig(sim.restBaseUrl(), sim.websocketUrl(), tokens, restPerSecond);
  }

  /** The connector's settings for a simulator at {@code restUrl} / {@code wsUrl} (one in its own JVM, say). */
  static KisConfig kisConfig(String restUrl, String wsUrl, Path tokens, int restPerSecond) {
    return KisConfig.forSimulator(restUrl, wsUrl, tokens).withTrIds(true)
        .withRateLimit(restPerSecond, Duration.ofSeconds(1));
  }

  /**
   * Starts the engine with {@code engineHocon} (agents, risk) over the engine's own configuration
   * and waits until its KIS session is LIVE.
   */
  static SimEngine start(KisSimulator sim, Path dataDir, String engineHocon, GatewaySettings pacing, int restPerSecond)
      throws Exception {
    return start(sim.restBaseUrl(), sim.websocketUrl(), credentials(sim), dataDir, engineHocon, pacing,
        restPerSecond);
  }

  /** As {@link #start(KisSimulator, Path, String, GatewaySettings, int)}, for a simulator at {@code restUrl} / {@code wsUrl}. */
  static SimEngine start(String restUrl, String wsUrl, KisCredentials creds, Path dataDir, String engineHocon,
      GatewaySettings pacing, int restPerSecond) throws Exception {
    Config config = BenchConfig.engine(dataDir, engineHocon);
    KisConfig kc = kisConfig(restUrl, wsUrl, dataDir.resolve("tokens"), restPerSecond);
    CompletableFuture<LiveEngine.Handles> started = new CompletableFuture<>();
    Behavior<Void> root = Behaviors.setup(ctx -> LiveEngine.guardian(new LiveEngine.Setup(config,
        KisConnector.create(ctx.getSystem(), kc, creds), Clock.systemUTC(),
        SessionSchedule.alwaysOpen(StrategyContext.KST),
        new SessionClock(KrxCalendar.defaults(), Clock.systemUTC()), pacing, Duration.ofSeconds(60), dataDir),
        started));
    ActorSystem<Void> system = ActorSystem.create(root, "engine", config);
    SimEngine e;
    try {
      e = new SimEngine(system, started.get(30, TimeUnit.SECONDS));
    } catch (Exception ex) {
      system.terminate();
      throw ex;
    }
    try {
      e.awaitState(ConnectionState.LIVE, Duration.ofSeconds(60));
    } catch (Exception ex) {
      e.close();
      throw ex;
    }
    return e;
  }

  KisSupervisor.Status status() throws Exception {
    return AskPattern.<KisSupervisor.Command, KisSupervisor.Status>ask(handles.supervisor(),
        KisSupervisor.GetStatus::new, Duration.ofSeconds(5), system.scheduler()).toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  /** Polls the supervisor until it reports {@code state}; fails after {@code within}. */
  void awaitState(ConnectionState state, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (status().state() != state) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the engine's KIS session is " + status().state() + ", not " + state
            + ", after " + within.toSeconds() + " s");
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  @Override
  public void close() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
