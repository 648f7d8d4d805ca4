package kis.actors.agent;

import kis.journal.OrderNo;
import kis.journal.event.FillSource;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A stand-in gateway that answers every order at once, deterministically from its order number:
 * some fill fully (with a repeated report), some partially, some not at all, some are rejected.
 * Orders of {@link #SILENT_QUANTITY} shares get no answer, as if the engine died mid-send.
 */
final class ScriptedExchange {
  static final long SILENT_QUANTITY = 999;

  /** Forwards a GetState after everything sent before it, so the state read is quiescent. */
  record Flush(ActorRef<Agent.Command> agent, ActorRef<AgentState> replyTo) {}

  private ScriptedExchange() {}

  static Behavior<Object> create() {
    return Behaviors.setup(ctx -> {
      long[] next = {1};
      return Behaviors.receive(Object.class)
          .onMessage(OrderPort.SendOrder.class, m -> {
            if (m.spec().quantity() == SILENT_QUANTITY) {
              return Behaviors.same();
            }
            long n = next[0]++;
            OrderNo no = OrderNo.of(String.valueOf(n));
            long qty = m.spec().quantity();
            long px = m.spec().price() == 0 ? 70_000 : m.spec().price();
            switch ((int) (n % 5)) {
              case 0 -> m.replyTo().tell(new Agent.BrokerRejected(m.orderId(), "40570000", "no money"));
              case 1 -> {
                m.replyTo().tell(new Agent.BrokerAccepted(m.orderId(), no, "06010", "090000", false));
                m.replyTo().tell(new Agent.BrokerFill(no, qty / 2, px, n + "-a", "0901", FillSource.NOTICE));
                m.replyTo().tell(new Agent.BrokerFill(no, qty - qty / 2, px, n + "-b", "0902", FillSource.NOTICE));
                m.replyTo().tell(new Agent.BrokerFill(no, qty - qty / 2, px, n + "-b", "0902", FillSource.NOTICE));
              }
              case 2 -> {
                m.replyTo().tell(new Agent.BrokerAccepted(m.orderId(), no, "06010", "090000", false));
                m.replyTo().tell(new Agent.BrokerFill(no, Math.max(1, qty / 3), px, n + "-a", "0901",
                    FillSource.INQUIRY));
              }
              default -> m.replyTo().tell(new Agent.BrokerAccepted(m.orderId(), no, "06010", "090000", false));
            }
            return Behaviors.same();
          })
          .onMessage(OrderPort.SendCancel.class, m -> {
            m.replyTo().tell(new Agent.BrokerCancelled(m.orderId(), false));
            return Behaviors.same();
          })
          .onMessage(OrderPort.SendRevise.class, m -> {
            OrderNo no = OrderNo.of(String.valueOf(next[0]++));
            m.replyTo().tell(new Agent.BrokerRevised(m.orderId(), no, m.newPrice(), false));
            return Behaviors.same();
          })
          .onMessage(Flush.class, m -> {
            m.agent().tell(new Agent.GetState(m.replyTo()));
            return Behaviors.same();
          })
          .build();
    });
  }
}
