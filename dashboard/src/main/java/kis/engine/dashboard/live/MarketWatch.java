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
 * reconnects): the last trade price per symbol, for unrealized P&L, and when each symbol last
 * traded, for the per-symbol trade staleness. (The websocket's own staleness, since its last
 * frame of any kind, is the supervisor's.) Thread-safe.
 */
public final class MarketWatch {
  private final ActorRef<KisSupervisor.Command> supervisor;
  private final Clock clock;
  private final ActorRef<KisFeedEvent> adapter;
  private final Set<Symbol> subscribed = ConcurrentHashMap.newKeySet();
  private final Map<Symbol, Long> lastPrices = new ConcurrentHashMap<>();
  private final Map<Symbol, Instant> lastTrades = new ConcurrentHashMap<>();
  private volatile Instant lastFrame;
  private final ActorRef<KisSupervisor.Streams> streamsReplies;
  private volatile KisSupervisor.Streams lastStreams = new KisSupervisor.Streams(java.util.List.of());

  public MarketWatch(ActorSystem<?> system, ActorRef<KisSupervisor.Command> supervisor, Clock clock, String name) {
    this.supervisor = supervisor;
    this.clock = clock;
    this.adapter = system.systemActorOf(Behaviors.receiveMessage(e -> {
      onFrame(e);
      return Behaviors.same();
    }), name, Props.empty());
    this.streamsReplies = system.systemActorOf(Behaviors.<KisSupervisor.Streams>receiveMessage(m -> {
      lastStreams = m;
      return Behaviors.same();
    }), name + "-streams", Props.empty());
  }

  /**
   * Every websocket stream as the supervisor's adaptive watchdog judged it at its last answer
   * (expected gap, silence), and asks again for the next call: the page refreshes often, so the
   * figures are at most one refresh old.
   */
  public java.util.List<kis.actors.supervisor.StreamWatch.Health> streams() {
    supervisor.tell(new KisSupervisor.GetStreams(streamsReplies));
    return lastStreams.streams();
  }

  /** Listens to {@code symbol}'s prints on the feeds the agents subscribed (no registration of its own at KIS). */
  public void watch(Symbol symbol) {
    if (subscribed.add(symbol)) {
      supervisor.tell(new KisSupervisor.ListenMarket(symbol, adapter));
    }
  }

  void onFrame(KisFeedEvent e) {
    Instant now = clock.instant();
    lastFrame = now;
    if (e instanceof KisFeedEvent.Trade t && t.price() > 0) {
      Symbol s = Symbol.of(t.symbol());
      lastPrices.put(s, t.price());
      lastTrades.put(s, now);
    }
  }

  /** The last trade price per symbol seen since the start. */
  public Map<Symbol, Long> lastPrices() {
    return Map.copyOf(lastPrices);
  }

  /** The symbols subscribed so far. */
  public Set<Symbol> symbols() {
    return Set.copyOf(subscribed);
  }

  /** When {@code symbol} last traded, if it did since the start. */
  public Optional<Instant> lastTrade(Symbol symbol) {
    return Optional.ofNullable(lastTrades.get(symbol));
  }

  /** Time since the last market-data frame of this subscription; empty before the first one. */
  public Optional<Duration> staleness() {
    Instant f = lastFrame;
    return f == null ? Optional.empty() : Optional.of(Duration.between(f, clock.instant()));
  }
}
