package kis.actors.supervisor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which market-data registrations get one of KIS's websocket slots: the highest
 * {@link FeedPriority} first, and within one priority the one subscribed first (so a slot, once
 * given, is not taken back by an equal newcomer and a restart gives the same plan). Pure.
 */
public final class SlotPlan {
  private SlotPlan() {}

  /**
   * One registration wanted: a feed's trades or its book.
   *
   * @param order when it was first subscribed (lower first)
   */
  public record Wanted(MarketFeed feed, boolean book, FeedPriority priority, long order) {}

  /** The wanted registrations that get a slot of {@code slots}, in subscription order. */
  public static Set<Wanted> streamed(List<Wanted> wanted, int slots) {
    List<Wanted> ranked = new ArrayList<>(wanted);
    ranked.sort(Comparator.comparing(Wanted::priority).thenComparingLong(Wanted::order)
        .thenComparing(Wanted::book));
    Set<Wanted> out = new LinkedHashSet<>(ranked.subList(0, Math.max(0, Math.min(slots, ranked.size()))));
    List<Wanted> inOrder = new ArrayList<>(out);
    inOrder.sort(Comparator.comparingLong(Wanted::order).thenComparing(Wanted::book));
    return new LinkedHashSet<>(inOrder);
  }
}
