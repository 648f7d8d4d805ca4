package kis.actors.live;

import kis.adapter.KisMarketData;
import kis.connector.ws.KisFeedEvent;
import kis.strategies.event.Trade;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Next to the account's websocket: turns one symbol's KIS trades into {@link AgentRunner.MarketTrade}
 * for one agent, wherever its entity runs now. It lives as long as the account singleton (the
 * supervisor keeps its subscribers), so when the agent's entity restarts or moves the desk points
 * the same relay at the new entity ({@link Target}) instead of subscribing again. Accepts
 * {@link KisFeedEvent} and {@link Target}.
 */
final class MarketRelay {
  /** Where the trades go from now on; null while the agent is not running. */
  record Target(ActorRef<AgentRunner.Command> entity) {}

  private MarketRelay() {}

  static Behavior<Object> create(ActorRef<AgentRunner.Command> first) {
    return relaying(first);
  }

  private static Behavior<Object> relaying(ActorRef<AgentRunner.Command> entity) {
    return Behaviors.receive((ctx, m) -> {
      if (m instanceof Target t) {
        return relaying(t.entity());
      }
      if (entity != null && m instanceof KisFeedEvent e) {
        KisMarketData.trade(e).ifPresent(x -> {
          if (x instanceof Trade t) {
            entity.tell(new AgentRunner.MarketTrade(t.symbol(), t.time(), t.price(), t.quantity(),
                t.cumulativeVolume()));
          }
        });
      }
      return Behaviors.same();
    });
  }
}
