package kis.actors.live;

import static kis.actors.live.LiveHarness.WAIT;
import static kis.actors.live.LiveHarness.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import kis.journal.calendar.MarketPhase;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import kis.journal.calendar.SessionSchedule;
import kis.actors.risk.CancelAllWorkingOrders;
import kis.actors.risk.KillSwitchState;
import kis.actors.supervisor.ConnectionState;
import kis.actors.supervisor.KisSupervisor;
import kis.connector.rest.Quote;
import kis.journal.KrxTick;
import kis.journal.Symbol;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The signals every strategy host gets, with base prices fetched from kis-sim's inquire-price. */
@ExtendWith(LogCapturingExtension.class)
class HostSignalsSimTest {
  static final Symbol SAMSUNG = Symbol.of("005930");

  @AutoClose LiveHarness h;

  @Test
  void hostsGetTheKisBasePriceNotTheFirstTradeAndTheLatchAndConnectionNowAndOnEveryChange() throws Exception {
    h = new LiveHarness("");
    long base = join(h.kis.rest().inquirePrice(SAMSUNG.code())).stckSdpr();
    long away = KrxTick.roundDown(base * 12 / 10);
    h.trade(SAMSUNG.code(), away, 1); // today's first trade, far from the base price
    TestProbe<KisSupervisor.Command> supervisor = h.kit.createTestProbe();
    SessionSchedule schedule = SessionSchedule.alwaysOpen(LiveHarness.SEOUL);
    Clock clock = Clock.system(LiveHarness.SEOUL);
    ActorRef<HostSignals.Command> signals = h.kit.spawn(HostSignals.create(supervisor.getRef(),
        s -> h.kis.rest().inquirePrice(s.code()).thenApply(Quote::stckSdpr), schedule, clock), "signals");
    KisSupervisor.WatchStatus watch = supervisor.expectMessageClass(KisSupervisor.WatchStatus.class, WAIT);

    TestProbe<AgentRunner.Command> first = h.kit.createTestProbe();
    signals.tell(new HostSignals.Watch(first.getRef(), SAMSUNG));
    AgentRunner.BasePriceNow b = first.expectMessageClass(AgentRunner.BasePriceNow.class, WAIT);
    assertEquals(base, b.price(), "stck_sdpr of inquire-price");
    assertNotEquals(away, b.price());
    assertEquals(LocalDate.now(LiveHarness.SEOUL), b.tradingDay());

    watch.subscriber().tell(new KisSupervisor.Status(ConnectionState.RECONNECTING, Instant.now(), Map.of(),
        Optional.of("dropped"), 1));
    assertEquals(new AgentRunner.ConnectionNow(false, "RECONNECTING"), first.receiveMessage(WAIT));
    signals.tell(new HostSignals.KillSwitchNow(KillSwitchState.OFF));
    assertEquals(new AgentRunner.KillSwitchNow(false), first.receiveMessage(WAIT));
    signals.tell(new HostSignals.CancelAll(new CancelAllWorkingOrders("drill", Instant.now())));
    assertEquals(new AgentRunner.KillSwitchNow(true), first.receiveMessage(WAIT));

    // A host that starts later learns everything at once, the base price without another fetch.
    TestProbe<AgentRunner.Command> later = h.kit.createTestProbe();
    signals.tell(new HostSignals.Watch(later.getRef(), SAMSUNG));
    assertEquals(new AgentRunner.KillSwitchNow(true), later.receiveMessage(WAIT));
    assertEquals(new AgentRunner.ConnectionNow(false, "RECONNECTING"), later.receiveMessage(WAIT));
    assertEquals(new AgentRunner.BasePriceNow(SAMSUNG, b.tradingDay(), base), later.receiveMessage(WAIT));
  }

  /** Always in continuous trading unless closed; the trading day is whatever the test says. */
  static final class SettableSchedule implements SessionSchedule {
    final AtomicReference<LocalDate> day = new AtomicReference<>(LocalDate.of(2026, 11, 24));
    final AtomicBoolean open = new AtomicBoolean(true);

    @Override
    public MarketPhase phaseAt(Instant at) {
      return open.get() ? MarketPhase.CONTINUOUS : MarketPhase.CLOSED;
    }

    @Override
    public LocalDate tradingDay(Instant at) {
      return day.get();
    }

    @Override
    public Instant nextChange(Instant at) {
      return at.plusSeconds(60);
    }

    @Override
    public Instant sessionEnd(Instant at) {
      return at.plusSeconds(3600);
    }
  }

  @Test
  void theBasePriceIsFetchedAgainWhenTheTradingDayRollsAndWhenTheMarketOpens() throws Exception {
    h = new LiveHarness("");
    SettableSchedule schedule = new SettableSchedule();
    AtomicInteger fetches = new AtomicInteger();
    TestProbe<KisSupervisor.Command> supervisor = h.kit.createTestProbe();
    ActorRef<HostSignals.Command> signals = h.kit.spawn(HostSignals.create(supervisor.getRef(), s -> {
      fetches.incrementAndGet();
      return h.kis.rest().inquirePrice(s.code()).thenApply(Quote::stckSdpr);
    }, schedule, Clock.system(LiveHarness.SEOUL), Duration.ofMillis(50)), "signals");
    TestProbe<AgentRunner.Command> host = h.kit.createTestProbe();
    signals.tell(new HostSignals.Watch(host.getRef(), SAMSUNG));
    AgentRunner.BasePriceNow first = fishBase(host);
    assertEquals(LocalDate.of(2026, 11, 24), first.tradingDay());

    schedule.open.set(false);
    schedule.day.set(LocalDate.of(2026, 11, 25));
    AgentRunner.BasePriceNow rolled = fishBase(host);
    assertEquals(LocalDate.of(2026, 11, 25), rolled.tradingDay(), "fetched for the new day");
    int afterRoll = fetches.get();

    schedule.open.set(true);
    AgentRunner.BasePriceNow atOpen = fishBase(host);
    assertEquals(LocalDate.of(2026, 11, 25), atOpen.tradingDay());
    assertEquals(afterRoll + 1, fetches.get(), "fetched once more at the open");
    host.expectNoMessage(Duration.ofMillis(300));
    assertEquals(afterRoll + 1, fetches.get(), "and not again while nothing changes");
  }

  static AgentRunner.BasePriceNow fishBase(TestProbe<AgentRunner.Command> host) {
    return (AgentRunner.BasePriceNow) host.fishForMessage(WAIT, m -> m instanceof AgentRunner.BasePriceNow
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore()).get(0);
  }
}
