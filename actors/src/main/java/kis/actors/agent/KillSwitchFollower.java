package kis.actors.agent;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderRevised;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;

/**
 * Follows the account's kill switch for one agent: when it latches (again after a host restart
 * too) the agent cancels every working order, and while it stays latched every order that becomes
 * cancellable afterwards is cancelled as well. The latch itself lives in {@link EngineFacts} (it
 * must survive a strategy restart); the risk guard denies new orders from it. Host actor only.
 */
final class KillSwitchFollower {
  private final AgentId agentId;
  private final ActorRef<Agent.Command> agent;
  private final ActorRef<StatusReply<Object>> replySink;
  private final EngineFacts facts;
  private final Logger log;
  /** Journals what the host counted about the revises of the orders a predicate accepts, before they are cancelled. */
  private final Consumer<Predicate<ClientOrderId>> beforeCancel;
  /** Orders tried once more after a refused modify. */
  private final Set<ClientOrderId> retried = new HashSet<>();

  KillSwitchFollower(AgentId agentId, ActorRef<Agent.Command> agent, ActorRef<StatusReply<Object>> replySink,
      EngineFacts facts, Logger log, Consumer<Predicate<ClientOrderId>> beforeCancel) {
    this.agentId = agentId;
    this.beforeCancel = beforeCancel;
    this.agent = agent;
    this.replySink = replySink;
    this.facts = facts;
    this.log = log;
  }

  /** The latch engaged (again, after a restart too): every working order is cancelled. */
  void changed(boolean engaged) {
    boolean was = facts.killSwitchEngaged();
    facts.killSwitch = engaged;
    if (engaged) {
      if (!was) {
        log.warn("{}: kill switch engaged: cancelling working orders, no new orders", agentId);
      }
      ActorRef<StatusReply<Integer>> sink = replySink.unsafeUpcast();
      beforeCancel.accept(id -> true); // runs of refused revises first, like any cancel's
      agent.tell(new Agent.CancelAllWorking("kill switch", sink));
    } else if (was) {
      log.info("{}: kill switch reset: new orders allowed", agentId);
    }
  }

  /**
   * While latched, an order that became cancellable is cancelled: it was awaiting KIS's reply, in
   * doubt, or being revised (a revise confirmed or refused leaves it working).
   */
  void published(Agent.Published p) {
    if (!facts.killSwitchEngaged()) {
      return;
    }
    ClientOrderId id = p.event() instanceof OrderAccepted a ? a.orderId()
        : p.event() instanceof InDoubtResolved r && r.orderNo().isPresent() ? r.orderId()
        : p.event() instanceof OrderRevised v ? v.orderId()
        : p.event() instanceof ModifyRejected x ? x.orderId() : null;
    // A refused cancel comes back as ModifyRejected too: one more try per order, never a loop.
    if (id != null && (!(p.event() instanceof ModifyRejected) || retried.add(id))) {
      ActorRef<StatusReply<Done>> sink = replySink.unsafeUpcast();
      beforeCancel.accept(id::equals);
      agent.tell(new Agent.CancelOrder(id, "kill switch", sink));
    }
  }
}
