package kis.engine.dashboard.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kis.actors.supervisor.KisSupervisor;
import kis.connector.ws.KisFeedEvent;
import kis.journal.Symbol;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The dashboard's own market-data subscription at the KIS supervisor (which keeps it across
 * reconnects): the last trade price per symbol, for unrealized P&L, and when the last frame came,
 * for websocket staleness. Thread-safe.
 */
public final class MarketWatch {
  private final ActorRef<KisSupervisor.Command> supervisor;
  private final Clock clock;
  private final ActorRef<KisFeedEvent> adapter;
  private final Set<Symbol> subscribed = ConcurrentHashMap.newKeySet();
  private final Map<Symbol, Long> lastPrices = new ConcurrentHashMap<>();
  private volatile Instant lastFrame;

  public MarketWatch(ActorSystem<?> system, ActorRef<KisSupervisor.Command> supervisor, Clock clock, String name) {
    this.supervisor = supervisor;
    this.clock = clock;
    this.adapter = system.systemActorOf(Behaviors.receiveMessage(e -> {
      onFrame(e);
      return Behaviors.same();
    }), name, Props.empty());
  }

  /** Subscribes {@code symbol} unless already subscribed. */
  public void watch(Symbol symbol) {
    if (subscribed.add(symbol)) {
      supervisor.tell(new KisSupervisor.SubscribeMarket(symbol, adapter));
    }
  }

  void onFrame(KisFeedEvent e) {
    lastFrame = clock.instant();
    if (e instanceof KisFeedEvent.Trade t && t.price() > 0) {
      lastPrices.put(Symbol.of(t.symbol()), t.price());
    }
  }

  /** The last trade price per symbol seen since the start. */
  public Map<Symbol, Long> lastPrices() {
    return Map.copyOf(lastPrices);
  }

  /** Time since the last frame; empty before the first one. */
  public Optional<Duration> staleness() {
    Instant f = lastFrame;
    return f == null ? Optional.empty() : Optional.of(Duration.between(f, clock.instant()));
  }
}
