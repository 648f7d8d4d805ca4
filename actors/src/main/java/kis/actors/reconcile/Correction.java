package kis.actors.reconcile;

import kis.journal.event.AgentEvent;

/**
 * One event the owning agent should journal. {@code id} is derived only from what was compared
 * (agent, order, KIS number, cumulative quantity), so the same finding always has the same id:
 * an agent may keep applied ids to ignore a repeat, and the fold ignores repeats anyway.
 */
public record Correction(String id, AgentEvent event, String why) {}
