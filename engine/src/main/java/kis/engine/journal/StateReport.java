package kis.engine.journal;

import java.io.PrintWriter;
import kis.journal.state.AgentState;
import kis.journal.state.Anomaly;
import kis.journal.state.Order;
import kis.journal.state.Position;

/** A human-readable rendering of an agent's folded books, for {@code journal inspect}. */
public final class StateReport {
  private StateReport() {}

  public static void print(AgentState s, PrintWriter out) {
    out.printf("state of %s after %d events (hash %s)%n", s.agentId(), s.eventCount(), s.stateHash());
    out.printf("  parked: %s%s%n", s.parked(), s.parked() ? " (" + s.parkReason() + ")" : "");
    out.printf("  open orders: %d%n", s.openOrders().size());
    s.openOrders().values().forEach(o -> out.println("    " + line(o)));
    out.printf("  armed protective orders: %d (fired so far: %d)%n", s.protections().armed().size(),
        s.protections().fired());
    s.protections().all().forEach(o -> out.println("    " + o.summary()));
    if (s.protections().lastFired() != null) {
      out.println("    last fired: " + s.protections().lastFired());
    }
    out.printf("  recent closed orders: %d%n", s.closedOrders().size());
    s.closedOrders().forEach(o -> out.println("    " + line(o)));
    out.printf("  positions:%n");
    for (Position p : s.positions().values()) {
      out.printf("    %s qty %d avg %d cost %d realized %d%n", p.symbol(), p.quantity(), p.averagePrice(),
          p.costBasis(), p.realizedPnl());
    }
    out.printf("  realized P&L %d, fees %d, taxes %d, net %d, cash flow %d%n", s.realizedPnl(), s.fees(),
        s.taxes(), s.netRealizedPnl(), s.cashFlow());
    out.printf("  anomalies: %d%n", s.anomalyCount());
    for (Anomaly a : s.anomalies()) {
      out.printf("    event %d, order %s: %s%n", a.eventNumber(), a.orderId(), a.description());
    }
    var v = s.invariantViolations();
    out.printf("  invariants: %s%n", v.isEmpty() ? "hold" : "VIOLATED " + v);
  }

  static String line(Order o) {
    return String.format("%s %s %s %s %d @ %d filled %d (avg %d) cancelled %d odno %s%s", o.id(), o.status(),
        o.spec().side(), o.spec().symbol(), o.quantity(), o.price(), o.filledQuantity(), o.averageFillPrice(),
        o.cancelledQuantity(), o.orderNo(), o.lastMessage() == null ? "" : " [" + o.lastMessage() + "]");
  }
}
