package kis.actors.agent;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The order port of a build with no KIS connection: every order, revise and cancel is refused at
 * once (so nothing waits for an answer that never comes) and logged. Replaced by the order
 * gateway once the KIS connector is wired.
 */
public final class UnwiredOrderPort {
  /** The {@code msg_cd} this port answers with; not a KIS code. */
  public static final String MSG_CD = "KT-UNWIRED";

  private UnwiredOrderPort() {}

  public static Behavior<OrderPort> create() {
    return Behaviors.receive((ctx, m) -> {
      ctx.getLog().warn("{} {} refused: this build is not connected to KIS", m.agentId(), m.orderId());
      OrderPort.refuse(m, MSG_CD, "this build is not connected to KIS; nothing was sent");
      return Behaviors.same();
    });
  }
}
