package kis.actors.live;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import kis.actors.handle.EngineHandle;
import kis.actors.handle.EngineHandleContract;
import kis.actors.handle.LocalEngineHandle;
import kis.sim.KisSimulator;
import kis.sim.SimConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The handle contract on a single node: {@link LiveEngine} with a LevelDB journal on kis-sim. */
class LocalEngineHandleContractTest extends EngineHandleContract {
  private KisSimulator sim;
  private SimEngine engine;
  private LocalEngineHandle handle;
  private Path dir;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("handle-contract");
    sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 100ms, rate-limit-per-second = -1, session-mode = ALWAYS_OPEN,"
            + " token-reissue-interval = 0s }")));
    engine = SimEngine.start("local-handle-contract", ConfigFactory.parseString(AGENTS + """
        kis-trader.agent {
          snapshot-every = 50, snapshots-kept = 2
          persist-failure-backoff { min = 100ms, max = 1s, random-factor = 0.2 }
          costs { fee-ppb = 140527, sell-tax-ppb = 2000000 }
        }
        kis-trader.risk { duplicate-window = 1ms }
        pekko.loglevel = WARNING
        """).withFallback(SimEngine.levelDb(dir)), sim, dir);
    handle = new LocalEngineHandle(engine.kit.system(), engine.handles, Clock.systemUTC());
  }

  @AfterAll
  void stop() {
    if (handle != null) {
      handle.close();
    }
    if (engine != null) {
      engine.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Override
  protected EngineHandle handle() {
    return handle;
  }

  @Override
  protected KisSimulator sim() {
    return sim;
  }

  @Override
  protected void rollDay(java.time.LocalDate tradingDay) {
    engine.handles.desk().tell(new AccountDesk.DayRoll(tradingDay));
  }

  @Override
  protected void recoveryGaveUp(kis.journal.AgentId journalId, String why) {
    kis.actors.agent.GiveUps.record(engine.kit.system(), journalId, why);
  }
}
