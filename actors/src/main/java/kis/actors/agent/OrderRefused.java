package kis.actors.agent;

import java.util.Optional;
import kis.journal.RejectReason;

/**
 * Why an agent refused a command. The agent replies {@code StatusReply.error(message(reason,
 * detail))}: a plain error message (serializable everywhere, no Java serialization) that starts
 * with the reason's name, which {@link #reasonOf} reads back.
 */
public final class OrderRefused extends RuntimeException {
  private final RejectReason reason;

  public OrderRefused(RejectReason reason, String detail) {
    super(message(reason, detail), null, false, false);
    this.reason = reason;
  }

  /** The text of a refusal: {@code "KRX_TICK_SIZE: 70050 is off the KRX grid"}. */
  public static String message(RejectReason reason, String detail) {
    return reason.name() + ": " + detail;
  }

  public RejectReason reason() {
    return reason;
  }

  /** The reason behind a refusal, from the exception or from its message text. */
  public static Optional<RejectReason> reasonOf(Throwable t) {
    if (t instanceof OrderRefused r) {
      return Optional.of(r.reason);
    }
    String m = t == null ? null : t.getMessage();
    if (m != null && m.indexOf(':') > 0) {
      try {
        return Optional.of(RejectReason.valueOf(m.substring(0, m.indexOf(':'))));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
