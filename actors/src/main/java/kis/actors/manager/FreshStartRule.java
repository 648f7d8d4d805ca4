package kis.actors.manager;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kis.actors.agent.Agent;
import kis.journal.AgentId;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import kis.journal.state.Position;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * When an agent may start afresh on a new, empty journal: the one rule of {@code AgentRunner.FreshStart},
 * the same runner in both profiles, so every caller (dashboard, tests, a future command) gets the
 * same answer.
 *
 * <p>A fresh start stops watching the old journal, so an order still alive in it would be left
 * behind: its fills would reach no agent and the reconciler would call it external. Hence the
 * agent must hold no live order: working ones cancelled (and the cancels confirmed), unanswered or
 * in-doubt ones resolved by KIS's reply or a reconciliation. It must also be parked (its journaled
 * stop: the agent itself refuses placements), so that no new order can be placed between this
 * check and the move to the new journal.
 *
 * <p>Nor may it hold a position, unless the operator hands it over: the shares are in the account
 * either way, and books that forget them leave a position drift the reconciler can never clear.
 * With {@code handover}, the new journal starts holding what the old one held, journaled there as
 * {@code PositionCorrected} (correction id {@code handover:<old journal>:<symbol>}, so a repeat is
 * a no-op) with the old journal and the operator in its detail.
 */
public final class FreshStartRule {
  private FreshStartRule() {}

  /** Why {@code agent}, with these books, may not start afresh now (no handover); empty if it may. */
  public static Optional<String> refusal(AgentId agent, AgentState books) {
    return refusal(agent, books, false);
  }

  /**
   * Why {@code agent}, with these books, may not start afresh now; empty if it may.
   *
   * @param handover the operator hands the agent's positions over to the new journal
   */
  public static Optional<String> refusal(AgentId agent, AgentState books, boolean handover) {
    List<String> why = new ArrayList<>();
    if (!books.parked()) {
      why.add("park it first (so nothing new is placed meanwhile)");
    }
    long unsettled = 0;
    long working = 0;
    for (Order o : books.openOrders().values()) {
      if (o.status() == OrderStatus.IN_DOUBT || o.status() == OrderStatus.REQUESTED) {
        unsettled++;
      } else {
        working++;
      }
    }
    if (working > 0) {
      why.add(working + " working order(s): cancel them first");
    }
    if (unsettled > 0) {
      why.add(unsettled + " order(s) in doubt or awaiting KIS's answer: wait for the answer or a reconcile");
    }
    List<Position> held = held(books);
    if (!held.isEmpty() && !handover) {
      why.add("it holds " + describe(held) + ": close the position first, or hand it over to the new journal"
          + " explicitly (fresh-start with handover=true), since books without it would never match the account");
    }
    return why.isEmpty() ? Optional.empty()
        : Optional.of(agent + " cannot start afresh yet: "
            + String.join("; ", why));
  }

  /** The positions the agent holds (non-zero quantity), in symbol order. */
  public static List<Position> held(AgentState books) {
    return books.positions().values().stream().filter(p -> p.quantity() != 0)
        .sorted(java.util.Comparator.comparing(p -> p.symbol().code())).toList();
  }

  /** For a reply: {@code "; handed over: 10 share(s) of 005930"}, or empty without a handover or position. */
  public static String handoverNote(AgentState books, boolean handover) {
    List<Position> held = held(books);
    return handover && !held.isEmpty() ? "; handed over: " + describe(held) : "";
  }

  /** {@code 10 share(s) of 005930, 3 share(s) of 000660}. */
  public static String describe(List<Position> held) {
    return String.join(", ", held.stream().map(p -> p.quantity() + " share(s) of " + p.symbol().code()).toList());
  }

  /**
   * The commands that carry {@code held} over into the new journal's agent: one
   * {@code CorrectPosition} per symbol, idempotent by its correction id.
   */
  public static List<Agent.CorrectPosition> handover(AgentId oldJournal, List<Position> held, String by,
      ActorRef<StatusReply<org.apache.pekko.Done>> replyTo) {
    return held.stream().map(p -> new Agent.CorrectPosition(p.symbol(), p.quantity(), p.averagePrice(),
        kis.actors.reconcile.AccountWitness.HANDOVER_CORRECTION + oldJournal.value() + ":" + p.symbol().code(),
        "position handed over at a fresh start from journal " + oldJournal.value() + " by " + by, replyTo)).toList();
  }

  /**
   * The KIS numbers of {@code day}'s orders in {@code books} (revised orders' earlier numbers and
   * pruned ones included): what a fresh start records as left behind by the old journal.
   */
  public static java.util.List<kis.journal.OrderNo> ordersOfDay(AgentState books, java.time.LocalDate day) {
    java.util.List<kis.journal.OrderNo> out = new java.util.ArrayList<>(books.prunedOrderNos().of(day));
    java.util.stream.Stream.concat(books.openOrders().values().stream(), books.closedOrders().stream())
        .filter(o -> o.requestedAt().atZone(java.time.ZoneId.of("Asia/Seoul")).toLocalDate().equals(day))
        .forEach(o -> {
          if (o.orderNo() != null) {
            out.add(o.orderNo());
          }
          out.addAll(o.previousOrderNos());
        });
    return out;
  }
}
