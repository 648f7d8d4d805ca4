package kis.engine;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentConfig;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import kis.actors.agent.UnwiredOrderPort;
import kis.engine.journal.EngineConfig;
import kis.engine.journal.LevelDbProbe;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kis-trader run}: load the configuration, take the data-dir lock, probe the journal, start
 * the actor system and every configured agent, and run until Ctrl-C (coordinated shutdown).
 * Exit codes: 0 clean stop, 1 bad configuration, 2 data dir or journal in use / unusable.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the engine with the configured agents.")
final class RunCommand implements Callable<Integer> {
  static final int BAD_CONFIG = 1;
  static final int UNAVAILABLE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", description = "HOCON file layered over conf/application.conf")
  Path config;

  @Option(names = "--data-dir", description = "overrides kis-trader.data-dir (journal, snapshots, lock)")
  Path dataDir;

  /** A started engine: its actor system and the data-dir lock it holds until terminated. */
  static final class Engine {
    final ActorSystem<Void> system;
    private final EngineLock lock;
    private final AtomicBoolean released = new AtomicBoolean();

    private Engine(ActorSystem<Void> system, EngineLock lock) {
      this.system = system;
      this.lock = lock;
      system.getWhenTerminated().whenComplete((d, e) -> release());
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        closeQuietly(lock);
      }
    }

    /** Terminates the system and releases the data dir before returning. */
    void stop() {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
      release();
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
    Engine engine;
    try {
      engine = start(EngineConfig.load(Optional.ofNullable(config), Optional.ofNullable(dataDir)), out);
    } catch (StartFailure e) {
      err.println("kis-trader: " + e.getMessage());
      err.flush();
      return e.exitCode;
    } catch (RuntimeException e) {
      err.println("kis-trader: bad configuration: " + e.getMessage());
      err.flush();
      return BAD_CONFIG;
    }
    out.println("Press Ctrl-C to stop (coordinated shutdown).");
    out.flush();
    engine.system.getWhenTerminated().toCompletableFuture().join();
    out.println("kis-trader stopped.");
    out.flush();
    return 0;
  }

  static Engine start(Config c, PrintWriter out) throws StartFailure {
    List<AgentConfig> agents;
    try {
      agents = AgentConfig.listFrom(c);
    } catch (IllegalArgumentException e) {
      throw new StartFailure(BAD_CONFIG, "bad agent configuration: " + e.getMessage());
    }
    Path data = EngineConfig.dataDir(c);
    EngineLock lock;
    try {
      lock = EngineLock.acquire(data);
    } catch (EngineLock.HeldException e) {
      throw new StartFailure(UNAVAILABLE, e.getMessage());
    } catch (IOException e) {
      throw new StartFailure(UNAVAILABLE, "cannot use data directory " + data.toAbsolutePath() + ": " + e.getMessage());
    }
    try {
      LevelDbProbe.check(EngineConfig.journalDir(c), true);
    } catch (LevelDbProbe.JournalUnavailableException e) {
      closeQuietly(lock);
      throw new StartFailure(UNAVAILABLE, e.getMessage());
    }
    ActorSystem<Void> system = ActorSystem.create(guardian(c, agents), "kis-trader", c);
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "announce-stop", () -> {
      out.println("kis-trader stopping (coordinated shutdown)...");
      out.flush();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    out.printf("kis-trader started: data dir %s, journal %s, %d agent(s)%s%n", data.toAbsolutePath(),
        EngineConfig.journalDir(c), agents.size(),
        agents.isEmpty() ? " (add some under kis-trader.agents, see conf/agents.example.conf)"
            : ": " + agents.stream().map(a -> a.id() + " " + a.symbol() + " " + a.strategy()).toList());
    out.println("This build trades nothing yet: the KIS connection and the strategies are not wired;"
        + " every order would be refused locally.");
    out.flush();
    return new Engine(system, lock);
  }

  private static Behavior<Void> guardian(Config c, List<AgentConfig> agents) {
    return Behaviors.setup(ctx -> {
      ActorRef<OrderPort> port = ctx.spawn(UnwiredOrderPort.create(), "order-port");
      Clock clock = Clock.system(ZoneId.of("Asia/Seoul"));
      for (AgentConfig a : agents) {
        AgentSettings s = AgentSettings.fromConfig(a.id(), c.getConfig("kis-trader.agent"));
        ctx.spawn(Agent.create(s, port, clock), "agent-" + a.id().value());
      }
      return Behaviors.empty();
    });
  }

  private static void closeQuietly(EngineLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      // The OS drops the lock with the process anyway.
    }
  }
}
