package kis.actors.agent;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * Where an {@link Agent} hands the {@link OrderPort} messages it sends once their intent is
 * journaled: an actor's port, or a route that picks one per message (the runner's
 * {@code kis.actors.live.PortSwitch}: through the runner until the account answered, then straight to
 * the gateway). Called on the agent's own thread, in the order the agent sends.
 */
@FunctionalInterface
public interface OrderRoute {

  void tell(OrderPort message);

  /** Every message to {@code port}. */
  static OrderRoute to(ActorRef<OrderPort> port) {
    return port::tell;
  }
}
