package kis.adapter;

import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kis.adapter.account.AccountCash;
import kis.adapter.account.AccountOrder;
import kis.adapter.account.AccountSnapshot;
import kis.adapter.account.Holding;
import kis.connector.rest.Balance;
import kis.connector.rest.DailyCcld;
import kis.connector.rest.DailyCcldQuery;
import kis.journal.OrderNo;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;

/**
 * Maps kis-connector's {@code inquire-balance} and {@code inquire-daily-ccld} replies to the
 * reconciler's {@link AccountSnapshot}, following the wire mapping documented on
 * {@link AccountOrder} and {@link Holding}: the anti-corruption layer for account inquiries.
 */
public final class KisAccount {
  private KisAccount() {}

  /**
   * The inquiry for every order of {@code day} on every venue ({@code EXCG_ID_DVSN_CD = ALL}): an
   * NXT or SOR order is not listed under KRX, and the reconciler must see all of the account's.
   */
  public static DailyCcldQuery todaysOrders(LocalDate day) {
    return DailyCcldQuery.day(KisVenues.allVenues(), day);
  }

  /**
   * The account at {@code takenAt}: holdings and cash ({@link AccountCash}: the D+2 figure) from
   * {@code balance}, today's orders from {@code ccld};
   * refused, naming the row, when a row carries a code this mapping does not know (a partial
   * account must never be reconciled against).
   */
  public static Decoded<AccountSnapshot> of(LocalDate tradingDate, Instant takenAt, Balance balance, DailyCcld ccld) {
    List<Holding> holdings = new ArrayList<>();
    for (Balance.Holding h : balance.holdings()) {
      holdings.add(holding(h));
    }
    // Pages are read one after another while orders keep arriving: newest first, a new order
    // pushes rows already read onto the next page, so one order can come twice. Keep it once, as
    // the read that saw it furthest along (fills and cancels only grow).
    Map<OrderNo, AccountOrder> orders = new LinkedHashMap<>();
    for (DailyCcld.Order o : ccld.orders()) {
      Decoded<AccountOrder> row = order(o);
      if (row instanceof Decoded.Refused<AccountOrder> r) {
        return Decoded.refused("inquire-daily-ccld row " + o.odno() + ": " + r.why());
      }
      AccountOrder read = ((Decoded.Known<AccountOrder>) row).value();
      orders.merge(read.orderNo(), read, (a, b) -> progress(b) > progress(a) ? b : a);
    }
    Balance.Summary sum = balance.summary();
    AccountCash cash = sum == null || sum.equals(Balance.Summary.EMPTY) ? AccountCash.UNKNOWN
        : AccountCash.of(sum.prvsRcdlExccAmt(), sum.thdtBuyAmt(), sum.thdtSllAmt()).with(new AccountCash.Figures(
            sum.dncaTotAmt(), sum.thdtTlexAmt(), sum.sctsEvluAmt(), sum.totEvluAmt()));
    return Decoded.known(new AccountSnapshot(tradingDate, takenAt, holdings, new ArrayList<>(orders.values()), cash));
  }

  private static long progress(AccountOrder o) {
    return o.filledQuantity() + o.cancelledQuantity();
  }

  static Holding holding(Balance.Holding h) {
    long avg = h.pchsAvgPric() == null ? 0 : h.pchsAvgPric().setScale(0, RoundingMode.DOWN).longValueExact();
    return new Holding(Symbol.of(h.pdno().trim()), h.hldgQty(), avg);
  }

  static Decoded<AccountOrder> order(DailyCcld.Order o) {
    Decoded<Side> side = KisSides.fromCode(o.sllBuyDvsnCd());
    if (side instanceof Decoded.Refused<Side> r) {
      return Decoded.refused(r.why());
    }
    Decoded<Venue> venue = KisVenues.ofCode(o.excgIdDvsnCd());
    if (venue instanceof Decoded.Refused<Venue> r) {
      return Decoded.refused(r.why());
    }
    boolean isNew = KisOrderNumbers.namesNone(o.orgnOdno());
    Optional<OrderNo> orig = isNew ? Optional.empty() : Optional.of(OrderNo.of(o.orgnOdno().trim()));
    AccountOrder.Kind kind = isNew ? AccountOrder.Kind.NEW
        : "Y".equalsIgnoreCase(trim(o.cnclYn())) ? AccountOrder.Kind.CANCEL : AccountOrder.Kind.REVISE;
    LocalTime time = o.ordTmd() == null ? LocalTime.MIDNIGHT : o.ordTmd();
    return Decoded.known(new AccountOrder(OrderNo.of(o.odno()), orig, kind, trim(o.ordGnoBrno()),
        ((Decoded.Known<Side>) side).value(), Symbol.of(trim(o.pdno())), o.ordQty(), o.ordUnpr(), time,
        o.totCcldQty(), o.totCcldAmt(), o.cncCfrmQty(), o.rmnQty(), ((Decoded.Known<Venue>) venue).value()));
  }

  private static String trim(String s) {
    return s == null ? "" : s.trim();
  }
}
