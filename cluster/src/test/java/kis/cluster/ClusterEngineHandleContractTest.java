package kis.cluster;

import static kis.actors.live.LiveHarness.awaitTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import kis.actors.agent.Agent;
import kis.actors.handle.EngineHandle;
import kis.actors.handle.EngineHandleContract;
import kis.actors.live.AccountDesk;
import kis.cluster.migrate.JournalEvents;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.event.AgentEvent;
import kis.sim.KisSimulator;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The handle contract in the cluster profile: two nodes on the test cluster harness
 * ({@link SimCluster}), the handle on the node without the account singleton, so every control
 * crosses to an entity or the singleton wherever it runs.
 */
class ClusterEngineHandleContractTest extends EngineHandleContract {
  /** The node running the account singleton (the oldest), the one the shutdown case stops. */
  private static final int ACCOUNT_NODE = 0;
  private static final int HANDLE_NODE = 1;
  /** The shutdown's order-flow bound, and Pekko's phase a little above it so the step gives up first. */
  private static final Duration ORDER_FLOW = Duration.ofSeconds(15);

  private SimCluster cluster;
  private ClusterEngineHandle handle;

  @BeforeAll
  void start() throws Exception {
    cluster = SimCluster.start(2, AGENTS + "pekko.coordinated-shutdown.phases.before-service-unbind.timeout = "
        + ORDER_FLOW.plusSeconds(2).toMillis() + "ms\n", Files.createTempDirectory("cluster-handle-contract"),
        SimCluster.Options.PLAIN, SIM_SETTINGS, sim -> clock.start(sim.now().toInstant()));
    handle = new ClusterEngineHandle(cluster.kits.get(HANDLE_NODE).system(), cluster.handles.get(HANDLE_NODE),
        Optional.empty());
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
    cluster.handles.get(HANDLE_NODE).account().tell(new AccountDesk.DayRoll(tradingDay));
  }

  /** Recorded on every node: whichever runs the agent's entity reports it. */
  @Override
  protected void recoveryGaveUp(kis.journal.AgentId journalId, String why) {
    cluster.kits.forEach(k -> kis.actors.agent.GiveUps.record(k.system(), journalId, why));
  }

  /** To the agent the account has registered, on whichever node it runs. */
  @Override
  protected CompletionStage<ClientOrderId> placeDirectly(AgentId id, OrderSpec spec) {
    ActorSystem<Void> system = cluster.kits.get(HANDLE_NODE).system();
    return AskPattern.<AccountDesk.Command, AccountDesk.Agents>ask(cluster.handles.get(HANDLE_NODE).account(),
        AccountDesk.GetAgents::new, Duration.ofSeconds(10), system.scheduler()).thenCompose(agents -> {
          ActorRef<Agent.Command> agent = agents.agents().get(id.value());
          if (agent == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(id + " is not registered"));
          }
          return AskPattern.askWithStatus(agent, r -> new Agent.PlaceOrder(spec, "contract: placed directly", r),
              Duration.ofSeconds(10), system.scheduler());
        });
  }

  /** {@link NodeShutdown} on the account's node; settled when its order-flow step has spoken. */
  @Override
  protected CompletionStage<Stopped> shutDown() {
    ActorSystem<Void> leaving = cluster.kits.get(ACCOUNT_NODE).system();
    List<String> steps = new CopyOnWriteArrayList<>();
    CompletableFuture<java.time.Instant> settled = new CompletableFuture<>();
    NodeShutdown.register(leaving, cluster.handles.get(ACCOUNT_NODE), ORDER_FLOW, line -> {
      steps.add(line);
      settled.complete(clock.instant());
    });
    CoordinatedShutdown.get(leaving).run(CoordinatedShutdown.unknownReason());
    return leaving.getWhenTerminated().thenCombine(settled, (done, at) -> new Stopped(List.copyOf(steps), at));
  }

  /** The account singleton and the stopped node's agents, recovered on the handle's node. */
  @Override
  protected void restart() throws Exception {
    String gone = cluster.address(ACCOUNT_NODE).toString();
    awaitTrue("the account and every agent on the remaining node", WAIT, () -> {
      AccountDesk.DeskStatus s = cluster.status(HANDLE_NODE);
      return !s.node().equals(gone) && !s.agentNodes().containsValue(gone) && cluster.agents.stream()
          .allMatch(a -> s.agentNodes().containsKey(a.id().value()) || s.damaged().containsKey(a.id().value()));
    });
  }

  @Override
  protected List<AgentEvent> journal(AgentId journalId) throws Exception {
    return JournalEvents.read(cluster.kits.get(HANDLE_NODE).system(), JournalEvents.JDBC,
        Agent.persistenceId(journalId).id(), WAIT);
  }
}
