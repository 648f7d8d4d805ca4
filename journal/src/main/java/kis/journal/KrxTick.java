package kis.journal;

/**
 * The KRX price grid (호가가격단위), unified for KOSPI, KOSDAQ and KONEX since 2023-01-25
 * (shared/kis-api.md §7.1). Prices are whole won.
 */
public final class KrxTick {
  private KrxTick() {}

  /** The tick that applies to an order at {@code price}. */
  public static long tickSize(long price) {
    if (price < 2_000) {
      return 1;
    } else if (price < 5_000) {
      return 5;
    } else if (price < 20_000) {
      return 10;
    } else if (price < 50_000) {
      return 50;
    } else if (price < 200_000) {
      return 100;
    } else if (price < 500_000) {
      return 500;
    }
    return 1_000;
  }

  public static boolean isOnGrid(long price) {
    return price > 0 && price % tickSize(price) == 0;
  }

  /** The highest grid price not above {@code price}. */
  public static long roundDown(long price) {
    if (price <= 0) {
      throw new IllegalArgumentException("price must be positive: " + price);
    }
    return price - price % tickSize(price);
  }

  /** The lowest grid price not below {@code price}. */
  public static long roundUp(long price) {
    long down = roundDown(price);
    if (down == price) {
      return price;
    }
    // The next grid step above `down` uses the tick of `down`; crossing a band edge lands on the edge.
    return down + tickSize(down);
  }

  /** {@code steps} ticks above (positive) or below (negative) a grid price. */
  public static long step(long price, int steps) {
    long p = price;
    for (int i = 0; i < Math.abs(steps); i++) {
      p = steps > 0 ? p + tickSize(p) : p - tickSize(p - 1);
      if (p <= 0) {
        throw new IllegalArgumentException("stepped below zero from " + price);
      }
    }
    return p;
  }
}
