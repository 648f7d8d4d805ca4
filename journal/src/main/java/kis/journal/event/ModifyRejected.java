package kis.journal.event;

import java.time.Instant;
import kis.journal.ClientOrderId;

/**
 * KIS refused a revise or cancel (typically {@code 40330000 정정/취소할 수량이 없습니다}: it filled
 * first), or our own pre-trade check refused a revise ({@code msgCd} the reason's name). The order
 * keeps working as before.
 *
 * @param repeats 0 for a refusal journaled as it happened (every journal written before this field
 *     existed reads as 0). {@code n > 0}: this record (with the {@code ReviseRequested} before it)
 *     closes a run of {@code n} revises of this order refused for the same reason, which the strategy
 *     heard refused one by one but which were not journaled one by one (README "Limits", repeated
 *     denials); it names the last of them (its detail, and the request its price).
 */
public record ModifyRejected(ClientOrderId orderId, String msgCd, String message, Instant recordedAt, int repeats)
    implements OrderEvent {

  public ModifyRejected {
    if (repeats < 0) {
      throw new IllegalArgumentException("repeats must not be negative, got " + repeats);
    }
  }

  /** A refusal journaled as it happened. */
  public ModifyRejected(ClientOrderId orderId, String msgCd, String message, Instant recordedAt) {
    this(orderId, msgCd, message, recordedAt, 0);
  }

  /** As a record renders, with {@code repeats} only when it is not 0 (digests and journal dumps hash the text). */
  @Override
  public String toString() {
    return "ModifyRejected[orderId=" + orderId + ", msgCd=" + msgCd + ", message=" + message + ", recordedAt="
        + recordedAt + (repeats == 0 ? "" : ", repeats=" + repeats) + "]";
  }

  /** How many refused attempts this record stands for: itself, or the whole run it closes. */
  public int attempts() {
    return Math.max(1, repeats);
  }
}
