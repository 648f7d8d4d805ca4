package kis.actors.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads that give way to every other REST call of the account: one is sent only while the rate
 * limiter has a permit free now (nobody booked for a later slot), checked again after each send,
 * since a send books its permit. At start the strategy hosts' base-price fetches (one per symbol)
 * would otherwise book the first slots, and on a paper account's 1 call/s the supervisor's gap-fill
 * reconcile that gates LIVE would wait behind all of them; this way it waits for one at most. A
 * read that has waited {@code patience} is sent anyway and takes its turn like any read, so a
 * limiter that never frees cannot starve it. Used by one actor only.
 *
 * @param <T> what is fetched
 */
final class CourteousFetches<T> {
  private record Waiting<T>(T item, Instant since) {}

  private final Duration patience;
  private final ArrayDeque<Waiting<T>> waiting = new ArrayDeque<>();

  CourteousFetches(Duration patience) {
    this.patience = patience;
  }

  /** {@code item} waits from {@code now}, after those already waiting. */
  void add(T item, Instant now) {
    waiting.add(new Waiting<>(item, now));
  }

  /**
   * Hands {@code send} the waiting items, first come first, for as long as {@code restFree} says a
   * call would leave at once, then those that have waited {@code patience} by {@code now}.
   */
  void drain(BooleanSupplier restFree, Instant now, Consumer<T> send) {
    while (!waiting.isEmpty()) {
      Waiting<T> head = waiting.peek();
      if (!restFree.getAsBoolean() && head.since().plus(patience).isAfter(now)) {
        return;
      }
      waiting.poll();
      send.accept(head.item());
    }
  }

  boolean isEmpty() {
    return waiting.isEmpty();
  }
}
