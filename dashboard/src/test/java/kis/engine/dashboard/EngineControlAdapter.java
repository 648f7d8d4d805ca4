package kis.engine.dashboard;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kis.journal.AgentId;

/** An {@link EngineControl} that refuses everything; tests override what they need. */
class EngineControlAdapter implements EngineControl {
  private static CompletionStage<ControlResult> no() {
    return CompletableFuture.completedFuture(ControlResult.refused("not in this test"));
  }

  @Override
  public CompletionStage<ControlResult> pause(AgentId agent, Operator who) {
    return no();
  }

  @Override
  public CompletionStage<ControlResult> resume(AgentId agent, Operator who) {
    return no();
  }

  @Override
  public CompletionStage<ControlResult> park(AgentId agent, Operator who) {
    return no();
  }

  @Override
  public CompletionStage<ControlResult> cancelOrders(AgentId agent, Operator who) {
    return no();
  }

  @Override
  public CompletionStage<ControlResult> freshStart(AgentId agent, Operator who, boolean handover) {
    return no();
  }

  @Override
  public CompletionStage<ControlResult> killSwitchOn(Operator who, String reason) {
    return no();
  }

  @Override
  public CompletionStage<ControlResult> killSwitchReset(Operator who) {
    return no();
  }

  @Override
  public CompletionStage<ControlResult> reconcile(Operator who) {
    return no();
  }
}
