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
 */
public record ProtectiveArmed(ProtectiveId protectiveId, ProtectiveSpec spec, ClientOrderId parent, String ocoGroup,
    Instant expiresAt, String reason, Instant recordedAt) implements ProtectiveEvent {
  public ProtectiveArmed {
    reason = reason == null ? "" : reason;
  }
}
