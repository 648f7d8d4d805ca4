package kis.engine.dashboard;

import java.util.concurrent.CompletionStage;
import kis.journal.AgentId;

/**
 * The operator's levers on the live engine. The dashboard calls these only after checking the
 * control token and after writing the request to the {@link ControlAudit}; implementations should
 * journal the action too (for example {@code AgentParked} carries the operator as its reason).
 *
 * <p>Called from Pekko HTTP's threads; implementations send a message to the owning actor and
 * complete the stage with its reply. A refusal (unknown agent, agent already parked, kill switch
 * already off) completes normally with {@link ControlResult#refused}; the stage completes
 * exceptionally only when the engine did not answer (the dashboard then reports 503). Every method
 * must be safe to repeat: pausing a paused agent is a no-op answered with {@code ok}.
 */
public interface EngineControl {

  /**
   * How long the dashboard waits for {@link #reconcile} and {@link #bookBack}, which wait for a
   * reconcile run (reads of the whole account and every agent): longer than a run takes under
   * load, so the answer is the run's, not a 503. The other controls answer within seconds.
   */
  java.time.Duration LONG_CONTROL = java.time.Duration.ofSeconds(60);

  /** Stop the agent's strategy from placing new orders; working orders stay. */
  CompletionStage<ControlResult> pause(AgentId agent, Operator who);

  /** Let a paused (or operator-parked) agent trade again. */
  CompletionStage<ControlResult> resume(AgentId agent, Operator who);

  /** Park the agent: no new orders until an operator resumes it (journaled as {@code AgentParked}). */
  CompletionStage<ControlResult> park(AgentId agent, Operator who);

  /** Send a cancel for every live order of the agent. */
  CompletionStage<ControlResult> cancelOrders(AgentId agent, Operator who);

  /**
   * Start the agent afresh on a new, empty journal (its old journal is kept for audit): the agent's
   * books, orders and P&L leave the page. Refused (with the reason) unless the agent is parked with
   * no working or in-doubt order ({@code kis.actors.manager.FreshStartRule}), and refused while it
   * holds a position unless {@code handover}: then the new journal starts holding the old one's
   * positions (journaled there), so the books keep matching the account. Done, the message names
   * the new journal (and what was handed over).
   */
  CompletionStage<ControlResult> freshStart(AgentId agent, Operator who, boolean handover);

  /** {@link #freshStart(AgentId, Operator, boolean)} without a handover. */
  default CompletionStage<ControlResult> freshStart(AgentId agent, Operator who) {
    return freshStart(agent, who, false);
  }

  /** Engage the kill switch: every agent stops sending, working orders are cancelled. */
  CompletionStage<ControlResult> killSwitchOn(Operator who, String reason);

  /** Release the kill switch; agents stay paused until resumed one by one. */
  CompletionStage<ControlResult> killSwitchReset(Operator who);

  /**
   * Run the reconciler now instead of waiting for its next period, or join the run in progress;
   * answered with that run's findings.
   */
  CompletionStage<ControlResult> reconcile(Operator who);

  /**
   * Accept the account's cash as it is (a deposit or withdrawal made outside the engine): the
   * reconciler's cash witness takes a new baseline at its next run that can be judged. Answered at
   * once; agents parked for cash drift stay parked until resumed.
   */
  default CompletionStage<ControlResult> acceptCash(Operator who) {
    return java.util.concurrent.CompletableFuture.completedFuture(ControlResult.refused("accept-cash is not available"));
  }

  /**
   * Book the orders the account lists today on the agent's symbols that no agent owns (the tail a
   * damaged journal lost) back into the parked agent, judged by a reconcile run after the request,
   * the evidence journaled with them. Refused when there is nothing to book or the agent is not
   * parked. The agent stays parked until resumed.
   */
  default CompletionStage<ControlResult> bookBack(AgentId agent, Operator who) {
    return java.util.concurrent.CompletableFuture.completedFuture(ControlResult.refused("book-back is not available"));
  }
}
