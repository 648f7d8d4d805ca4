package kis.actors.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Counts a strategy's exceptions in a sliding window. It outlives the host's restarts (the host
 * is restarted with backoff after each failure), so it is created once per agent and confined to
 * that agent's host actor.
 */
public final class StrategyFailures {
  private final int maxFailures;
  private final Duration window;
  private final Deque<Instant> recent = new ArrayDeque<>();
  private String lastFailure = "";
  private boolean stopped;

  public StrategyFailures(int maxFailures, Duration window) {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("max failures must be positive");
    }
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** Records a failure; true if it is one too many and the agent must be parked. */
  boolean record(Instant at, Throwable t) {
    lastFailure = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    recent.addLast(at);
    while (!recent.isEmpty() && recent.peekFirst().isBefore(at.minus(window))) {
      recent.removeFirst();
    }
    if (recent.size() >= maxFailures) {
      stopped = true;
    }
    return stopped;
  }

  /** The agent was resumed: the strategy gets a clean slate. */
  public void clear() {
    recent.clear();
    stopped = false;
  }

  public int recentCount() {
    return recent.size();
  }

  public String lastFailure() {
    return lastFailure;
  }

  /** Whether the strategy is no longer called (until the agent is resumed). */
  public boolean stopped() {
    return stopped;
  }

  int maxFailures() {
    return maxFailures;
  }
}
