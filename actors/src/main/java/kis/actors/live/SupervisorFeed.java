package kis.actors.live;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import kis.actors.agent.StrategyHost;
import kis.actors.manager.MarketFeed;
import kis.actors.supervisor.KisSupervisor;
import kis.adapter.KisMarketData;
import kis.connector.ws.KisFeedEvent;
import kis.journal.Symbol;
import kis.strategies.event.InvestorFlow;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Market data from the KIS supervisor's websocket (which survives reconnects): each subscribing
 * host gets a small adapter that turns KIS trades into {@link StrategyHost.OnMarket} and stops
 * with the host. The host is also handed to {@link HostSignals} (kill switch, connection state,
 * KIS base price of the symbol), after being told to rely on them.
 */
final class SupervisorFeed implements MarketFeed {
  private final ActorSystem<?> system;
  private final ActorRef<KisSupervisor.Command> supervisor;
  private final ActorRef<HostSignals.Command> signals;
  private final AtomicLong adapters = new AtomicLong();
  private final Function<Symbol, CompletionStage<List<InvestorFlow>>> investorFlows;
  private final Clock clock;
  private final java.util.Map<ActorRef<StrategyHost.Command>, ActorRef<AgentRunner.Command>> facts =
      new java.util.concurrent.ConcurrentHashMap<>();

  SupervisorFeed(ActorSystem<?> system, ActorRef<KisSupervisor.Command> supervisor,
      ActorRef<HostSignals.Command> signals, Function<Symbol, CompletionStage<List<InvestorFlow>>> investorFlows,
      Clock clock) {
    this.system = system;
    this.supervisor = supervisor;
    this.signals = signals;
    this.investorFlows = investorFlows;
    this.clock = clock;
  }

  @Override
  public void subscribeInvestorFlows(Symbol symbol, ActorRef<StrategyHost.Command> host) {
    system.systemActorOf(InvestorFlowFeed.create(symbol, host, investorFlows, clock),
        "flows-" + symbol.code() + "-" + adapters.incrementAndGet(), Props.empty());
  }

  @Override
  public void subscribe(Symbol symbol, ActorRef<StrategyHost.Command> host) {
    // Told first, from the manager that spawned the host and tells it EnableTrading next: the host
    // holds placements from here until the kill switch and the connection state are known.
    host.tell(new StrategyHost.UseEngineFacts());
    signals.tell(new HostSignals.Watch(factsFor(host), symbol));
    ActorRef<KisFeedEvent> adapter = system.systemActorOf(adapter(host),
        "feed-" + symbol.code() + "-" + adapters.incrementAndGet(), Props.empty());
    supervisor.tell(new KisSupervisor.SubscribeMarket(symbol, adapter));
  }

  /** The signals speak to agent runners; a host of the agent manager hears their facts through this. */
  private ActorRef<AgentRunner.Command> factsFor(ActorRef<StrategyHost.Command> host) {
    return facts.computeIfAbsent(host, h -> system.systemActorOf(Behaviors.<AgentRunner.Command>setup(ctx -> {
      ctx.watch(h);
      return Behaviors.receive(AgentRunner.Command.class)
          .onAnyMessage(c -> {
            HostFacts.forHost(c).ifPresent(h::tell);
            return Behaviors.same();
          })
          .onSignal(Terminated.class, t -> {
            facts.remove(h);
            return Behaviors.stopped();
          })
          .build();
    }), "facts-" + adapters.incrementAndGet(), Props.empty()));
  }

  private static Behavior<KisFeedEvent> adapter(ActorRef<StrategyHost.Command> host) {
    return Behaviors.<KisFeedEvent>setup(ctx -> {
      ctx.watch(host);
      return Behaviors.receive(KisFeedEvent.class)
          .onAnyMessage(e -> {
            KisMarketData.trade(e).ifPresent(m -> host.tell(new StrategyHost.OnMarket(m)));
            return Behaviors.same();
          })
          .onSignal(Terminated.class, t -> Behaviors.stopped())
          .build();
    });
  }
}
