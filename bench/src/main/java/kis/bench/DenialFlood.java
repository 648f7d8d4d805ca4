package kis.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import kis.actors.agent.StrategyFailures;
import kis.actors.agent.StrategyHost;
import kis.actors.risk.AccountLimits;
import kis.actors.risk.AccountLink;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.calendar.SessionSchedule;
import kis.journal.event.OrderDenied;
import kis.journal.risk.RiskGuard;
import kis.journal.risk.RiskLimits;
import kis.journal.state.AgentState;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.OrderUpdate;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.Trade;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A strategy that asks for an order at every print while the KIS connection is not live: one agent
 * and its strategy host on the engine's own journal (LevelDB, fsync on, {@link BenchConfig}), fed
 * {@code printsPerSecond} prints for {@code seconds}, with {@code kis-trader.risk.denial-repeat-window}
 * at 0s (every denial journaled, as before) and at 1s, alternating, {@code rounds} times each.
 * Per run: the denials the strategy heard, the events the journal holds afterwards, and the process
 * CPU time per 1,000 prints. Usage:
 * {@code java -cp bench.jar kis.bench.DenialFlood [seconds=10] [printsPerSecond=100] [rounds=3]}.
 */
public final class DenialFlood {
  static final Symbol SYMBOL = Symbol.of("005930");

  private DenialFlood() {}

  /** Buys one share at every print; counts the refusals it hears. */
  record EveryPrint(AtomicLong denied) implements Strategy {
    @Override
    public Set<Symbol> symbols() {
      return Set.of(SYMBOL);
    }

    @Override
    public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
      if (event instanceof OrderUpdate u && u.event() instanceof OrderDenied) {
        denied.incrementAndGet();
      }
      return event instanceof Trade ? List.of(Intent.buyLimit(SYMBOL, 1, 64_000, "every print")) : List.of();
    }
  }

  record Run(String window, long prints, long heard, long journaled, double cpuMsPer1000) {
    String line() {
      return String.format(Locale.ROOT, "window %-3s prints %6d heard %6d journaled %6d  cpu %.1f ms / 1,000 prints",
          window, prints, heard, journaled, cpuMsPer1000);
    }
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path data = BenchConfig.tempDir("denial-flood");
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "denials", BenchConfig.engine(data, ""));
    List<Run> zero = new ArrayList<>();
    List<Run> one = new ArrayList<>();
    int n = 0;
    for (int r = 0; r < rounds; r++) {
      zero.add(run(system, "0s", ++n, seconds, perSecond));
      System.out.println(zero.get(zero.size() - 1).line());
      one.add(run(system, "1s", ++n, seconds, perSecond));
      System.out.println(one.get(one.size() - 1).line());
    }
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    long before = zero.stream().mapToLong(Run::journaled).sum();
    long after = one.stream().mapToLong(Run::journaled).sum();
    System.out.printf(Locale.ROOT, "journal writes: %d -> %d (%.1fx fewer); cpu per 1,000 prints: %.1f -> %.1f ms"
            + " (medians); load %.2f%n", before, after, (double) before / Math.max(1, after), median(zero), median(one),
        load);
    Exit.halt();
  }

  private static double median(List<Run> runs) {
    double[] xs = runs.stream().mapToDouble(Run::cpuMsPer1000).sorted().toArray();
    return xs[xs.length / 2];
  }

  private static Run run(ActorSystem<Void> system, String window, int n, int seconds, int perSecond) throws Exception {
    AgentId id = new AgentId("flood-" + n);
    AtomicLong heard = new AtomicLong();
    Strategy strategy = new EveryPrint(heard);
    ActorRef<OrderPort> port = system.systemActorOf(Behaviors.ignore(), "port-" + n, Props.empty());
    ActorRef<StrategyHost.Command>[] host = newHostRef();
    ActorRef<Agent.Published> toHost = system.systemActorOf(Behaviors.<Agent.Published>receiveMessage(p -> {
      host[0].tell(StrategyHost.fromAgent(p));
      return Behaviors.same();
    }), "to-host-" + n, Props.empty());
    ActorRef<Agent.Command> agent = system.systemActorOf(
        Agent.create(AgentSettings.of(id), port, Clock.systemUTC(), toHost), id.value(), Props.empty());
    RiskLimits limits = RiskLimits.fromConfig(com.typesafe.config.ConfigFactory.parseString(
        "denial-repeat-window = " + window));
    host[0] = system.systemActorOf(StrategyHost.create(new StrategyHost.Setup(id, () -> strategy, new RiskGuard(limits),
        SessionSchedule.alwaysOpen(StrategyContext.KST), Clock.systemUTC(), new StrategyFailures(3, Duration.ofMinutes(1)),
        Duration.ofMillis(10), Duration.ofMillis(50), true), agent), "host-" + n, Props.empty());
    host[0].tell(new StrategyHost.UseEngineFacts());
    host[0].tell(new StrategyHost.UseAccount(new AccountLink(AccountLimits.NONE,
        system.systemActorOf(Behaviors.<AccountLink.Message>ignore(), "keeper-" + n, Props.empty()))));
    host[0].tell(new StrategyHost.KillSwitchChanged(false));
    host[0].tell(new StrategyHost.ConnectionChanged(false, "SUBSCRIBING"));
    host[0].tell(new StrategyHost.BasePrice(SYMBOL, LocalDate.now(StrategyContext.KST), 64_000));

    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long prints = (long) seconds * perSecond;
    long gap = 1_000_000_000L / perSecond;
    long start = System.nanoTime();
    for (long i = 0; i < prints; i++) {
      long due = start + i * gap;
      while (System.nanoTime() < due) {
        LockSupport.parkNanos(due - System.nanoTime());
      }
      host[0].tell(new StrategyHost.OnMarket(new Trade(SYMBOL, java.time.Instant.now(), 64_000, 1, 0)));
    }
    // A repeat's refusal is heard at the next market event: one more print lets the last one through.
    host[0].tell(new StrategyHost.OnMarket(new Trade(SYMBOL, java.time.Instant.now(), 64_000, 1, 0)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (heard.get() < prints && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    long cpu = os.getProcessCpuTime() - cpu0;
    Thread.sleep(1_500); // the last window closes and its run is journaled
    AgentState s = AskPattern.<Agent.Command, AgentState>ask(agent, Agent.GetState::new, Duration.ofSeconds(30),
        system.scheduler()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    return new Run(window, prints, heard.get(), s.eventCount(), cpu / 1e6 / (prints / 1000.0));
  }

  @SuppressWarnings("unchecked")
  private static ActorRef<StrategyHost.Command>[] newHostRef() {
    return new ActorRef[1];
  }
}
