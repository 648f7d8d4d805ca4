package kis.actors.agent;

import org.apache.pekko.actor.typed.ActorRef;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.JournalSerializable;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.Symbol;
import kis.journal.Venue;

/**
 * What an {@link Agent} hands to the order gateway: the port through which orders leave the
 * engine. The agent sends these only after the matching intent ({@code OrderRequested},
 * {@code ReviseRequested}, {@code CancelRequested}) is journaled, so every order KIS may see is
 * in the journal first.
 *
 * <p>Contract for the implementation (the order gateway): send each message to KIS at most once,
 * never retry a send whose outcome is unknown, and answer on {@code replyTo} with exactly one of
 * {@link Agent.BrokerAccepted} / {@link Agent.BrokerRejected} / {@link Agent.BrokerInDoubt} for a
 * {@link SendOrder}, or {@link Agent.BrokerRevised} / {@link Agent.BrokerCancelled} /
 * {@link Agent.BrokerModifyRejected} / {@link Agent.BrokerInDoubt} for a revise or cancel. Fills
 * arrive later as {@link Agent.BrokerFill}, routed by KIS order number. Reports may repeat; the
 * agent applies them idempotently.
 */
public sealed interface OrderPort extends JournalSerializable {

  ClientOrderId orderId();

  AgentId agentId();

  ActorRef<Agent.Command> replyTo();

  /**
   * Answers {@code m} with a definite refusal, nothing sent: {@link Agent.BrokerRejected} for an
   * order, {@link Agent.BrokerModifyRejected} for a revise or cancel. The one way anything on the
   * order path (gateway, gates, an unwired port) says no.
   *
   * @param code a {@code msg_cd}: KIS's, or one of the engine's own ({@code KT-...})
   */
  static void refuse(OrderPort m, String code, String why) {
    m.replyTo().tell(m instanceof SendOrder
        ? new Agent.BrokerRejected(m.orderId(), code, why)
        : new Agent.BrokerModifyRejected(m.orderId(), code, why));
  }

  /** A new cash order ({@code order-cash}). */
  record SendOrder(ClientOrderId orderId, AgentId agentId, OrderSpec spec, ActorRef<Agent.Command> replyTo)
      implements OrderPort {}

  /**
   * Move the unfilled remainder of an accepted order to {@code newPrice} ({@code order-rvsecncl}
   * with {@code RVSE_CNCL_DVSN_CD=01}, {@code QTY_ALL_ORD_YN=Y}).
   *
   * @param orderNo the order's current {@code ODNO} ({@code ORGN_ODNO})
   * @param branchNo its {@code KRX_FWDG_ORD_ORGNO}
   * @param remainingQuantity shares neither filled nor cancelled when the revise was journaled
   * @param venue the venue the order was placed on (its spec's): KIS takes a revise or cancel only
   *     there. A message serialized before venues existed names none and reads as KRX.
   */
  record SendRevise(
      ClientOrderId orderId,
      AgentId agentId,
      OrderNo orderNo,
      String branchNo,
      Symbol symbol,
      OrderType type,
      long remainingQuantity,
      long newPrice,
      ActorRef<Agent.Command> replyTo,
      Venue venue)
      implements OrderPort {
    public SendRevise {
      venue = Venue.orDefault(venue);
    }
  }

  /**
   * Cancel the unfilled remainder ({@code order-rvsecncl}, {@code RVSE_CNCL_DVSN_CD=02}, all) on
   * {@code venue}, the one the order was placed on (null, from before venues, reads as KRX).
   */
  record SendCancel(
      ClientOrderId orderId,
      AgentId agentId,
      OrderNo orderNo,
      String branchNo,
      Symbol symbol,
      OrderType type,
      long remainingQuantity,
      ActorRef<Agent.Command> replyTo,
      Venue venue)
      implements OrderPort {
    public SendCancel {
      venue = Venue.orDefault(venue);
    }
  }
}
