package kis.actors.live;

import static kis.actors.live.LiveHarness.SEOUL;
import static kis.actors.live.LiveHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import kis.actors.agent.Agent;
import kis.actors.gateway.GatewaySettings;
import kis.actors.reconcile.ReconcilerSettings;
import kis.actors.risk.AccountLimits;
import kis.actors.supervisor.SupervisorSettings;
import kis.connector.assembly.KisConnector;
import kis.journal.AgentId;
import kis.journal.CostModel;
import kis.journal.PrintSource;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.MarketPhase;
import kis.journal.calendar.SessionClock;
import kis.journal.calendar.SessionSchedule;
import kis.strategies.event.PhaseChanged;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A VI announced live: kis-sim's REAL flavour (its KRX session pinned to a Monday 10:00) starts a
 * VI on a 6 % jump and publishes it on {@code H0STMKO0}; the desk's supervisor has registered the
 * traded stock's market status in a spare slot, and the runner trading the stock is told the VI
 * and, once the sim's clock is moved past the two-minute call, the return to continuous trading.
 */
class ViLiveSimTest {
  static final LiveHarness H = new LiveHarness(
      "flavour = REAL\nsession-mode = KRX\nsession-start = \"2026-11-23T10:00:00\"");
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Clock CLOCK = Clock.system(SEOUL);
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @AfterAll
  static void stop() {
    H.close();
  }

  @Test
  void aViInTheSimReachesTheRunnerTradingTheStockAndThenItsEnd() throws Exception {
    KisConnector real = KisConnector.create(H.kit.system(), H.config("tr-ids = real"), H.credentials());
    ActorRef<AccountDesk.Command> desk = H.kit.spawn(AccountDesk.create(new AccountDesk.Setup("vi", real, CLOCK,
        SessionSchedule.alwaysOpen(SEOUL), new SessionClock(KrxCalendar.defaults(), CLOCK), GatewaySettings.real(),
        SupervisorSettings.defaults(), ReconcilerSettings.defaults(CostModel.KIS_2026).withInterval(Duration.ZERO),
        AccountLimits.NONE)), "desk-vi");
    TestProbe<Agent.Command> agent = H.kit.createTestProbe();
    TestProbe<AgentRunner.Command> runner = H.kit.createTestProbe();
    AgentId a = new AgentId("vi");
    desk.tell(new AccountDesk.AgentUp(a, a, agent.getRef(), runner.getRef(), List.of(SAMSUNG), List.of(),
        PrintSource.KRX));
    // The stock may have been registered on the first socket before or after it opened; a new
    // socket registers everything again and is LIVE only once each registration (the market status
    // too) is acknowledged: so the VI cannot happen before the sim knows who wants it.
    LiveHarness.awaitTrue("desk live", () -> "LIVE".equals(status(desk).connection()));
    H.sim.faults().dropWebsockets();
    LiveHarness.awaitTrue("reconnected and live", () -> {
      AccountDesk.DeskStatus st = status(desk);
      return "LIVE".equals(st.connection()) && st.reconnects().values().stream().mapToLong(Long::longValue).sum() >= 1;
    });

    trade(71_300);
    trade(75_600); // +6.03 %: a dynamic VI on a non-KOSPI200 rate
    AgentRunner.StockPhase start = phase(runner);
    PhaseChanged vi = start.event();
    assertEquals(Venue.KRX, vi.venue());
    assertEquals(SAMSUNG, vi.symbol());
    assertEquals(MarketPhase.VOLATILITY_INTERRUPTION, vi.phase());

    post("/sim/clock/advance", "{\"minutes\":2,\"seconds\":1}"); // past the call: the sim ends the VI
    PhaseChanged end = phase(runner).event();
    assertEquals(SAMSUNG, end.symbol());
    assertEquals(MarketPhase.CONTINUOUS, end.phase());
    assertEquals(java.util.Optional.of(MarketPhase.VOLATILITY_INTERRUPTION), end.previous());
  }

  private static AgentRunner.StockPhase phase(TestProbe<AgentRunner.Command> runner) {
    AgentRunner.StockPhase[] got = new AgentRunner.StockPhase[1];
    runner.fishForMessage(WAIT, m -> {
      if (m instanceof AgentRunner.StockPhase p) {
        got[0] = p;
        return FishingOutcomes.complete();
      }
      return FishingOutcomes.continueAndIgnore();
    });
    return got[0];
  }

  private static AccountDesk.DeskStatus status(ActorRef<AccountDesk.Command> desk) {
    TestProbe<AccountDesk.DeskStatus> p = H.kit.createTestProbe();
    desk.tell(new AccountDesk.GetStatus(p.getRef()));
    return p.receiveMessage(WAIT);
  }

  private static void trade(long price) throws Exception {
    post("/sim/trade", "{\"symbol\":\"" + SAMSUNG.code() + "\",\"venue\":\"KRX\",\"price\":" + price + ",\"qty\":1}");
  }

  private static void post(String path, String body) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(H.sim.restBaseUrl() + path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
  }
}
