package kis.actors.agent;

import java.time.Instant;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderRejected;

/**
 * What a strategy host has done since it started, for its status and {@link IdleReason}: events
 * delivered, intents, denials, placements held back, and how its placements fared. It outlives the
 * host's restarts after a strategy failure (the agent did not start again). Host actor only.
 */
final class HostActivity {
  final Instant startedAt;
  long delivered;
  /** Of {@link #delivered}, the trade prints. */
  long tradesDelivered;
  long intents;
  long denials;
  /** Of {@link #denials}, the repeats refused by the host and counted into a run ({@link RepeatedDenials}). */
  long repeatsCounted;
  long held;
  String lastHeld = "";
  long accepted;
  long refusedSinceAccepted;
  String lastRefusal = "";

  HostActivity(Instant startedAt) {
    this.startedAt = startedAt;
  }

  void held(String why) {
    held++;
    lastHeld = why;
  }

  /** Accepted and refused placements, from the agent's journaled events. */
  void outcome(Object event) {
    if (event instanceof OrderAccepted) {
      accepted++;
      refusedSinceAccepted = 0;
      lastRefusal = "";
    } else if (event instanceof OrderDenied d) {
      if (d.repeats() > 0) {
        return; // closes a run of repeats, each counted as it was refused
      }
      refusedSinceAccepted++;
      lastRefusal = d.reason() + (d.detail() == null || d.detail().isBlank() ? "" : " " + d.detail());
    } else if (event instanceof OrderRejected r) {
      refusedSinceAccepted++;
      lastRefusal = "rejected by KIS " + r.msgCd() + " " + r.message();
    }
  }
}
