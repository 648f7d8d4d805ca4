package kis.sim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kis.journal.Side;
import kis.journal.Symbol;

/** The account as the simulator sees it (the truth that reconciliation should arrive at). */
public final class AccountView {
  /**
   * One order row (new, revise or cancel), as inquire-daily-ccld would list it.
   *
   * @param venue {@code EXCG_ID_DVSN_CD} it was sent with (KRX, NXT, SOR)
   * @param book where it rests and fills (KRX or NXT; SOR's choice for a routed order)
   */
  public record OrderView(String odno, String orgOdno, String kind, LocalDate date, Symbol symbol, Side side,
      String ordDvsn, long qty, long price, long filledQty, long filledAmount, long cancelledQty, long remainingQty,
      boolean expired, String venue, String book) {}

  /** One execution. */
  public record FillView(long seq, String odno, LocalDate date, String time, Symbol symbol, Side side, long qty,
      long price, long fee, long tax) {}

  private final Exchange exchange;

  AccountView(Exchange exchange) {
    this.exchange = exchange;
  }

  /** Deposit in won (sale proceeds are usable at once; T+2 is not simulated). */
  public long cash() {
    return exchange.read(() -> exchange.account.cash);
  }

  /** Cash not tied up by open buy orders. */
  public long orderableCash() {
    return exchange.read(exchange::availableCash);
  }

  /** Shares held per stock (zero rows omitted). */
  public Map<Symbol, Long> holdings() {
    return exchange.read(() -> {
      Map<Symbol, Long> m = new TreeMap<>();
      exchange.account.holdings.forEach((s, h) -> {
        if (h.qty != 0) {
          m.put(s, h.qty);
        }
      });
      return m;
    });
  }

  /** Every order row, today's and earlier days', in order-number order. */
  public List<OrderView> orders() {
    return exchange.read(() -> {
      List<OrderView> out = new ArrayList<>();
      for (SimOrder o : exchange.orders) {
        out.add(new OrderView(o.odno, o.orgOdno, o.kind.name(), o.date, o.symbol, o.side, o.ordDvsn(), o.qty,
            o.price, o.filled, o.filledAmount, o.cancelled, o.remaining(), o.expired, o.requested.name(),
            o.book.name()));
      }
      return out;
    });
  }

  /** The current trading day of the simulated market. */
  public LocalDate tradingDate() {
    return exchange.read(() -> exchange.tradingDate);
  }

  /** Today's order rows only (what inquire-daily-ccld shows for today). */
  public List<OrderView> todaysOrders() {
    LocalDate today = tradingDate();
    return orders().stream().filter(o -> o.date().equals(today)).toList();
  }

  /** Today's executions only. */
  public List<FillView> todaysFills() {
    LocalDate today = tradingDate();
    return fills().stream().filter(f -> f.date().equals(today)).toList();
  }

  /** Every execution, all days, in execution order. */
  public List<FillView> fills() {
    return exchange.read(() -> exchange.fills.stream()
        .map(f -> new FillView(f.seq(), f.odno(), f.date(), f.time(), f.symbol(), f.side(), f.qty(), f.price(),
            f.fee(), f.tax()))
        .toList());
  }

  /** The last trade price of a stock. */
  public long lastPrice(Symbol s) {
    return exchange.read(() -> exchange.instrument(s).last);
  }
}
