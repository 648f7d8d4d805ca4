package kis.journal.event;

import java.time.Instant;

/** An operator resumed a parked agent. */
public record AgentResumed(String by, Instant recordedAt) implements AgentEvent {}
