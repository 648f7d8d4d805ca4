package kis.journal.event;

import java.time.Instant;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveId;

/**
 * A protective order fired on a print at {@code printPrice}: it is no longer armed, and its child
 * order {@code childOrderId} ({@code child}) follows in the same journal write, as
 * {@code OrderRequested} (then sent) or as {@code OrderDenied} when a pre-trade check refused it at
 * trigger time (never silently dropped).
 *
 * @param denied the refusal of the child ({@code REASON detail}), or null when it was sent
 */
public record ProtectiveTriggered(ProtectiveId protectiveId, long printPrice, Instant printTime,
    ClientOrderId childOrderId, OrderSpec child, String denied, Instant recordedAt) implements ProtectiveEvent {

  /** A fire whose child was sent. */
  public ProtectiveTriggered(ProtectiveId protectiveId, long printPrice, Instant printTime, ClientOrderId childOrderId,
      OrderSpec child, Instant recordedAt) {
    this(protectiveId, printPrice, printTime, childOrderId, child, null, recordedAt);
  }
}
