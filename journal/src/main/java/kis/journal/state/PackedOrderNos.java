package kis.journal.state;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.RandomAccess;
import kis.journal.OrderNo;

/**
 * An immutable list of KIS order numbers held as their numeric values, as a snapshot loads a
 * day's pruned numbers ({@link PrunedOrderNos}): a busy agent has thousands, and building an
 * {@link OrderNo} (a string, checked digit by digit) for each was most of loading its snapshot,
 * for numbers that are only looked up by a reconciler. An element becomes an {@code OrderNo} when
 * read; lookups compare numbers. Equal to, and with the hash code of, any list of the same order
 * numbers in the same order.
 */
final class PackedOrderNos extends AbstractList<OrderNo> implements RandomAccess {
  /** Ten digits: the largest value an {@link OrderNo} can hold, plus one. */
  static final long LIMIT = 10_000_000_000L;

  private final long[] numbers;

  /** {@code numbers} is owned from here on; each must be below {@link #LIMIT}. */
  PackedOrderNos(long[] numbers) {
    for (long n : numbers) {
      if (n < 0 || n >= LIMIT) {
        throw new IllegalArgumentException("not a KIS order number: " + n);
      }
    }
    this.numbers = numbers;
  }

  /** The numeric value of {@code no} (its ten digits). */
  static long valueOf(OrderNo no) {
    return Long.parseLong(no.value());
  }

  /** The number at {@code index}, without building its {@code OrderNo}. */
  long number(int index) {
    return numbers[index];
  }

  @Override
  public OrderNo get(int index) {
    long n = numbers[index];
    byte[] digits = new byte[10];
    for (int i = digits.length - 1; i >= 0; i--) {
      digits[i] = (byte) ('0' + n % 10);
      n /= 10;
    }
    return new OrderNo(new String(digits, StandardCharsets.US_ASCII));
  }

  @Override
  public int size() {
    return numbers.length;
  }

  @Override
  public int indexOf(Object o) {
    if (o instanceof OrderNo no) {
      long n = valueOf(no);
      for (int i = 0; i < numbers.length; i++) {
        if (numbers[i] == n) {
          return i;
        }
      }
    }
    return -1;
  }

  @Override
  public boolean contains(Object o) {
    return indexOf(o) >= 0;
  }
}
