package kis.connector.rest;

/**
 * {@code inquire-psbl-order} input (kis-api.md 4.6): blank {@code pdno} and price 0 give the
 * amounts only; {@code ordDvsn} {@code 01} with price 0 reflects the stock's margin rate.
 */
public record BuyingPowerQuery(String pdno, long price, String ordDvsn, boolean includeCma) {
  public BuyingPowerQuery {
    pdno = pdno == null ? "" : pdno;
    ordDvsn = ordDvsn == null ? "00" : ordDvsn;
  }

  public static BuyingPowerQuery at(String pdno, long price) {
    return new BuyingPowerQuery(pdno, price, "00", false);
  }

  public static BuyingPowerQuery cashOnly() {
    return new BuyingPowerQuery("", 0, "01", false);
  }
}
