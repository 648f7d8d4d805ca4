package kis.actors.handle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import kis.actors.agent.AgentConfig;
import kis.actors.live.AgentRunner;
import kis.actors.live.LiveEngine;
import kis.actors.live.LocalAgents;
import kis.journal.AgentId;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * {@link EngineHandle} over a single node's {@link LiveEngine}: every control is {@link DeskControls},
 * as in the cluster, with each runner reached as a child of {@link LocalAgents}; the agents' rows are
 * asked of every runner on each call (an agent that does not answer in time keeps its last row).
 */
public final class LocalEngineHandle implements EngineHandle {
  private final ActorSystem<?> system;
  private final LiveEngine.Handles engine;
  private final DeskControls controls;
  /** The last row of each agent, by configured id. */
  private final Map<AgentId, AgentView> lastViews = new ConcurrentHashMap<>();

  public LocalEngineHandle(ActorSystem<?> system, LiveEngine.Handles engine, java.time.Clock clock) {
    this.system = system;
    this.engine = engine;
    this.controls = new DeskControls(system, engine.desk(), new LocalRunners(), this::byJournal, id -> {});
  }

  /** The runners as children of the node's {@link LocalAgents}. */
  private final class LocalRunners implements DeskControls.Runners {
    @Override
    public List<AgentConfig> configured() {
      return engine.agents();
    }

    @Override
    public <T> CompletionStage<T> ask(AgentId id, Function<ActorRef<T>, AgentRunner.Command> message,
        Duration timeout) {
      return members().thenCompose(list -> {
        Optional<ActorRef<AgentRunner.Command>> runner = list.stream().filter(m -> m.config().id().equals(id))
            .findFirst().flatMap(LocalAgents.Member::runner);
        if (runner.isEmpty()) {
          return CompletableFuture.failedFuture(new IllegalStateException(id + " is not running (restarting)"));
        }
        return AskPattern.ask(runner.get(), message::apply, timeout, system.scheduler());
      });
    }
  }

  private CompletionStage<List<LocalAgents.Member>> members() {
    return AskPattern.ask(engine.runners(), LocalAgents.GetAgents::new, Asks.ASK, system.scheduler());
  }

  private Optional<AgentId> byJournal(AgentId journalId) {
    return lastViews.values().stream().filter(v -> v.journalId().equals(journalId)).findFirst()
        .map(AgentView::configuredId);
  }

  @Override
  public CompletionStage<List<AgentView>> agents() {
    return members().thenCompose(list -> {
      List<CompletableFuture<AgentView>> views = new ArrayList<>();
      // An agent that does not answer in time keeps its last view: one slow agent never hides the others.
      list.forEach(m -> views.add(row(m.config()).toCompletableFuture().exceptionally(e -> lastViews.getOrDefault(
          m.config().id(), new AgentView(m.config().id(), m.config().id(), m.config().strategy(), m.config().symbol(),
              AgentState.empty(m.config().id().value()), false, false, "", Optional.empty())))));
      return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
          .thenApply(x -> views.stream().map(CompletableFuture::join).toList());
    });
  }

  private CompletionStage<AgentView> row(AgentConfig a) {
    return controls.status(a).thenApply(s -> {
      AgentView v = DeskControls.view(a, s, lastViews.get(a.id()));
      lastViews.put(a.id(), v);
      return v;
    });
  }

  @Override
  public CompletionStage<Optional<AgentView>> books(AgentId id) {
    Optional<AgentConfig> a = controls.config(id);
    return a.isEmpty() ? CompletableFuture.completedFuture(Optional.empty()) : row(a.get()).thenApply(Optional::of);
  }

  @Override
  public CompletionStage<ControlOutcome> pause(AgentId id, boolean on, String by) {
    return controls.pause(id, on, by);
  }

  @Override
  public CompletionStage<ControlOutcome> park(AgentId id, String by) {
    return controls.park(id, by);
  }

  @Override
  public CompletionStage<ControlOutcome> resume(AgentId id, String by) {
    return controls.resume(id, by);
  }

  @Override
  public CompletionStage<ControlOutcome> cancelWorking(AgentId id, String by) {
    return controls.cancelWorking(id, by);
  }

  @Override
  public CompletionStage<ControlOutcome> freshStart(AgentId id, String by, boolean handover) {
    return controls.freshStart(id, by, handover);
  }

  @Override
  public CompletionStage<ControlOutcome> killSwitch(boolean engage, String reason, String by) {
    return controls.killSwitch(engage, reason, by);
  }

  @Override
  public CompletionStage<ControlOutcome> reconcileNow(String by) {
    return controls.reconcileNow(by);
  }

  @Override
  public CompletionStage<ControlOutcome> acceptCash(String by) {
    return controls.acceptCash(by);
  }

  @Override
  public CompletionStage<ControlOutcome> bookBack(AgentId id, String by) {
    return controls.bookBack(id, by);
  }

  @Override
  public CompletionStage<AccountView> account() {
    return controls.account(node -> true);
  }

  @Override
  public void close() {
    // Nothing runs in the background: every answer is asked when wanted.
  }
}
