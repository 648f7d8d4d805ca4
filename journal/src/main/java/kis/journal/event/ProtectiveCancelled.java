package kis.journal.event;

import java.time.Instant;
import kis.journal.ProtectiveId;

/**
 * A protective order is no longer armed without having fired: the strategy disarmed it, its OCO
 * partner fired, its time in force ran out, or its bracket's entry ended without a fill.
 */
public record ProtectiveCancelled(ProtectiveId protectiveId, String reason, Instant recordedAt)
    implements ProtectiveEvent {}
