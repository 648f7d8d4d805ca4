package kis.cluster;

import kis.actors.manager.MarketFeed;
import kis.connector.ws.KisFeedEvent;
import kis.strategies.event.Trade;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Next to the account's websocket: turns one symbol's KIS trades into {@link AgentEntity.MarketTrade}
 * for one agent entity, wherever it runs, and stops with that entity.
 */
final class MarketRelay {
  private MarketRelay() {}

  static Behavior<KisFeedEvent> create(ActorRef<AgentEntity.Command> entity) {
    return Behaviors.setup(ctx -> {
      ctx.watch(entity);
      return Behaviors.receive(KisFeedEvent.class)
          .onAnyMessage(e -> {
            MarketFeed.fromKis(e).ifPresent(m -> {
              if (m instanceof Trade t) {
                entity.tell(new AgentEntity.MarketTrade(t.symbol(), t.time(), t.price(), t.quantity(),
                    t.cumulativeVolume()));
              }
            });
            return Behaviors.same();
          })
          .onSignal(Terminated.class, t -> Behaviors.stopped())
          .build();
    });
  }
}
