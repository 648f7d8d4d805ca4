package kis.actors.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import kis.journal.ClientOrderId;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderEvent;
import kis.strategies.event.OrderUpdate;

/**
 * When the strategy hears the refusals of its repeated denials ({@link RepeatedDenials}): the host
 * decides them itself, without a journal write, so nothing but this paces them. A repeat's refusal
 * is held until a market event (or the strategy's own timer, which also comes at its own pace)
 * has arrived after it, so a strategy that asks again on its own
 * denial turns at most once per such event instead of at message speed (a busy core and a new
 * order id per turn); and until every refusal the strategy asked for before it, journaled and
 * heard from the agent, was heard: the strategy hears its refusals in the order it asked. Each
 * request gets a ticket in the order asked. Pure; host actor only.
 */
final class RefusalsInOrder {

  private record Held(long ticket, OrderUpdate refusal) {}

  /**
   * A refusal sent to the agent to be journaled, heard when the agent publishes it: a placement's
   * denial ({@code denied}, {@code seq} the order sequence predicted for it) or a revise's ({@code order}).
   */
  private record Awaited(long ticket, long key, long seq, RepeatedDenials.Key denied, ClientOrderId order,
      String reason) {}

  private final Deque<Held> held = new ArrayDeque<>();
  private final List<Awaited> awaited = new ArrayList<>();
  private long nextTicket = 1;
  /** Tickets below it have seen a market event arrive after them. */
  private long marketMark = 1;

  /** A placement's denial ({@code denied}) journaled by the agent under the host's command {@code key}, predicted at {@code seq}. */
  void journaledDenial(long key, long seq, RepeatedDenials.Key denied) {
    awaited.add(new Awaited(nextTicket++, key, seq, denied, null, null));
  }

  /** A revise of {@code order} refused for {@code reason}, journaled by the agent under the host's command {@code key}. */
  void journaledReviseRefusal(long key, ClientOrderId order, String reason) {
    awaited.add(new Awaited(nextTicket++, key, 0, null, order, reason));
  }

  /** A repeat's refusal, decided by the host: held until it is due ({@link #due}). */
  void repeat(OrderUpdate refusal) {
    held.add(new Held(nextTicket++, refusal));
  }

  /** A market event (or the strategy's timer) arrived: every refusal held so far has waited for one. */
  void marketEvent() {
    marketMark = nextTicket;
  }

  /**
   * The strategy heard {@code e}, one of its order events: the journaled refusal it is, if any, was
   * heard (the agent journals them in the order sent). A denial journaled under another id than
   * predicted renames the repeats held under the predicted one; the predicted sequence is returned then.
   */
  OptionalLong heard(OrderEvent e) {
    if (e instanceof OrderDenied d && d.repeats() == 0) {
      RepeatedDenials.Key k = RepeatedDenials.Key.of(d.spec(), d.reason());
      Optional<Awaited> a = awaited.stream().filter(x -> k.equals(x.denied())).findFirst();
      a.ifPresent(awaited::remove);
      if (a.isPresent() && a.get().seq() != seqOf(d.orderId())) {
        rename(a.get().seq(), d.orderId());
        return OptionalLong.of(a.get().seq());
      }
    } else if (e instanceof ModifyRejected m && m.repeats() == 0) {
      awaited.stream().filter(a -> m.orderId().equals(a.order()) && m.msgCd().equals(a.reason())).findFirst()
          .ifPresent(awaited::remove);
    }
    return OptionalLong.empty();
  }

  private void rename(long predicted, ClientOrderId actual) {
    List<Held> all = new ArrayList<>(held);
    held.clear();
    for (Held h : all) {
      boolean renamed = h.refusal().event() instanceof OrderDenied d && seqOf(d.orderId()) == predicted;
      held.add(!renamed ? h : new Held(h.ticket(), new OrderUpdate(((OrderDenied) h.refusal().event())
          .withOrderId(actual))));
    }
  }

  /**
   * The agent answered the command {@code key}: refused for {@code reason} (null: no answer in time,
   * nothing journaled). A refusal for another reason than the one asked was not journaled (a revise
   * of an order no longer revisable): it will not be heard.
   */
  void answered(long key, String reason) {
    awaited.removeIf(a -> a.key() == key && (reason == null || a.order() != null && !reason.equals(a.reason())));
  }

  /** The held refusals due now, in the order asked: each has seen a market event and nothing asked before it is unheard. */
  List<OrderUpdate> due() {
    long firstAwaited = Long.MAX_VALUE;
    for (Awaited a : awaited) {
      firstAwaited = Math.min(firstAwaited, a.ticket());
    }
    List<OrderUpdate> out = new ArrayList<>();
    while (!held.isEmpty() && held.peek().ticket() < marketMark && held.peek().ticket() < firstAwaited) {
      out.add(held.poll().refusal());
    }
    return out;
  }

  /** Refusals decided and not heard yet. */
  int held() {
    return held.size();
  }

  static long seqOf(ClientOrderId id) {
    String v = id.value();
    try {
      return Long.parseLong(v.substring(v.lastIndexOf('-') + 1));
    } catch (RuntimeException e) {
      return -1; // not one of ours: it answers none of the host's commands
    }
  }
}
