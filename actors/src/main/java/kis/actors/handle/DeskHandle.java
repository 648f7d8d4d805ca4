package kis.actors.handle;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import kis.actors.agent.AgentConfig;
import kis.journal.AgentId;

/**
 * What the single node's and the cluster's {@link EngineHandle} share: every control is one
 * {@link DeskControls} call, and each agent's last row is kept by configured id so that a journal id
 * names its agent. A profile says only how its runners are reached and how its rows are refreshed.
 */
public abstract class DeskHandle implements EngineHandle {
  /** The last row of each agent, by configured id. */
  protected final Map<AgentId, AgentView> views = new ConcurrentHashMap<>();

  /** The controls over this profile's account desk and runners. */
  protected abstract DeskControls controls();

  /** A journal id names the agent whose current journal it is, as last shown. */
  protected final Optional<AgentId> byJournal(AgentId journalId) {
    return views.values().stream().filter(v -> v.journalId().equals(journalId)).findFirst()
        .map(AgentView::configuredId);
  }

  /** Asks the agent's runner for its row now and keeps it as the agent's last row. */
  protected final CompletionStage<AgentView> row(AgentConfig a) {
    return controls().status(a).thenApply(s -> {
      AgentView v = DeskControls.view(a, s, views.get(a.id()));
      views.put(a.id(), v);
      return v;
    });
  }

  @Override
  public final CompletionStage<Optional<AgentView>> books(AgentId id) {
    Optional<AgentConfig> a = controls().config(id);
    return a.isEmpty() ? CompletableFuture.completedFuture(Optional.empty()) : row(a.get()).thenApply(Optional::of);
  }

  @Override
  public final CompletionStage<ControlOutcome> pause(AgentId id, boolean on, String by) {
    return controls().pause(id, on, by);
  }

  @Override
  public final CompletionStage<ControlOutcome> park(AgentId id, String by) {
    return controls().park(id, by);
  }

  @Override
  public final CompletionStage<ControlOutcome> resume(AgentId id, String by) {
    return controls().resume(id, by);
  }

  @Override
  public final CompletionStage<ControlOutcome> cancelWorking(AgentId id, String by) {
    return controls().cancelWorking(id, by);
  }

  @Override
  public final CompletionStage<ControlOutcome> freshStart(AgentId id, String by, boolean handover) {
    return controls().freshStart(id, by, handover);
  }

  @Override
  public final CompletionStage<ControlOutcome> killSwitch(boolean engage, String reason, String by) {
    return controls().killSwitch(engage, reason, by);
  }

  @Override
  public final CompletionStage<ControlOutcome> reconcileNow(String by) {
    return controls().reconcileNow(by);
  }

  @Override
  public final CompletionStage<ControlOutcome> acceptCash(String by) {
    return controls().acceptCash(by);
  }

  @Override
  public final CompletionStage<ControlOutcome> bookBack(AgentId id, String by) {
    return controls().bookBack(id, by);
  }
}
