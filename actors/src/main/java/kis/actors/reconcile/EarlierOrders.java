package kis.actors.reconcile;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kis.journal.OrderNo;

/**
 * The KIS numbers of one trading day's orders placed by the earlier journals of fresh-started
 * agents, as recorded at each fresh start ({@code GenerationStore}): a row of an earlier
 * generation is recognised by its number, not guessed from times and numbering.
 *
 * @param byNumber KIS order number → the earlier journal that placed it
 * @param complete the current journals whose every earlier generation was recorded (a journal
 *     never fresh-started is complete: it has none); for these the witness needs no heuristic to
 *     tell an earlier generation's rows from a lost tail, and uses none
 */
public record EarlierOrders(Map<OrderNo, String> byNumber, Set<String> complete) {
  /** Nothing recorded: the witness falls back on its heuristics for every agent. */
  public static final EarlierOrders UNKNOWN = new EarlierOrders(Map.of(), Set.of());

  public EarlierOrders {
    byNumber = Map.copyOf(byNumber);
    complete = Set.copyOf(complete);
  }

  /** The earlier journal that placed {@code no}, if one recorded it. */
  public Optional<String> journalOf(OrderNo no) {
    return Optional.ofNullable(byNumber.get(no));
  }

  /** Whether every earlier generation of {@code journal} was recorded. */
  public boolean isComplete(String journal) {
    return complete.contains(journal);
  }
}
