package kis.actors.handle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
public final class LocalEngineHandle extends DeskHandle {
  private final ActorSystem<?> system;
  private final LiveEngine.Handles engine;
  private final DeskControls controls;

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

  @Override
  protected DeskControls controls() {
    return controls;
  }

  @Override
  public CompletionStage<List<AgentView>> agents() {
    return members().thenCompose(list -> {
      List<CompletableFuture<AgentView>> rows = new ArrayList<>();
      // An agent that does not answer in time keeps its last view: one slow agent never hides the others.
      list.forEach(m -> rows.add(row(m.config()).toCompletableFuture().exceptionally(e -> views.getOrDefault(
          m.config().id(), new AgentView(m.config().id(), m.config().id(), m.config().strategy(), m.config().symbol(),
              AgentState.empty(m.config().id().value()), false, false, "", Optional.empty())))));
      return CompletableFuture.allOf(rows.toArray(CompletableFuture[]::new))
          .thenApply(x -> rows.stream().map(CompletableFuture::join).toList());
    });
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
