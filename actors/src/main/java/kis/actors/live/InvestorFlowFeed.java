package kis.actors.live;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import kis.actors.agent.StrategyHost;
import kis.journal.Symbol;
import kis.strategies.event.InvestorFlow;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Feeds one strategy host the daily investor flows of one symbol (KIS {@code inquire-investor}):
 * at start and then every {@link #REFETCH}, it asks KIS for the recent days and hands the host each
 * finished day it has not had yet, oldest first. A day is finished once it is before today (KST) or
 * past {@link #KNOWN_AT} today, when KIS publishes the day's figures; today's running figures are
 * never delivered, so a strategy sees each day once and as final. Stops with the host.
 *
 * <p>It fetches only while the host may trade (reconciled, KIS connection live), checking every
 * {@link #READY_CHECK}: a strategy acts on a flow at once while the session is open, and a decision
 * denied because the engine was still connecting would not come again until the next day's flow.
 */
final class InvestorFlowFeed {
  static final Duration REFETCH = Duration.ofHours(1);
  static final Duration READY_CHECK = Duration.ofSeconds(1);
  /** When a day's flows are final (KIS updates them through the evening; 18:00 is the backtest's time too). */
  static final LocalTime KNOWN_AT = LocalTime.of(18, 0);
  private static final ZoneId KST = ZoneId.of("Asia/Seoul");

  interface Command {}

  private record Fetch() implements Command {}

  private record Fetched(List<InvestorFlow> days, Throwable error) implements Command {}

  private record HostReady(boolean ready) implements Command {}

  private InvestorFlowFeed() {}

  /**
   * @param fetch the recent days of {@code symbol} from KIS, in any order
   */
  static Behavior<Command> create(Symbol symbol, ActorRef<StrategyHost.Command> host,
      Function<Symbol, CompletionStage<List<InvestorFlow>>> fetch, Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      ctx.watch(host);
      timers.startTimerWithFixedDelay(new Fetch(), Duration.ZERO, REFETCH);
      LocalDate[] delivered = {LocalDate.MIN};
      return Behaviors.receive(Command.class)
          .onMessage(Fetch.class, m -> {
            ctx.ask(StrategyHost.HostStatus.class, host, Duration.ofSeconds(5), StrategyHost.GetStatus::new,
                (st, err) -> new HostReady(st != null && st.tradingEnabled() && "LIVE".equals(st.connection())));
            return Behaviors.same();
          })
          .onMessage(HostReady.class, m -> {
            if (m.ready()) {
              ctx.pipeToSelf(fetch.apply(symbol), Fetched::new);
            } else {
              timers.startSingleTimer("ready-check", new Fetch(), READY_CHECK);
            }
            return Behaviors.same();
          })
          .onMessage(Fetched.class, m -> {
            if (m.error() != null) {
              ctx.getLog().warn("investor flows of {} not fetched (tried again in {}): {}", symbol, REFETCH,
                  m.error().toString());
              return Behaviors.same();
            }
            delivered[0] = deliver(ctx, host, finished(m.days(), delivered[0], clock), delivered[0]);
            return Behaviors.same();
          })
          .onSignal(Terminated.class, t -> Behaviors.stopped())
          .build();
    }));
  }

  /** The days after {@code after} that are final by now, oldest first. */
  static List<InvestorFlow> finished(List<InvestorFlow> days, LocalDate after, Clock clock) {
    java.time.ZonedDateTime now = clock.instant().atZone(KST);
    LocalDate today = now.toLocalDate();
    boolean todayKnown = !now.toLocalTime().isBefore(KNOWN_AT);
    return days.stream()
        .filter(d -> d.tradingDate().isAfter(after))
        .filter(d -> d.tradingDate().isBefore(today) || todayKnown && d.tradingDate().equals(today))
        .sorted(Comparator.comparing(InvestorFlow::tradingDate)).toList();
  }

  private static LocalDate deliver(ActorContext<Command> ctx, ActorRef<StrategyHost.Command> host,
      List<InvestorFlow> days, LocalDate last) {
    LocalDate newest = last;
    for (InvestorFlow f : days) {
      host.tell(new StrategyHost.OnMarket(f));
      newest = f.tradingDate();
    }
    if (!days.isEmpty()) {
      ctx.getLog().debug("{}: {} day(s) of investor flows delivered, up to {}", host.path().name(), days.size(), newest);
    }
    return newest;
  }

  /** A KIS day as the strategy's event, stamped when it became known (18:00 KST that day). */
  static InvestorFlow of(Symbol symbol, LocalDate day, long foreign, long institution, long individual) {
    return new InvestorFlow(symbol, day.atTime(KNOWN_AT).atZone(KST).toInstant(), day, foreign, institution,
        individual);
  }
}
