package kis.actors.live;

import static kis.actors.live.LiveHarness.SEOUL;
import static kis.actors.live.LiveHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import kis.journal.calendar.SessionSchedule;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Each agent's runner gets the prints of its own {@code market-data} source only: KRX's
 * ({@code H0STCNT0}), NXT's ({@code H0NXCNT0}) or both books' ({@code H0UNCNT0}), from one desk on
 * kis-sim's REAL flavour (the only one with NXT books and feeds).
 */
class AgentPrintsSimTest {
  static final LiveHarness H = new LiveHarness("flavour = REAL");
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Clock CLOCK = Clock.system(SEOUL);
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @AfterAll
  static void stop() {
    H.close();
  }

  @Test
  void eachRunnerGetsThePrintsOfItsOwnSourceAndNoOther() throws Exception {
    KisConnector real = KisConnector.create(H.kit.system(), H.config("tr-ids = real"), H.credentials());
    ActorRef<AccountDesk.Command> desk = H.kit.spawn(AccountDesk.create(new AccountDesk.Setup("prints", real, CLOCK,
        SessionSchedule.alwaysOpen(SEOUL), new SessionClock(KrxCalendar.defaults(), CLOCK), GatewaySettings.real(),
        SupervisorSettings.defaults(), ReconcilerSettings.defaults(CostModel.KIS_2026).withInterval(Duration.ZERO),
        AccountLimits.NONE)), "desk-prints");
    TestProbe<AgentRunner.Command> krx = runner(desk, "krx", PrintSource.KRX);
    TestProbe<AgentRunner.Command> nxt = runner(desk, "nxt", PrintSource.NXT);
    TestProbe<AgentRunner.Command> both = runner(desk, "both", PrintSource.INTEGRATED);
    // Until each feed is subscribed at the simulator a print may go unseen: print until one arrives.
    primed(krx, "KRX", 71_000);
    primed(nxt, "NXT", 71_100);

    trade("KRX", 70_500);
    trade("NXT", 70_600);
    trade("KRX", 70_700);

    // Frames leave the simulator in order; each runner's prints up to the last KRX one are all it got.
    assertEquals(List.of(70_500L, 70_700L), pricesUntil(krx, 70_700));
    assertEquals(List.of(70_500L, 70_600L, 70_700L), pricesUntil(both, 70_700));
    trade("NXT", 70_800);
    assertEquals(List.of(70_600L, 70_800L), pricesUntil(nxt, 70_800));

    // A new socket subscribes every feed again before the desk is LIVE: each runner's source only, still.
    H.sim.faults().dropWebsockets();
    LiveHarness.awaitTrue("reconnected and live", () -> {
      AccountDesk.DeskStatus st = status(desk);
      return "LIVE".equals(st.connection()) && st.reconnects().values().stream().mapToLong(Long::longValue).sum() >= 1;
    });
    trade("NXT", 70_900);
    trade("KRX", 70_400);
    assertEquals(List.of(70_400L), pricesUntil(krx, 70_400));
    assertEquals(List.of(70_900L), pricesUntil(nxt, 70_900));
    assertEquals(List.of(70_800L, 70_900L, 70_400L), pricesUntil(both, 70_400));
  }

  private static AccountDesk.DeskStatus status(ActorRef<AccountDesk.Command> desk) {
    TestProbe<AccountDesk.DeskStatus> p = H.kit.createTestProbe();
    desk.tell(new AccountDesk.GetStatus(p.getRef()));
    return p.receiveMessage(WAIT);
  }

  private static TestProbe<AgentRunner.Command> runner(ActorRef<AccountDesk.Command> desk, String id,
      PrintSource prints) {
    TestProbe<Agent.Command> agent = H.kit.createTestProbe();
    TestProbe<AgentRunner.Command> runner = H.kit.createTestProbe();
    AgentId a = new AgentId(id);
    desk.tell(new AccountDesk.AgentUp(a, a, agent.getRef(), runner.getRef(), List.of(SAMSUNG), List.of(), prints));
    return runner;
  }

  /**
   * Prints on {@code venue}'s book until {@code runner} has seen one (again every 2 s: a print
   * made before the subscription reached the simulator is never sent), within 30 s.
   */
  private static void primed(TestProbe<AgentRunner.Command> runner, String venue, long price) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      trade(venue, price);
      try {
        runner.fishForMessage(Duration.ofSeconds(2), m -> m instanceof AgentRunner.MarketTrade t && t.price() == price
            ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        return;
      } catch (AssertionError notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
      }
    }
  }

  private static List<Long> pricesUntil(TestProbe<AgentRunner.Command> runner, long last) {
    List<Long> prices = new ArrayList<>();
    runner.fishForMessage(WAIT, m -> {
      if (m instanceof AgentRunner.MarketTrade t && t.price() >= 70_400 && t.price() <= 70_900) {
        prices.add(t.price());
        return t.price() == last ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore();
      }
      return FishingOutcomes.continueAndIgnore();
    });
    assertFalse(prices.isEmpty());
    return prices;
  }

  private static void trade(String venue, long price) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(H.sim.restBaseUrl() + "/sim/trade"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"symbol\":\"" + SAMSUNG.code() + "\",\"venue\":\"" + venue
            + "\",\"price\":" + price + ",\"qty\":1}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("/sim/trade answered " + r.statusCode() + ": " + r.body());
    }
  }
}
