package kis.engine.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The agents table as aligned plain text, for {@code kis-trader status}. */
public final class StatusTable {
  private static final String[] HEADERS = {
      "AGENT", "SYMBOL", "STRATEGY", "STATE", "POSITION", "AVG PRICE", "REALIZED", "UNREALIZED", "WORKING",
      "LAST FILL", "RISK"};
  /** Columns right-aligned because they hold numbers. */
  private static final boolean[] NUMERIC = {false, false, false, false, true, true, true, true, true, false, false};

  private StatusTable() {}

  private static String[] withIdle(String[] row, String idle) {
    String[] out = java.util.Arrays.copyOf(row, row.length + 1);
    out[row.length] = idle == null || idle.isEmpty() ? "-" : idle;
    return out;
  }

  /** The last column, shown only when some agent has an idle reason, so a trading table stays as it was. */
  private static final String IDLE_HEADER = "WHY IDLE";

  public static String render(List<AgentRow> agents) {
    boolean idle = agents.stream().anyMatch(a -> a.idleReason() != null && !a.idleReason().isEmpty());
    List<String[]> rows = new ArrayList<>();
    rows.add(idle ? withIdle(HEADERS, IDLE_HEADER) : HEADERS);
    agents.stream().sorted(Comparator.comparing(AgentRow::id)).forEach(a -> {
      String[] r = {
        a.id(),
        a.symbols().stream().map(Object::toString).collect(Collectors.joining(",")),
        a.strategy(),
        a.state().name(),
        String.format("%,d", a.position()),
        String.format("%,d", a.averagePrice()),
        String.format("%,d", a.realizedPnl()),
        String.format("%,d", a.unrealizedPnl()),
        Integer.toString(a.workingOrders()),
        a.lastFill() == null ? "-" : a.lastFill().side() + " " + a.lastFill().quantity() + "@"
            + String.format("%,d", a.lastFill().price()),
        a.riskState()};
      rows.add(idle ? withIdle(r, a.idleReason()) : r);
    });
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i] == null ? 0 : r[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        String v = r[i] == null ? "" : r[i];
        String pad = " ".repeat(width[i] - v.length());
        line.append(i < NUMERIC.length && NUMERIC[i] ? pad + v : v + pad);
        if (i < r.length - 1) {
          line.append("  ");
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
