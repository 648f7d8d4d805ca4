package kis.actors.live;

import kis.actors.agent.OrderPort;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The order port every agent sends through, in front of the kill switch's gate: open until the
 * engine shuts down, then closed for good. A closed gate sends nothing more towards KIS; each
 * order, revise or cancel goes back to its agent as refused (code {@value #CODE}), so the agent
 * journals that it was never sent instead of leaving a request on its way while the engine stops.
 * It accepts {@link OrderPort} messages and {@link Close} (hence {@code Object}); hand the agents
 * {@code gate.narrow()}.
 */
final class OrderFlowGate {
  static final String CODE = "ENGINE_STOPPING";
  private static final String WHY = "the engine is shutting down; not sent to KIS";

  /** Close the gate; {@code replyTo} hears once it is closed. */
  record Close(ActorRef<Done> replyTo) {}

  private OrderFlowGate() {}

  static Behavior<Object> create(ActorRef<OrderPort> downstream) {
    return Behaviors.receive(Object.class)
        .onMessage(OrderPort.class, m -> {
          downstream.tell(m);
          return Behaviors.same();
        })
        .onMessage(Close.class, c -> {
          c.replyTo().tell(Done.getInstance());
          return closed();
        })
        .build();
  }

  private static Behavior<Object> closed() {
    return Behaviors.receive(Object.class)
        .onMessage(OrderPort.class, m -> {
          // A revise or cancel that never left: the order stays as it is at KIS.
          OrderPort.refuse(m, CODE, WHY);
          return Behaviors.same();
        })
        .onMessage(Close.class, c -> {
          c.replyTo().tell(Done.getInstance());
          return Behaviors.same();
        })
        .build();
  }
}
