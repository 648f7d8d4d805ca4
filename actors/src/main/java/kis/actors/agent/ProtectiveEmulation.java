package kis.actors.agent;

import java.util.List;
import kis.journal.AgentId;
import kis.journal.Venue;
import kis.journal.protect.TriggerEmulator;
import kis.journal.risk.RiskContext;
import kis.journal.risk.RiskGuard;
import kis.journal.state.AgentState;
import kis.strategies.event.Trade;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;

/**
 * The strategy host's side of protective orders: on each trade print, before the strategy sees it,
 * run the {@link TriggerEmulator} on the books as the host knows them, check each fired order's
 * child with the agent's {@link RiskGuard} (the same checks as any placement: session and order
 * type, tick grid and band, shares free, the agent's limits, kill switch and halt), and have the
 * agent journal the outcome ({@link Agent.ApplyProtectiveSteps}), which it does ahead of anything
 * the strategy answers to the print. The account-wide limits (the keeper's reservation) are not
 * asked for a child: a protective order closes or reduces a position.
 *
 * <p>The agent decides on its own books again when it journals (an order it no longer has armed is
 * left out, a trail never moves back), so a print that arrives before the agent published the last
 * steps cannot fire an order twice.
 */
final class ProtectiveEmulation {
  private final AgentId agentId;
  private final RiskGuard guard;
  private final ActorRef<Agent.Command> agent;
  private final ActorRef<StatusReply<Done>> sink;
  private final Logger log;

  ProtectiveEmulation(AgentId agentId, RiskGuard guard, ActorRef<Agent.Command> agent,
      ActorRef<StatusReply<Done>> sink, Logger log) {
    this.agentId = agentId;
    this.guard = guard;
    this.agent = agent;
    this.sink = sink;
    this.log = log;
  }

  /**
   * Judge {@code print} (a KRX print: the live feed subscribes KRX) against the armed orders of
   * {@code risk.state()}; true when steps went to the agent ({@code beforeSend} run first: a fired
   * child takes an order id).
   */
  boolean onPrint(Trade print, RiskContext risk, Runnable beforeSend) {
    AgentState books = risk.state();
    if (books.protections().armed().isEmpty()) {
      return false;
    }
    List<TriggerEmulator.Step> steps = TriggerEmulator.onPrint(books, print.symbol(), Venue.KRX, print.price(),
        risk.now(), (child, b) -> guard.checkOrder(child, withBooks(risk, b)));
    if (steps.isEmpty()) {
      return false;
    }
    for (TriggerEmulator.Step s : steps) {
      if (s instanceof TriggerEmulator.Fired f) {
        // Debug: a print before the agent published this fire decides it again (the agent keeps the first).
        log.debug("{}: protective order {} fires at {}: {} ({})", agentId, f.id(), f.price(), f.child(),
            f.decision().allowed() ? "sent" : "DENIED: " + f.decision());
      }
    }
    beforeSend.run();
    agent.tell(new Agent.ApplyProtectiveSteps(ProtectiveStep.of(steps), print.time(), sink));
    return true;
  }

  private static RiskContext withBooks(RiskContext r, AgentState books) {
    return new RiskContext(books, r.market(), r.today(), r.tradingState(), r.killSwitchEngaged(), r.phase(), r.now(),
        r.haltCause());
  }
}
