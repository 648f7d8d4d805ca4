package kis.actors.risk;

import java.time.Instant;
import kis.journal.JournalSerializable;

/** What the kill switch journals. Records are top-level and never move: the manifest is the class name. */
public sealed interface KillSwitchEvent extends JournalSerializable permits KillSwitchEngaged, KillSwitchReset {

  Instant recordedAt();
}
