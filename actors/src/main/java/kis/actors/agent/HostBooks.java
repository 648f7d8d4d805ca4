package kis.actors.agent;

import java.time.LocalDate;
import java.time.ZoneId;
import kis.journal.risk.DayCounters;
import kis.journal.AgentId;
import kis.journal.state.AgentState;

/**
 * The agent's books as its strategy host keeps them: the state the agent last published (pushed
 * with every journaled event, {@link Agent.Published}), the day counters folded alongside, and the
 * host's own {@link UnconfirmedIntents}. The host never asks the agent for its state on the way
 * from an event to an order; a write in flight that is not the host's own (a fill, an accept) shows
 * up with its publication, as it would a moment later anyway. Touched only from the host actor.
 */
final class HostBooks {
  private final ZoneId zone;
  private final UnconfirmedIntents unconfirmed;
  private AgentState published;
  private DayCounters counters;

  /** Books starting from {@code start}, read from the agent once when the host (re)starts. */
  HostBooks(AgentId agentId, AgentState start, LocalDate tradingDay, ZoneId zone) {
    this.zone = zone;
    this.unconfirmed = new UnconfirmedIntents(agentId, zone);
    this.published = start;
    this.counters = DayCounters.startOf(tradingDay, start);
  }

  /** One journaled event of the agent and the state after it. */
  void published(Agent.Published p) {
    counters = counters.apply(published, p.event(), zone);
    // The start read may already include events whose publication arrives after it.
    if (p.state().eventCount() >= published.eventCount()) {
      published = p.state();
    }
    unconfirmed.published(p.event(), published);
  }

  /** The books to decide on {@code today}: the published state with the host's unconfirmed commands on it. */
  UnconfirmedIntents.Books view(LocalDate today) {
    counters = counters.asOf(today, published);
    return unconfirmed.isEmpty() ? new UnconfirmedIntents.Books(published, counters)
        : unconfirmed.onto(published, counters);
  }

  UnconfirmedIntents unconfirmed() {
    return unconfirmed;
  }

  AgentState published() {
    return published;
  }
}
