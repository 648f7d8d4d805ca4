package kis.journal;

/**
 * A KIS order number ({@code ODNO}). KIS sends it zero-padded to 10 digits in REST replies and
 * notices, but older paper logs show it unpadded; it is normalised to 10 digits so that the same
 * order always compares equal whichever channel reported it.
 */
public record OrderNo(String value) implements Comparable<OrderNo> {
  public OrderNo {
    if (!isOneToTenDigits(value)) {
      throw new IllegalArgumentException("KIS order number must be 1-10 digits: " + value);
    }
    if (value.length() < 10) { // KIS's own are ten digits already: no copy for them
      value = "0".repeat(10 - value.length()) + value;
    }
  }

  // Checked by hand, not with String.matches: that compiles the pattern on every call, and order
  // numbers are built for every fill of a backtest and every event of a replay.
  private static boolean isOneToTenDigits(String v) {
    if (v == null || v.isEmpty() || v.length() > 10) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  public static OrderNo of(String raw) {
    return new OrderNo(raw == null ? null : raw.trim());
  }

  @Override
  public int compareTo(OrderNo o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
