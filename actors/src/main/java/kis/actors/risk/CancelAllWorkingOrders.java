package kis.actors.risk;

import java.time.Instant;
import kis.journal.JournalSerializable;

/**
 * Told by the {@link KillSwitch} to whoever manages the agents: cancel every working order now.
 * Sent again after every restart while the switch is engaged, so receivers must treat it as
 * idempotent (cancelling what is already cancelled or pending cancel does nothing).
 */
public record CancelAllWorkingOrders(String reason, Instant engagedAt) implements JournalSerializable {}
