package kis.journal.event;

import kis.journal.ProtectiveId;

/**
 * An event about one protective order the engine emulates (a stop, take-profit or trailing stop):
 * armed, trailed, triggered or cancelled. Folded into {@code AgentState.protections()}, so a restart
 * re-arms exactly what was armed.
 */
public sealed interface ProtectiveEvent extends AgentEvent
    permits ProtectiveArmed, ProtectiveTrailed, ProtectiveTriggered, ProtectiveCancelled {

  ProtectiveId protectiveId();
}
