package kis.journal;

/**
 * How an order is priced and how long it lives. Only {@link #LIMIT} and {@link #MARKET} are traded
 * by the engine today; the others are named so that an order seen in the account (by
 * reconciliation, say) is never misread. The KIS code of each ({@code ORD_DVSN}) lives at the edge
 * (kis-adapter's {@code KisOrderTypes}), not here. Journaled by name.
 */
public enum OrderType {
  LIMIT(true),
  MARKET(false),
  CONDITIONAL_LIMIT(true),
  BEST_LIMIT(false),
  PRIORITY_LIMIT(false),
  PRE_OPEN_AT_PREVIOUS_CLOSE(false),
  POST_CLOSE_AT_CLOSE(false),
  IOC_LIMIT(true),
  FOK_LIMIT(true),
  IOC_MARKET(false),
  FOK_MARKET(false),
  IOC_BEST(false),
  FOK_BEST(false),
  MIDPOINT(false),
  STOP_LIMIT(true);

  private final boolean carriesPrice;

  OrderType(boolean carriesPrice) {
    this.carriesPrice = carriesPrice;
  }

  /** Whether the order carries a real limit price; a priceless type is priced 0. */
  public boolean carriesPrice() {
    return carriesPrice;
  }
}
