package kis.cluster;

import java.nio.file.Files;
import java.util.Optional;
import kis.actors.handle.EngineHandle;
import kis.actors.live.AccountDesk;
import kis.actors.handle.EngineHandleContract;
import kis.sim.KisSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The handle contract in the cluster profile: two nodes on the test cluster harness
 * ({@link SimCluster}), the handle on the node without the account singleton, so every control
 * crosses to an entity or the singleton wherever it runs.
 */
class ClusterEngineHandleContractTest extends EngineHandleContract {
  private SimCluster cluster;
  private ClusterEngineHandle handle;

  @BeforeAll
  void start() throws Exception {
    cluster = SimCluster.start(2, AGENTS, Files.createTempDirectory("cluster-handle-contract"));
    handle = new ClusterEngineHandle(cluster.kits.get(1).system(), cluster.handles.get(1), Optional.empty());
  }

  @AfterAll
  void stop() throws Exception {
    if (handle != null) {
      handle.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  protected EngineHandle handle() {
    return handle;
  }

  @Override
  protected KisSimulator sim() {
    return cluster.sim;
  }

  /** The account singleton's own day roll, wherever it runs. */
  @Override
  protected void rollDay(java.time.LocalDate tradingDay) {
    cluster.handles.get(1).account().tell(new AccountDesk.DayRoll(tradingDay));
  }

  /** Recorded on every node: whichever runs the agent's entity reports it. */
  @Override
  protected void recoveryGaveUp(kis.journal.AgentId journalId, String why) {
    cluster.kits.forEach(k -> kis.actors.agent.GiveUps.record(k.system(), journalId, why));
  }
}
