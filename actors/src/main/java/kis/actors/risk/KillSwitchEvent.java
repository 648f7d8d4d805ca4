package kis.actors.risk;

import java.time.Instant;
import kis.journal.JournalSerializable;

/** What the kill switch journals. Records are top-level in meaning and never move (the manifest is the class name). */
public sealed interface KillSwitchEvent extends JournalSerializable
    permits KillSwitchEvent.Engaged, KillSwitchEvent.Reset {

  Instant recordedAt();

  /** The switch latched: no new orders until an operator resets it. */
  record Engaged(String reason, String by, Instant recordedAt) implements KillSwitchEvent {}

  /** An operator released the latch. */
  record Reset(String by, Instant recordedAt) implements KillSwitchEvent {}
}
