package kis.journal.event;

import java.time.Instant;
import kis.journal.JournalSerializable;

/**
 * Everything an agent journals. The agent's state is nothing but the fold of these events
 * ({@code AgentState.apply}). Records are top-level and never move or get renamed: the Jackson
 * manifest stores the class name (see {@code journal/README.md} for schema evolution).
 *
 * <p>Every event carries {@code recordedAt}, the engine's clock when it was journaled; events that
 * report something KIS did also carry the exchange's time where KIS gives one.
 */
public sealed interface AgentEvent extends JournalSerializable
    permits OrderEvent, PositionCorrected, AgentParked, AgentResumed, ProtectiveEvent {

  Instant recordedAt();
}
