package kis.journal;

/**
 * A KIS order number ({@code ODNO}). KIS sends it zero-padded to 10 digits in REST replies and
 * notices, but older paper logs show it unpadded; it is normalised to 10 digits so that the same
 * order always compares equal whichever channel reported it.
 */
public record OrderNo(String value) implements Comparable<OrderNo> {
  public OrderNo {
    if (value == null || !value.matches("[0-9]{1,10}")) {
      throw new IllegalArgumentException("KIS order number must be 1-10 digits: " + value);
    }
    value = "0".repeat(10 - value.length()) + value;
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
