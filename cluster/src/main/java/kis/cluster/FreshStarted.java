package kis.cluster;

import java.time.Instant;
import kis.journal.JournalSerializable;

/**
 * An operator moved a configured agent to a new, empty journal: from now on it runs on generation
 * {@code generation} ({@code <id>.g<generation>}). Journaled by {@link AgentGeneration}; top-level
 * and never moved (the manifest is the class name).
 */
public record FreshStarted(int generation, String by, Instant recordedAt) implements JournalSerializable {}
