package kis.engine.kis;

import java.io.PrintWriter;
import kis.adapter.KisVenues;
import kis.connector.rest.Balance;
import kis.connector.rest.DailyCcld;
import kis.connector.rest.OrderOutcome;
import kis.connector.rest.Quote;
import kis.connector.ws.KisFeedEvent;
import kis.journal.Venue;

/** Plain-text rendering of connector results for the command line. Never prints credentials. */
public final class KisPrinter {
  private final PrintWriter out;

  public KisPrinter(PrintWriter out) {
    this.out = out;
  }

  public void balance(Balance b) {
    Balance.Summary s = b.summary();
    out.printf("cash (deposit)     %,15d%n", s.dncaTotAmt());
    out.printf("cash D+2           %,15d%n", s.prvsRcdlExccAmt());
    out.printf("securities value   %,15d%n", s.sctsEvluAmt());
    out.printf("total value        %,15d%n", s.totEvluAmt());
    out.printf("P&L                %,15d%n", s.evluPflsSmtlAmt());
    out.printf("%-8s %-16s %10s %10s %14s %12s %14s%n", "code", "name", "qty", "sellable", "avg price", "last", "P&L");
    for (Balance.Holding h : b.holdings()) {
      out.printf("%-8s %-16s %,10d %,10d %14s %,12d %,14d%n", h.pdno(), h.prdtName(), h.hldgQty(), h.ordPsblQty(),
          h.pchsAvgPric().toPlainString(), h.prpr(), h.evluPflsAmt());
    }
    out.flush();
  }

  public void quote(Quote q) {
    out.printf("%s  last %,d  change %,d (%s%%)  open %,d high %,d low %,d  volume %,d%n", q.pdno(), q.stckPrpr(),
        q.prdyVrss(), q.prdyCtrt().toPlainString(), q.stckOprc(), q.stckHgpr(), q.stckLwpr(), q.acmlVol());
    out.printf("base %,d  limits %,d .. %,d  tick %,d%n", q.stckSdpr(), q.stckLlam(), q.stckMxpr(), q.asprUnit());
    out.flush();
  }

  public void orders(DailyCcld d) {
    out.printf("%-10s %-10s %-5s %-4s %-8s %8s %10s %8s %8s %8s %-8s %-5s%n", "odno", "orig", "orgno", "side", "code",
        "qty", "price", "filled", "left", "cxl", "time", "venue");
    for (DailyCcld.Order o : d.orders()) {
      out.printf("%-10s %-10s %-5s %-4s %-8s %,8d %,10d %,8d %,8d %,8d %-8s %-5s%n", o.odno(), o.orgnOdno(),
          o.ordGnoBrno(), o.side(), o.pdno(), o.ordQty(), o.ordUnpr(), o.totCcldQty(), o.rmnQty(), o.cncCfrmQty(),
          o.ordTmd(), venue(o.excgIdDvsnCd()));
    }
    out.printf("%d orders%n", d.orders().size());
    out.flush();
  }

  public void outcome(OrderOutcome o) {
    if (o instanceof OrderOutcome.Accepted a) {
      out.printf("ACCEPTED odno=%s orgno=%s time=%s%n", a.odno(), a.krxFwdgOrdOrgno(), a.ordTmd());
    } else if (o instanceof OrderOutcome.Rejected r) {
      out.printf("REJECTED %s %s%n", r.msgCd(), r.msg1());
    } else if (o instanceof OrderOutcome.Throttled t) {
      out.printf("THROTTLED %s %s (not accepted; safe to send again)%n", t.msgCd(), t.msg1());
    } else if (o instanceof OrderOutcome.NotSent n) {
      out.printf("NOT SENT %s (never left this process; safe to send again)%n", n.reason());
    } else if (o instanceof OrderOutcome.InDoubt d) {
      out.printf("IN DOUBT: %s -- check 'orders' before sending anything again%n", d.reason());
    }
    out.flush();
  }

  /** The venue a daily-orders row names, as the domain spells it (KIS's blank is KRX); unknown codes as sent. */
  private static String venue(String excgIdDvsnCd) {
    return KisVenues.ofCode(excgIdDvsnCd).known().map(Venue::name).orElse(String.valueOf(excgIdDvsnCd).trim());
  }

  public void event(KisFeedEvent e) {
    if (e instanceof KisFeedEvent.Trade t) {
      out.printf("%s trade %s %,d x %,d  (cum %,d)  ask %,d bid %,d  [%s]%n", t.time(), t.symbol(), t.price(),
          t.volume(), t.cumulativeVolume(), t.ask1(), t.bid1(), t.market());
    } else if (e instanceof KisFeedEvent.OrderBook b) {
      out.printf("%s book  %s ask %,d x %,d | bid %,d x %,d  [%s]%n", b.time(), b.symbol(), b.asks().get(0).price(),
          b.asks().get(0).qty(), b.bids().get(0).price(), b.bids().get(0).qty(), b.market());
    } else if (e instanceof KisFeedEvent.ExecutionNotice n) {
      out.printf("%s %s odno=%s %s %s %,d @ %,d%s%s%n", n.time(), n.kind(), n.odno(), n.side(), n.symbol(), n.qty(),
          n.price(), KisVenues.executedOn(n.exchange()).map(v -> " on " + v).orElse(""),
          n.refused() ? " REFUSED" : "");
    } else {
      out.println(e);
    }
    out.flush();
  }
}
