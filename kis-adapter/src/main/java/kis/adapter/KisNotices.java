package kis.adapter;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import kis.connector.ws.KisFeedEvent.ExecutionNotice;
import kis.connector.ws.KisFeedEvent.NoticeKind;
import kis.journal.OrderNo;

/**
 * Execution notices ({@code H0STCNI0}/{@code H0STCNI9}, kis-api.md 5.8) as {@link BrokerReport}s.
 * The wire meaning, in one table:
 *
 * <table>
 *   <tr><th>{@code RFUS_YN}</th><th>{@code CNTG_YN}</th><th>{@code ACPT_YN}</th><th>{@code RCTF_CLS}</th><th>report</th></tr>
 *   <tr><td>1</td><td>any</td><td>any</td><td>any</td><td>{@link BrokerReport.Refused}</td></tr>
 *   <tr><td>0</td><td>2 (fill)</td><td>any</td><td>any</td><td>{@link BrokerReport.Fill}</td></tr>
 *   <tr><td>0</td><td>1</td><td>1 received</td><td>any</td><td>{@link BrokerReport.Received}</td></tr>
 *   <tr><td>0</td><td>1</td><td>3 remainder cancelled</td><td>any</td><td>{@link BrokerReport.RemainderCancelled}</td></tr>
 *   <tr><td>0</td><td>1</td><td>2 confirmed</td><td>0 (or blank)</td><td>{@link BrokerReport.Accepted}</td></tr>
 *   <tr><td>0</td><td>1</td><td>2 confirmed</td><td>1</td><td>{@link BrokerReport.Revised}</td></tr>
 *   <tr><td>0</td><td>1</td><td>2 confirmed</td><td>2</td><td>{@link BrokerReport.Cancelled}</td></tr>
 * </table>
 *
 * Anything else (an unreadable {@code ODER_NO}, an {@code ACPT_YN} or {@code RCTF_CLS} not listed,
 * a fill without a positive quantity and price) is {@link BrokerReport.Unreadable}: never an
 * exception. {@code OODER_NO} blank or all zeros means "no original" ({@link KisOrderNumbers}).
 * A fill names the book it executed on from {@code ORD_EXG_GB} ({@link KisVenues#executedOn}); a
 * blank or unknown code leaves it unnamed rather than refusing the fill (its shares and price are
 * what matter, and the order's own venue is then the best knowledge there is).
 */
public final class KisNotices {
  private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");

  private KisNotices() {}

  public static BrokerReport decode(ExecutionNotice n) {
    String key = noticeKey(n);
    OrderNo no;
    try {
      no = OrderNo.of(n.odno());
    } catch (IllegalArgumentException e) {
      return new BrokerReport.Unreadable(key, String.valueOf(n.odno()), "unreadable order number");
    }
    Optional<OrderNo> original = KisOrderNumbers.original(n.orgnOdno());
    if (n.refused()) {
      return new BrokerReport.Refused(key, no, original);
    }
    if (n.kind() == NoticeKind.FILL) {
      if (n.qty() <= 0 || n.price() <= 0) {
        return new BrokerReport.Unreadable(key, no.value(), "a fill notice without a positive quantity and price");
      }
      return new BrokerReport.Fill(key, no, n.qty(), n.price(), execKey(no, n), time(n.time()),
          KisVenues.executedOn(n.exchange()));
    }
    String acpt = trim(n.acptYn());
    switch (acpt) {
      case "1":
        return new BrokerReport.Received(key, no, original);
      case "3":
        return new BrokerReport.RemainderCancelled(key, no);
      case "2":
        return confirmed(key, no, original, n);
      default:
        return new BrokerReport.Unreadable(key, no.value(), "unknown ACPT_YN '" + acpt + "'");
    }
  }

  private static BrokerReport confirmed(String key, OrderNo no, Optional<OrderNo> original, ExecutionNotice n) {
    String rctf = trim(n.rvseCnclCls());
    switch (rctf) {
      case "":
      case "0":
        return new BrokerReport.Accepted(key, no);
      case "1":
        // An acceptance carries the order price in ODER_PRC; older layouts only in CNTG_UNPR.
        long price = n.orderPrice() > 0 ? n.orderPrice() : n.price();
        if (price <= 0) {
          return new BrokerReport.Unreadable(key, no.value(), "a revise confirmation without a price");
        }
        return new BrokerReport.Revised(key, no, original, price);
      case "2":
        return new BrokerReport.Cancelled(key, no, original);
      default:
        return new BrokerReport.Unreadable(key, no.value(), "unknown RCTF_CLS '" + rctf + "'");
    }
  }

  /**
   * A fill's identity from the notice alone (KIS sends no execution id): order number, time,
   * quantity and price. Two genuinely distinct fills alike in all four collapse into one; the
   * reconciler's cumulative inquiry then books the missing shares. Journaled on every fill, so
   * its shape never changes.
   */
  static String execKey(OrderNo no, ExecutionNotice n) {
    return "n:" + no.value() + ":" + time(n.time()) + ":" + n.qty() + ":" + n.price();
  }

  private static String noticeKey(ExecutionNotice n) {
    String no;
    try {
      no = OrderNo.of(n.odno()).value();
    } catch (IllegalArgumentException e) {
      no = String.valueOf(n.odno());
    }
    return "n:" + no + ":" + time(n.time()) + ":" + n.qty() + ":" + n.price() + ":" + n.kind() + ":" + n.acptYn()
        + ":" + n.rvseCnclCls() + ":" + n.refused();
  }

  private static String trim(String s) {
    return s == null ? "" : s.trim();
  }

  private static String time(LocalTime t) {
    return t == null ? "" : t.format(HHMMSS);
  }
}
