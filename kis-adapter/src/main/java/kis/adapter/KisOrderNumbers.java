package kis.adapter;

import java.util.Optional;
import kis.journal.OrderNo;

/** Order numbers as KIS writes them in notices and inquiries. */
public final class KisOrderNumbers {
  private KisOrderNumbers() {}

  /**
   * The original order a row or notice names ({@code orgn_odno}, {@code OODER_NO}), or empty for a
   * new order. KIS pads a new order's original number with blanks or with zeros depending on the
   * channel, so both mean "none"; so does anything that is not an order number.
   */
  public static Optional<OrderNo> original(String raw) {
    if (namesNone(raw)) {
      return Optional.empty();
    }
    String o = raw.trim();
    try {
      return Optional.of(OrderNo.of(o));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether an original-number field says "no original": blank, or zeros only. */
  public static boolean namesNone(String raw) {
    String o = raw == null ? "" : raw.trim();
    return o.isEmpty() || o.chars().allMatch(c -> c == '0');
  }
}
