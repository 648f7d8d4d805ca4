package kis.actors.live;

import java.util.ArrayDeque;
import java.util.Deque;
import kis.actors.agent.OrderPort;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The agent's order port on its own node: hands each {@link OrderPort} message to the account
 * singleton's gateway once the entity has registered, holding what the agent sends before that.
 * Never re-sends: a message that reached a gateway which then died is resolved by reconciliation.
 * Accepts {@link OrderPort} messages and {@link UsePort}; the agent gets it narrowed to
 * {@code ActorRef<OrderPort>}.
 */
final class PortRelay {

  /** Where the agent's orders go from now on. */
  record UsePort(ActorRef<OrderPort> port) {}

  /** Orders held before registration beyond this are a bug upstream (the host waits for trading). */
  static final int MAX_HELD = 1_000;

  private final ActorContext<Object> ctx;
  private final Deque<OrderPort> held = new ArrayDeque<>();
  private ActorRef<OrderPort> port;

  private PortRelay(ActorContext<Object> ctx) {
    this.ctx = ctx;
  }

  static Behavior<Object> create() {
    return Behaviors.setup(ctx -> new PortRelay(ctx).relaying());
  }

  private Behavior<Object> relaying() {
    return Behaviors.receiveMessage(m -> {
      if (m instanceof UsePort u) {
        port = u.port();
        held.forEach(port::tell);
        held.clear();
      } else if (m instanceof OrderPort o) {
        if (port != null) {
          port.tell(o);
        } else if (held.size() < MAX_HELD) {
          held.add(o);
        } else {
          ctx.getLog().error("{} orders held before the account answered; dropping {}", MAX_HELD, o.orderId());
        }
      }
      return Behaviors.same();
    });
  }
}
