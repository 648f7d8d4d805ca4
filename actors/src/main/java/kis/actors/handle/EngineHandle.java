package kis.actors.handle;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import kis.journal.AgentId;

/**
 * The running engine as an operator (the dashboard, a status command, a test) sees and steers it,
 * whatever the profile: one implementation over the single node's actors ({@code
 * LocalEngineHandle}) and one over a cluster node's view of the account singleton and the agent
 * entities ({@code ClusterEngineHandle}). Each control means one thing in both profiles (DASHBOARD.md,
 * "What each control does"); one contract suite ({@code EngineHandleContract}) runs against both.
 *
 * <p>Every method is thread-safe and never blocks: answers complete on the actor system's threads.
 * A control completes with a {@link ControlOutcome} (done or refused, with the operator's message)
 * and fails only when the engine did not answer in time. An agent is named by its configured id or
 * by its current journal id (what a dashboard row shows); an older journal id of a fresh-started
 * agent names nothing.
 */
public interface EngineHandle extends AutoCloseable {

  /**
   * Every configured agent the engine knows, with its books. On a single node the books are asked
   * of each agent; in the cluster they are the last ones asked of each agent's entity, which is
   * asked only when its journal moved or a control touched it, and at least once per sweep (the
   * handle's cost grows with what changed, not with the number of agents). A damaged agent keeps
   * the last books it showed (empty if none).
   */
  CompletionStage<List<AgentView>> agents();

  /** One agent's books asked now (never cached); empty if no agent has that id. */
  CompletionStage<Optional<AgentView>> books(AgentId id);

  /**
   * A host pause ({@code on}) or unpause: placements are dropped while market data, fills and
   * working orders go on. Not journaled: a restarted engine (or a moved cluster entity) runs the agent unpaused.
   */
  CompletionStage<ControlOutcome> pause(AgentId id, boolean on, String by);

  /** A journaled park ({@code AgentParked}): the agent places nothing until resumed, across restarts. */
  CompletionStage<ControlOutcome> park(AgentId id, String by);

  /** Unpauses the agent's host and, if the agent is parked, resumes it (journaled {@code AgentResumed}). */
  CompletionStage<ControlOutcome> resume(AgentId id, String by);

  /** One {@code CancelAllWorking} to the agent: a cancel for each order working now; answered with the count. */
  CompletionStage<ControlOutcome> cancelWorking(AgentId id, String by);

  /**
   * A new, empty journal for the agent ({@code <id>.g<n>}), refused as {@code FreshStartRule} says:
   * not parked, a working or in-doubt order, or a position unless {@code handover} (then the new
   * journal starts holding the old positions). Done names the new journal.
   */
  CompletionStage<ControlOutcome> freshStart(AgentId id, String by, boolean handover);

  /**
   * Engages ({@code engage}) the account's journaled kill switch, cancelling every agent's working
   * orders and denying new ones until reset, or resets it.
   */
  CompletionStage<ControlOutcome> killSwitch(boolean engage, String reason, String by);

  /** Joins the reconciliation in progress, or starts one; done with a summary, refused with its failure. */
  CompletionStage<ControlOutcome> reconcileNow(String by);

  /**
   * Accepts the account's cash as it is (a deposit or withdrawal made outside the engine): the
   * reconciler's cash witness takes a new baseline at its next run that can be judged.
   */
  CompletionStage<ControlOutcome> acceptCash(String by);

  /** Books the orders no agent owns on the agent's symbols into its journal (the reconciler's book-back). */
  CompletionStage<ControlOutcome> bookBack(AgentId id, String by);

  /** The account: KIS connection, last reconciliation and its failures, kill switch, limits, marks, disk. */
  CompletionStage<AccountView> account();

  /** The cluster's members and the agents each runs; empty on a single node. */
  default CompletionStage<List<NodeView>> nodes() {
    return java.util.concurrent.CompletableFuture.completedFuture(List.of());
  }

  /** Stops the handle's background work (not the engine). */
  @Override
  void close();
}
