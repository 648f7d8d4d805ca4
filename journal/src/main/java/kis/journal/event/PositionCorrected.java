package kis.journal.event;

import java.time.Instant;
import kis.journal.Symbol;

/**
 * Reconciliation found the account holding a different quantity than the journal and adopted the
 * account's figure. {@code correctionId} is deterministic (derived from what was compared), so
 * repeating the same reconciliation after a restart is recognised and never counts twice.
 */
public record PositionCorrected(
    Symbol symbol, long newQuantity, long newAveragePrice, String correctionId, String detail, Instant recordedAt)
    implements AgentEvent {}
