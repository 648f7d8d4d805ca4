package kis.engine.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderFilled;
import kis.journal.event.PositionCorrected;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.Position;

/**
 * Replays one agent's journal and checks it event by event: sequence numbers are contiguous, the
 * fold's invariants hold after every event ({@link AgentState#invariantViolations}: filled within
 * quantity, cost, cash and realized P&L balanced), and positions move only with fills and
 * corrections, by exactly the shares the fill added to its order.
 */
public final class JournalVerifier {
  private static final int MAX_PROBLEMS = 20;

  /** The outcome for one agent; {@code problems} is empty when the journal is sound. */
  public record Report(String agentId, long events, AgentState state, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private JournalVerifier() {}

  public static Report verify(String agentId, List<JournalReader.Entry> entries) {
    List<String> problems = new ArrayList<>();
    AgentState s = AgentState.empty(agentId);
    long expectedSeq = entries.isEmpty() ? 0 : entries.get(0).sequenceNr();
    for (JournalReader.Entry entry : entries) {
      if (problems.size() >= MAX_PROBLEMS) {
        problems.add("... stopped after " + MAX_PROBLEMS + " problems");
        break;
      }
      if (entry.sequenceNr() != expectedSeq) {
        problems.add("sequence gap: expected #" + expectedSeq + ", found #" + entry.sequenceNr());
      }
      expectedSeq = entry.sequenceNr() + 1;
      AgentState next = s.apply(entry.event());
      for (String v : next.invariantViolations()) {
        problems.add("after #" + entry.sequenceNr() + ": " + v);
      }
      positionMoves(s, next, entry.event()).ifPresent(p -> problems.add("after #" + entry.sequenceNr() + ": " + p));
      s = next;
    }
    return new Report(agentId, entries.size(), s, List.copyOf(problems));
  }

  /** What is wrong with how {@code event} moved positions from {@code before} to {@code after}. */
  static Optional<String> positionMoves(AgentState before, AgentState after, AgentEvent event) {
    Map<String, Long> expected = quantities(before);
    if (event instanceof OrderFilled f) {
      Optional<Order> was = before.order(f.orderId());
      long booked = was.isPresent()
          ? after.order(f.orderId()).map(Order::filledQuantity).orElse(0L) - was.get().filledQuantity()
          : f.quantity(); // an order the agent does not know: the whole fill is booked (and flagged)
      if (booked < 0 || booked > f.quantity()) {
        return Optional.of(f.orderId() + " filled " + booked + " shares on a report of " + f.quantity());
      }
      expected.merge(f.symbol().code(), f.side().sign() * booked, Long::sum);
    } else if (event instanceof PositionCorrected c && !before.appliedCorrections().contains(c.correctionId())) {
      expected.put(c.symbol().code(), c.newQuantity());
    }
    Map<String, Long> actual = quantities(after);
    expected.values().removeIf(q -> q == 0);
    actual.values().removeIf(q -> q == 0);
    return expected.equals(actual) ? Optional.empty()
        : Optional.of(event.getClass().getSimpleName() + " moved positions to " + actual + ", expected " + expected);
  }

  private static Map<String, Long> quantities(AgentState s) {
    Map<String, Long> m = new TreeMap<>();
    for (Position p : s.positions().values()) {
      m.put(p.symbol().code(), p.quantity());
    }
    return m;
  }
}
