package kis.engine;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import kis.actors.live.LiveEngine;
import kis.engine.live.KisTarget;
import java.util.Optional;
import java.util.concurrent.Callable;
import kis.engine.config.ConfigGate;
import kis.engine.journal.EngineConfig;
import org.apache.pekko.actor.typed.ActorSystem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kis-trader run}: the command line of both profiles, started by one {@link EngineLauncher}:
 * the single node ({@link SingleNodeRun}, default) or one node of a cluster ({@link ClusterRun},
 * {@code --profile cluster}). Runs until Ctrl-C or SIGTERM (a coordinated shutdown), then exits 0.
 * Exit codes: 0 clean stop, 1 the engine failed to start, 2 bad configuration (every problem is
 * printed, nothing is started: {@link ConfigGate}), 3 data dir or journal in use / unusable, or the
 * dashboard's port taken (unless {@code kis.dashboard.enabled = false}).
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the engine with the configured agents.")
final class RunCommand implements Callable<Integer> {
  static final int START_FAILED = 1;
  static final int BAD_CONFIG = ConfigGate.BAD_CONFIG;
  static final int UNAVAILABLE = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", description = "HOCON file layered over conf/application.conf")
  Path config;

  @Option(names = "--data-dir", description = "overrides kis-trader.data-dir (journal, snapshots, lock)")
  Path dataDir;

  @Option(names = "--sim-url", description = "REST url of a standalone kis-sim (with credentials), e.g. http://127.0.0.1:18080")
  String simUrl;

  @Option(names = "--sim-ws-url", description = "websocket url of that kis-sim, e.g. ws://127.0.0.1:18080/websocket")
  String simWsUrl;

  @Option(names = "--credentials", description = "KIS credentials file (kept outside the repository)")
  Path credentials;

  @Option(names = "--profile", description = "default (one JVM, LevelDB) or cluster (Cluster Sharding, PostgreSQL;"
      + " README \"Cluster\")")
  String profile;

  /** A started single-node engine: its actor system and the data-dir lock it holds until terminated. */
  static final class Engine {
    final ActorSystem<Void> system;
    final KisTarget target;
    final LiveEngine.Handles handles;
    private final EngineLauncher.Running<LiveEngine.Handles> running;

    private Engine(EngineLauncher.Running<LiveEngine.Handles> running) {
      this.running = running;
      this.system = running.system;
      this.target = running.target;
      this.handles = running.handles;
    }

    /** Releases the lock and the target; whoever comes second waits until they are free. */
    void release() {
      running.release();
    }

    /** Terminates the system and releases the data dir before returning. */
    void stop() {
      running.stop();
    }
  }

  /** Thrown when the engine cannot start; carries the exit code and the operator's message. */
  static final class StartFailure extends Exception {
    final int exitCode;

    StartFailure(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Target t = new Target(simUrl, simWsUrl, credentials, System.getenv());
    if (profile == null || "default".equals(profile)) {
      return EngineLauncher.run(out, err, () -> EngineConfig.load(Optional.ofNullable(config), Optional.ofNullable(dataDir)),
          t, new SingleNodeRun());
    }
    if (!kis.cluster.ClusterProfile.NAME.equals(profile)) {
      err.println("kis-trader: unknown profile '" + profile + "' (default or cluster)");
      err.flush();
      return BAD_CONFIG;
    }
    return EngineLauncher.run(out, err, () -> kis.cluster.ClusterProfile.load(Optional.ofNullable(config),
        Optional.ofNullable(dataDir), t.env()), t, new ClusterRun());
  }

  /** The command line's say on what to trade against. */
  record Target(String simUrl, String simWsUrl, Path credentials, Map<String, String> env) {
    static Target defaults() {
      return new Target(null, null, null, Map.of());
    }
  }

  static Engine start(Config c, PrintWriter out) throws StartFailure {
    return start(c, out, Target.defaults());
  }

  static Engine start(Config c, PrintWriter out, Target t) throws StartFailure {
    return new Engine(EngineLauncher.start(c, out, t, new SingleNodeRun()));
  }

  /** The data dir and everything in it owner-only ({@link OwnerOnly}); says what it changed. */
  static void secure(Path data, PrintWriter out) {
    String summary = OwnerOnly.tighten(data).summary(data);
    if (!summary.isEmpty()) {
      out.println(summary);
      out.flush();
    }
  }

  /** Creates the data dir's log folder (owner-only) and says when the JVM's crash file goes elsewhere. */
  static void crashFilesTo(Path data, PrintWriter out) {
    try {
      OwnerOnly.create(CrashFiles.logDir(data));
    } catch (IOException e) {
      out.println("cannot create " + CrashFiles.logDir(data) + ": " + e.getMessage());
    }
    CrashFiles.advice(data).ifPresent(out::println);
    out.flush();
  }

}
