package kis.actors.live;

import kis.actors.agent.OrderPort;
import kis.actors.risk.KillSwitchState;
import kis.journal.RejectReason;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * The kill switch's last line, in front of the order gateway: the order port every agent sends
 * through. While the latch is engaged, new orders and revises do not reach KIS; they go back to
 * the agent as refused ({@code OrderRejected} / {@code ModifyRejected} journaled with code
 * {@code RISK_KILL_SWITCH}). Until the kill switch has recovered and said whether it is engaged,
 * they wait here. Cancels always pass.
 *
 * <p>The strategy hosts deny earlier ({@code OrderDenied RISK_KILL_SWITCH}); this catches what
 * was already on its way when the latch engaged, and anything a host sent before it heard of it.
 * It accepts {@link OrderPort} messages and {@link KillSwitchState} (hence {@code Object}); hand the
 * agents {@code gate.narrow()}.
 */
final class KillSwitchGate {
  static final String CODE = RejectReason.RISK_KILL_SWITCH.name();

  private KillSwitchGate() {}

  static Behavior<Object> create(ActorRef<OrderPort> downstream) {
    return Behaviors.withStash(10_000, stash -> unknown(downstream, stash));
  }

  private static Behavior<Object> unknown(ActorRef<OrderPort> downstream, StashBuffer<Object> stash) {
    return Behaviors.receive(Object.class)
        .onMessage(KillSwitchState.class, s -> stash.unstashAll(latched(downstream, s)))
        .onMessage(OrderPort.SendCancel.class, m -> {
          downstream.tell(m);
          return Behaviors.same();
        })
        .onMessage(OrderPort.class, m -> {
          stash.stash(m);
          return Behaviors.same();
        })
        .build();
  }

  private static Behavior<Object> latched(ActorRef<OrderPort> downstream, KillSwitchState latch) {
    String why = "kill switch engaged by " + latch.engagedBy() + " (" + latch.reason() + "); not sent to KIS";
    return Behaviors.receive(Object.class)
        .onMessage(KillSwitchState.class, s -> latched(downstream, s))
        .onMessage(OrderPort.SendOrder.class, m -> {
          if (latch.engaged()) {
            OrderPort.refuse(m, CODE, why);
          } else {
            downstream.tell(m);
          }
          return Behaviors.same();
        })
        .onMessage(OrderPort.SendRevise.class, m -> {
          if (latch.engaged()) {
            OrderPort.refuse(m, CODE, why);
          } else {
            downstream.tell(m);
          }
          return Behaviors.same();
        })
        .onMessage(OrderPort.SendCancel.class, m -> {
          downstream.tell(m);
          return Behaviors.same();
        })
        .build();
  }
}
