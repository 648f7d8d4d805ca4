package kis.actors.live;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import kis.actors.agent.StrategyHost;
import kis.actors.gateway.OrderGateway;
import kis.actors.manager.MarketFeed;
import kis.connector.KisConnector;
import kis.connector.ws.KisFeedEvent;
import kis.connector.ws.KisWebSocket;
import kis.journal.Symbol;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interim market data and execution notices over one KIS websocket, until the KIS supervisor
 * (reconnects, staleness watchdog) takes this over: trades go to the subscribed strategy hosts,
 * execution notices to the order gateway. A lost connection is logged and not reopened; the
 * reconciler's periodic inquiry still brings the books in line.
 */
final class DirectFeed implements MarketFeed {
  private static final Logger LOG = LoggerFactory.getLogger(DirectFeed.class);

  private final KisConnector connector;
  private final ActorSystem<?> system;
  private final ActorRef<OrderGateway.Command> gateway;
  private final Map<Symbol, List<ActorRef<StrategyHost.Command>>> hosts = new ConcurrentHashMap<>();
  private volatile KisWebSocket ws;

  DirectFeed(KisConnector connector, ActorSystem<?> system, ActorRef<OrderGateway.Command> gateway) {
    this.connector = connector;
    this.system = system;
    this.gateway = gateway;
  }

  void start() {
    connector.openWebSocket().whenComplete((socket, err) -> {
      if (err != null) {
        LOG.error("market data websocket could not be opened: {}", err.toString());
        return;
      }
      socket.events().runForeach(this::dispatch, Materializer.matFromSystem(system));
      socket.connectedStage().thenRun(() -> {
        ws = socket;
        socket.subscribeExecutionNotices(connector.credentials().htsId(), connector.paper());
        hosts.keySet().forEach(s -> socket.subscribeTrades(s.code()));
      });
    });
  }

  @Override
  public void subscribe(Symbol symbol, ActorRef<StrategyHost.Command> host) {
    List<ActorRef<StrategyHost.Command>> list = hosts.computeIfAbsent(symbol, s -> new CopyOnWriteArrayList<>());
    list.removeIf(h -> h.path().equals(host.path()));
    list.add(host);
    KisWebSocket socket = ws;
    if (socket != null && list.size() == 1) {
      socket.subscribeTrades(symbol.code());
    }
  }

  private void dispatch(KisFeedEvent e) {
    if (e instanceof KisFeedEvent.ExecutionNotice n) {
      gateway.tell(new OrderGateway.NoticeReceived(n));
    } else if (e instanceof KisFeedEvent.Trade t) {
      MarketFeed.fromKis(t).ifPresent(m -> hosts.getOrDefault(m.symbol(), List.of())
          .forEach(h -> h.tell(new StrategyHost.OnMarket(m))));
    } else if (e instanceof KisFeedEvent.Disconnected d) {
      LOG.warn("market data websocket closed: {}", d.cause());
    }
  }
}
