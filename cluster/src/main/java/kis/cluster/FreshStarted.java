package kis.cluster;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import kis.journal.JournalSerializable;

/**
 * An operator moved a configured agent to a new, empty journal: from now on it runs on generation
 * {@code generation} ({@code <id>.g<generation>}). Journaled by {@link AgentGeneration}; top-level
 * and never moved (the manifest is the class name).
 *
 * @param day the trading day of the orders left behind; null in events written before it was recorded
 * @param leftBehind the KIS numbers of that day's orders of the journal left behind; null when not recorded
 */
public record FreshStarted(int generation, String by, Instant recordedAt, LocalDate day, List<String> leftBehind)
    implements JournalSerializable {
  public FreshStarted(int generation, String by, Instant recordedAt) {
    this(generation, by, recordedAt, null, null);
  }
}
