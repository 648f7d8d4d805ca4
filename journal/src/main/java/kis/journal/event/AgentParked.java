package kis.journal.event;

import java.time.Instant;

/** The agent stops trading (operator action, or repeated strategy failures) but keeps its state. */
public record AgentParked(String reason, Instant recordedAt) implements AgentEvent {}
