package kis.journal.event;

import java.time.Instant;
import kis.journal.ProtectiveId;

/**
 * A trailing stop's trigger moved in the trade's favour after a print at {@code best} (the best
 * price it has seen since it was armed).
 */
public record ProtectiveTrailed(ProtectiveId protectiveId, long trigger, long best, Instant printTime,
    Instant recordedAt) implements ProtectiveEvent {}
