package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.MarketPhase;
import kis.journal.calendar.SessionClock;
import kis.journal.calendar.SessionSchedule;
import kis.journal.risk.RiskGuard;
import kis.journal.risk.RiskLimits;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.PhaseChanged;
import kis.strategies.event.StrategyEvent;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A host told its agent's venue ({@code UsePhases}) hands the strategy that venue's session phases
 * from the dated table, on a pinned clock the test moves: NXT's pre-market, halts, main and
 * after-market; KRX's auctions, closing-price trades and after-market (from 2026-09-14).
 */
class StrategyHostPhasesTest {
  static final ActorTestKit KIT = ActorTestKit.create(PersistenceTestKitPlugin.getInstance().config()
      .withFallback(com.typesafe.config.ConfigFactory.parseString("pekko.loglevel = ERROR")));
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  /** A Monday on the after-market timetable. */
  static final LocalDate MONDAY = LocalDate.of(2026, 10, 12);

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  /** A clock the test sets; the host reads it on every check. */
  static final class PinnedClock extends Clock {
    private volatile Instant now;

    PinnedClock(Instant now) {
      this.now = now;
    }

    void set(LocalTime t) {
      now = ZonedDateTime.of(MONDAY, t, SEOUL).toInstant();
    }

    @Override
    public ZoneId getZone() {
      return SEOUL;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  record Telling(ActorRef<StrategyEvent> seen) implements Strategy {
    @Override
    public Set<Symbol> symbols() {
      return Set.of(Symbol.of("005930"));
    }

    @Override
    public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
      seen.tell(event);
      return List.of();
    }
  }

  @Test
  void anNxtAgentsStrategyIsToldNxtsPhasesThroughItsDay() {
    List<MarketPhase> phases = walk(Venue.NXT, LocalTime.of(7, 30), List.of(LocalTime.of(8, 0), LocalTime.of(8, 50),
        LocalTime.of(9, 0), LocalTime.of(15, 20), LocalTime.of(15, 30), LocalTime.of(20, 0)));

    assertEquals(List.of(MarketPhase.CLOSED, MarketPhase.PRE_MARKET, MarketPhase.HALTED, MarketPhase.CONTINUOUS,
        MarketPhase.HALTED, MarketPhase.AFTER_MARKET, MarketPhase.CLOSED), phases);
  }

  @Test
  void aKrxAgentsStrategyIsToldTheAuctionsTheClosingPriceTradesAndTheAfterMarket() {
    List<MarketPhase> phases = walk(Venue.KRX, LocalTime.of(8, 0), List.of(LocalTime.of(8, 30), LocalTime.of(9, 0),
        LocalTime.of(15, 20), LocalTime.of(15, 30), LocalTime.of(15, 40), LocalTime.of(16, 0), LocalTime.of(20, 0)));

    assertEquals(List.of(MarketPhase.CLOSED, MarketPhase.PRE_OPEN, MarketPhase.CONTINUOUS, MarketPhase.CLOSING_AUCTION,
        MarketPhase.CLOSED, MarketPhase.POST_CLOSE_CLOSING_PRICE, MarketPhase.AFTER_MARKET, MarketPhase.CLOSED), phases);
  }

  /** A strategy that tells every event and throws on a trade (a bug: the host restarts it). */
  record FailingOnTrades(ActorRef<StrategyEvent> seen) implements Strategy {
    @Override
    public Set<Symbol> symbols() {
      return Set.of(Symbol.of("005930"));
    }

    @Override
    public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
      seen.tell(event);
      if (event instanceof kis.strategies.event.Trade) {
        throw new IllegalStateException("a bug");
      }
      return List.of();
    }
  }

  @Test
  void aStrategyRestartedAfterAFailureIsToldTheVenuesPhaseAgain() {
    PinnedClock clock = new PinnedClock(ZonedDateTime.of(MONDAY, LocalTime.of(17, 0), SEOUL).toInstant());
    SessionSchedule krx = SessionSchedule.krx(new SessionClock(KrxCalendar.defaults(), clock));
    TestProbe<StrategyEvent> seen = KIT.createTestProbe();
    TestProbe<Agent.Command> agent = KIT.createTestProbe();
    AgentId id = new AgentId("phases-restart");
    ActorRef<StrategyHost.Command> host = KIT.spawn(StrategyHost.create(new StrategyHost.Setup(id,
        () -> new FailingOnTrades(seen.getRef()), new RiskGuard(RiskLimits.defaults()), krx, clock,
        new StrategyFailures(3, Duration.ofMinutes(1)), Duration.ofMillis(10), Duration.ofMillis(50), false),
        agent.getRef()));
    answerState(agent, id);
    host.tell(new StrategyHost.UsePhases(Venue.NXT, krx.forVenue(Venue.NXT)));
    assertEquals(MarketPhase.AFTER_MARKET, next(seen).phase());

    host.tell(new StrategyHost.OnMarket(new kis.strategies.event.Trade(Symbol.of("005930"), clock.instant(), 70_000,
        1, 1)));
    answerState(agent, id); // the restarted host reads the books afresh

    PhaseChanged again = next(seen);
    assertEquals(MarketPhase.AFTER_MARKET, again.phase());
    assertEquals(Optional.empty(), again.previous(), "told as at a start");
  }

