package kis.actors.live;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import kis.actors.agent.Agent;
import kis.actors.handle.EngineHandle;
import kis.actors.handle.EngineHandleContract;
import kis.actors.handle.LocalEngineHandle;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.event.AgentEvent;
import kis.sim.KisSimulator;
import kis.sim.SimConfig;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The handle contract on a single node: {@link LiveEngine} with a LevelDB journal on kis-sim. */
class LocalEngineHandleContractTest extends EngineHandleContract {
  private KisSimulator sim;
  private SimEngine engine;
  private LocalEngineHandle handle;
  private Path dir;
  private final List<String> shutdownSteps = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("handle-contract");
    sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(SIM_SETTINGS)));
    clock.start(sim.now().toInstant());
    startEngine("local-handle-contract");
  }

  /** The engine on {@link #dir}, on the contract's clock, with its coordinated shutdown's phases. */
  private void startEngine(String name) throws Exception {
    Config config = ConfigFactory.parseString(AGENTS + """
        kis-trader.agent {
          snapshot-every = 50, snapshots-kept = 2
          persist-failure-backoff { min = 100ms, max = 1s, random-factor = 0.2 }
          costs { fee-ppb = 140527, sell-tax-ppb = 2000000 }
        }
        kis-trader.risk { duplicate-window = 1ms }
        pekko.loglevel = WARNING
        """).withFallback(SimEngine.levelDb(dir));
    engine = SimEngine.startWithShutdownSteps(name, config, sim, dir, Duration.ofSeconds(2), shutdownSteps::add, clock);
    handle = new LocalEngineHandle(engine.kit.system(), engine.handles, clock);
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

  @Override
  protected CompletionStage<ClientOrderId> placeDirectly(AgentId id, OrderSpec spec) {
    ActorRef<Agent.Command> agent = engine.handles.registry().agents().get(id);
    return AskPattern.askWithStatus(agent, r -> new Agent.PlaceOrder(spec, "contract: placed directly", r),
        Duration.ofSeconds(10), engine.kit.system().scheduler());
  }

  /** The engine's own coordinated shutdown ({@link EngineShutdown}), as SIGTERM runs it. */
  @Override
  protected CompletionStage<Stopped> shutDown() {
    shutdownSteps.clear();
    var system = engine.kit.system();
    CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());
    return system.getWhenTerminated().thenApply(d -> new Stopped(List.copyOf(shutdownSteps), clock.instant()));
  }

  @Override
  protected void restart() throws Exception {
    handle.close();
    handle = null;
    engine = null; // down already: its close would ask stopped actors
    startEngine("local-handle-contract-restarted");
  }

  @Override
  protected List<AgentEvent> journal(AgentId journalId) throws Exception {
    var system = engine.kit.system();
    var query = org.apache.pekko.persistence.query.PersistenceQuery.get(system).getReadJournalFor(
        org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery.class,
        "pekko.persistence.query.journal.leveldb");
    return query.currentEventsByPersistenceId(Agent.persistenceId(journalId).id(), 0L, Long.MAX_VALUE)
        .map(e -> (AgentEvent) e.event())
        .runWith(org.apache.pekko.stream.javadsl.Sink.seq(), system)
        .toCompletableFuture().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
  }
}
