package kis.journal.state;

import kis.journal.JournalSerializable;

/**
 * An event the fold could not apply as is (an illegal transition, an over-fill). It is recorded,
 * never thrown: the fold is total, and a replay must always succeed.
 */
public record Anomaly(long eventNumber, String orderId, String description) implements JournalSerializable {}