  @Test
  void aStocksViFromKisMarketStatusReachesTheStrategyBesideTheVenuesPhaseAndThenItsEnd() {
    PinnedClock clock = new PinnedClock(ZonedDateTime.of(MONDAY, LocalTime.of(10, 0), SEOUL).toInstant());
    SessionSchedule krx = SessionSchedule.krx(new SessionClock(KrxCalendar.defaults(), clock));
    TestProbe<StrategyEvent> seen = KIT.createTestProbe();
    TestProbe<Agent.Command> agent = KIT.createTestProbe();
    AgentId id = new AgentId("phases-vi");
    ActorRef<StrategyHost.Command> host = KIT.spawn(StrategyHost.create(new StrategyHost.Setup(id,
        () -> new Telling(seen.getRef()), new RiskGuard(RiskLimits.defaults()), krx, clock,
        new StrategyFailures(3, Duration.ofMinutes(1)), Duration.ofMillis(10), Duration.ofMillis(50), false),
        agent.getRef()));
    answerState(agent, id);
    host.tell(new StrategyHost.UsePhases(Venue.KRX, krx.forVenue(Venue.KRX)));
    assertEquals(MarketPhase.CONTINUOUS, next(seen).phase());

    Symbol samsung = Symbol.of("005930");
    Instant at = clock.instant();
    host.tell(StrategyHost.phase(new PhaseChanged(Venue.KRX, samsung, MarketPhase.VOLATILITY_INTERRUPTION,
        Optional.of(MarketPhase.CONTINUOUS), at)));
    PhaseChanged vi = next(seen);
    assertEquals(samsung, vi.symbol(), "stock-level");
    assertEquals(MarketPhase.VOLATILITY_INTERRUPTION, vi.phase());
    assertEquals(at, vi.time());
    host.tell(StrategyHost.phase(new PhaseChanged(Venue.KRX, samsung, MarketPhase.CONTINUOUS,
        Optional.of(MarketPhase.VOLATILITY_INTERRUPTION), at.plusSeconds(120))));
    PhaseChanged end = next(seen);
    assertEquals(MarketPhase.CONTINUOUS, end.phase());
    assertEquals(Optional.of(MarketPhase.VOLATILITY_INTERRUPTION), end.previous());
  }

  private static void answerState(TestProbe<Agent.Command> agent, AgentId id) {
    agent.fishForMessage(Duration.ofSeconds(10), m -> {
      if (m instanceof Agent.GetState g) {
        g.replyTo().tell(kis.journal.state.AgentState.empty(id.value()));
        return FishingOutcomes.complete();
      }
      return FishingOutcomes.continueAndIgnore();
    });
  }

  /**
   * Starts a host at {@code start} on {@code venue}, moves the clock to each of {@code changes} and
   * lets the host check; the phases the strategy was told, each change naming the one before.
   */
  private static List<MarketPhase> walk(Venue venue, LocalTime start, List<LocalTime> changes) {
    PinnedClock clock = new PinnedClock(ZonedDateTime.of(MONDAY, start, SEOUL).toInstant());
    SessionSchedule krx = SessionSchedule.krx(new SessionClock(KrxCalendar.defaults(), clock));
    TestProbe<StrategyEvent> seen = KIT.createTestProbe();
    TestProbe<Agent.Command> agent = KIT.createTestProbe();
    AgentId id = new AgentId("phases-" + venue + "-" + start.getHour());
    ActorRef<StrategyHost.Command> host = KIT.spawn(StrategyHost.create(new StrategyHost.Setup(id,
        () -> new Telling(seen.getRef()), new RiskGuard(RiskLimits.defaults()), krx, clock,
        new StrategyFailures(3, Duration.ofMinutes(1)), Duration.ofMillis(10), Duration.ofMillis(50), false),
        agent.getRef()));
    agent.fishForMessage(Duration.ofSeconds(10), m -> {
      if (m instanceof Agent.GetState g) {
        g.replyTo().tell(kis.journal.state.AgentState.empty(id.value()));
        return FishingOutcomes.complete();
      }
      return FishingOutcomes.continueAndIgnore();
    });
    host.tell(new StrategyHost.UsePhases(venue, krx.forVenue(venue)));
    PhaseChanged first = next(seen);
    assertEquals(Optional.empty(), first.previous(), "the phase at start-up has no previous one");
    assertEquals(venue, first.venue());
    List<MarketPhase> told = new java.util.ArrayList<>(List.of(first.phase()));
    for (LocalTime t : changes) {
      clock.set(t);
      host.tell(new StrategyHost.PhaseCheck());
      PhaseChanged c = next(seen);
      assertEquals(Optional.of(told.get(told.size() - 1)), c.previous(), "at " + t);
      assertEquals(clock.instant(), c.time());
      told.add(c.phase());
    }
    return told;
  }

  private static PhaseChanged next(TestProbe<StrategyEvent> seen) {
    return (PhaseChanged) seen.fishForMessage(Duration.ofSeconds(10), e -> e instanceof PhaseChanged
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore()).get(0);
  }
}
