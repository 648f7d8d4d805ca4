package kis.actors.live;

import java.util.concurrent.atomic.AtomicLong;
import kis.actors.agent.OrderPort;
import kis.actors.agent.OrderRoute;
import kis.journal.AgentId;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One agent's order route: through its {@link AgentRunner} (which holds messages until the account
 * answered the registration, then hands each to the gateway), and straight to the gateway once the
 * runner has opened the switch and has handed on every message the agent sent through it. The direct
 * tell saves the runner's mailbox hop on every order after the intent is durable (issue 17,
 * tick-to-order: one thread wake-up fewer between the journal's confirmation and the REST call).
 *
 * <p>Order is kept: the agent goes direct only when {@link #forwarded} equals what it sent through
 * the runner, and the runner counts a message only after it told the gateway, so every earlier
 * message is already in the gateway's mailbox (the runner and its agent share a node; a tell to a
 * local actor enqueues before it returns) when the first direct one is enqueued behind it. Nothing is
 * sent twice: each message takes exactly one of the two ways. The agent side is called on the agent's
 * thread only, the runner side on the runner's only.
 */
final class PortSwitch implements OrderRoute {
  private final AgentId agentId;
  private final ActorRef<OrderPort> runner;
  /** The gateway, once the runner opened the switch; null until then. */
  private volatile ActorRef<OrderPort> gateway;
  /** Messages the runner handed on (to the gateway, or refused), of those sent through it; runner-written. */
  private final AtomicLong forwarded = new AtomicLong();
  /** Messages the agent sent through the runner; agent-only (the actor's messages are ordered). */
  private long viaRunner;

  /** A closed switch for the agent on {@code agentId} (its journal id, as its messages name it). */
  PortSwitch(AgentId agentId, ActorRef<OrderPort> runner) {
    this.agentId = agentId;
    this.runner = runner;
  }

  @Override
  public void tell(OrderPort message) {
    ActorRef<OrderPort> direct = gateway;
    if (direct != null && forwarded.get() == viaRunner) {
      direct.tell(message);
      return;
    }
    viaRunner++;
    runner.tell(message);
  }

  /** Runner side: whether {@code message} came from this switch's agent (a fresh start's old one's do not count). */
  boolean carries(OrderPort message) {
    return agentId.equals(message.agentId());
  }

  /** Runner side: one message the agent sent through the runner was told to the gateway or refused. */
  void handedOn() {
    forwarded.incrementAndGet();
  }

  /** Runner side: from now on the agent may tell {@code port} itself, once the runner holds nothing of it. */
  void open(ActorRef<OrderPort> port) {
    gateway = port;
  }
}
