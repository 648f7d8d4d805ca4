package kis.journal.event;

import java.time.Instant;
import kis.journal.ClientOrderId;
import kis.journal.ProtectiveId;
import kis.journal.ProtectiveSpec;

/**
 * A protective order is armed. Journaled in the same write as its entry order's
 * {@code OrderRequested} for a bracket.
 *
 * @param parent the entry order of a bracket, or null: the order then protects only the shares the
 *     entry has filled, and none until it fills
 * @param ocoGroup the group whose other members are cancelled when this one fires, or null
 * @param expiresAt when it is cancelled if it has not fired (its time in force, resolved when armed)
 * @param venueOrder null when the engine emulates it; else the order that carries it at KIS as a
 *     native stop-limit ({@code ORD_DVSN 22}), requested in the same write: the venue judges the
 *     trigger, and the engine knows it fired by that order's first fill (journaled as
 *     {@code ProtectiveTriggered}) and that it ended unfired when the order ends unfilled
 *     ({@code ProtectiveCancelled}). Events journaled before it existed read null.
 */
public record ProtectiveArmed(ProtectiveId protectiveId, ProtectiveSpec spec, ClientOrderId parent, String ocoGroup,
    Instant expiresAt, String reason, Instant recordedAt, ClientOrderId venueOrder) implements ProtectiveEvent {
  public ProtectiveArmed {
    reason = reason == null ? "" : reason;
  }

  /** An order the engine emulates. */
  public ProtectiveArmed(ProtectiveId protectiveId, ProtectiveSpec spec, ClientOrderId parent, String ocoGroup,
      Instant expiresAt, String reason, Instant recordedAt) {
    this(protectiveId, spec, parent, ocoGroup, expiresAt, reason, recordedAt, null);
  }
}
