package kis.engine;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import kis.actors.live.LiveEngine;
import kis.actors.manager.JournalHealth;
import kis.connector.assembly.KisConnector;
import kis.engine.RunCommand.StartFailure;
import kis.engine.dashboard.ControlToken;
import kis.engine.dashboard.live.LiveDashboard;
import kis.engine.journal.DashboardJournal;
import kis.engine.journal.EngineConfig;
import kis.engine.journal.JournalGate;
import kis.engine.journal.JournalStartCheck;
import kis.engine.journal.LevelDbBackend;
import kis.engine.journal.LevelDbProbe;
import kis.engine.live.RecordingLog;
import kis.engine.live.StatusLog;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * {@code kis-trader run}: the single node ({@link LiveEngine}: the account desk and the agent runners with their
 * strategies in one JVM, journaling to LevelDB), against the embedded kis-sim (default), a
 * standalone kis-sim or KIS. Its coordinated shutdown stops order flow, then the agents, then the
 * KIS websocket before the journal closes, printing a line per step.
 */
final class SingleNodeRun implements EngineLauncher.Profile<LiveEngine.Handles> {
  /** What the journal start check found, for the engine (set by {@link #checkJournal}). */
  private JournalHealth journals;

  @Override
  public String command() {
    return "run";
  }

  @Override
  public void checkJournal(Config c, Path data, PrintWriter out) throws StartFailure {
    try {
      journals = JournalStartCheck.run(data, EngineConfig.journalDir(c), LevelDbBackend.of(c), out);
      LevelDbProbe.check(EngineConfig.journalDir(c), true, LevelDbBackend.of(c));
    } catch (JournalGate.Refused | LevelDbProbe.JournalUnavailableException e) {
      throw new StartFailure(RunCommand.UNAVAILABLE, e.getMessage());
    }
  }

  @Override
  public Config systemConfig(Config c) {
    return LiveEngine.shutdownPhases(c).withFallback(LocalSerializers.only(c));
  }

  @Override
  public Behavior<Void> guardian(ActorContext<Void> ctx, EngineLauncher.Wiring w, KisConnector connector,
      CompletableFuture<LiveEngine.Handles> started) {
    PrintWriter out = w.out();
    return LiveEngine.guardian(new LiveEngine.Setup(w.config(), connector, w.clock(), w.schedule(), w.sessions(),
        w.pacing(), w.reconcileEvery(), w.data(), journals), started, line -> {
          out.println(line);
          out.flush();
        });
  }

  @Override
  public void running(ActorSystem<Void> system, EngineLauncher.Wiring w, LiveEngine.Handles handles) {
    system.systemActorOf(StatusLog.create(new kis.actors.handle.LocalEngineHandle(system, handles, w.clock()), EngineLauncher.statusEvery(w.config())), "status-log",
        Props.empty());
    RecordingLog.start(system, EngineLauncher.statusEvery(w.config()));
  }

  @Override
  public LiveDashboard dashboard(ActorSystem<Void> system, EngineLauncher.Wiring w, LiveEngine.Handles handles,
      ControlToken token) throws Exception {
    return LiveDashboard.start(w.config(), system, handles, DashboardJournal.of(system), w.schedule(), w.clock(),
        w.data(), w.target().config(), w.metrics(), token);
  }

  @Override
  public String startedLine(ActorSystem<Void> system, EngineLauncher.Wiring w) {
    return String.format("kis-trader started against %s: data dir %s, journal %s, %d agent(s)%s", w.target().describe(),
        w.data().toAbsolutePath(), EngineConfig.journalDir(w.config()), w.agents().size(),
        w.agents().isEmpty() ? " (add some under kis-trader.agents, see conf/agents.example.conf)"
            : ": " + w.agents().stream().map(a -> a.id() + " " + a.symbol() + " " + a.strategy()).toList());
  }

  @Override
  public String waitingLine() {
    return "Press Ctrl-C to stop (coordinated shutdown).";
  }

  @Override
  public String stoppedLine() {
    return "kis-trader stopped.";
  }
}
