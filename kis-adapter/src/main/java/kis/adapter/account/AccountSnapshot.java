package kis.adapter.account;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The account as KIS reports it at one moment: holdings ({@code inquire-balance}) and today's
 * orders ({@code inquire-daily-ccld}, every page). An adapter maps kis-connector's typed responses
 * to this; the reconciler never sees the wire.
 *
 * @param tradingDate the date the orders were queried for
 * @param takenAt when the queries finished (the reconciliation's events are recorded at this time)
 * @param cash the balance's cash figures ({@link AccountCash#UNKNOWN} when not read)
 */
public record AccountSnapshot(LocalDate tradingDate, Instant takenAt, List<Holding> holdings,
    List<AccountOrder> orders, AccountCash cash) {
  public AccountSnapshot {
    holdings = List.copyOf(holdings);
    orders = List.copyOf(orders);
    cash = cash == null ? AccountCash.UNKNOWN : cash;
  }

  /** Holdings and orders only: the cash witness says nothing about this snapshot. */
  public AccountSnapshot(LocalDate tradingDate, Instant takenAt, List<Holding> holdings, List<AccountOrder> orders) {
    this(tradingDate, takenAt, holdings, orders, AccountCash.UNKNOWN);
  }
}
