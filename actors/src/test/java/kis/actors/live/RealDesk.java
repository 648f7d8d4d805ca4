package kis.actors.live;

import static kis.actors.live.LiveHarness.SEOUL;
import static kis.actors.live.LiveHarness.WAIT;

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
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import kis.journal.calendar.SessionSchedule;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * An account desk on a {@link LiveHarness}'s simulator with a real account's TR ids (the REAL
 * flavour's NXT books and feeds need them), always open and reconciling only when asked: for tests
 * of what the desk streams to the runners registered on it.
 */
final class RealDesk {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final LiveHarness h;
  private final ActorRef<AccountDesk.Command> desk;

  private RealDesk(LiveHarness h, ActorRef<AccountDesk.Command> desk) {
    this.h = h;
    this.desk = desk;
  }

  /** The desk {@code name} (its actor {@code desk-name}) on {@code h}'s simulator. */
  static RealDesk start(LiveHarness h, String name) {
    Clock clock = Clock.system(SEOUL);
    KisConnector real = KisConnector.create(h.kit.system(), h.config("tr-ids = real"), h.credentials());
    return new RealDesk(h, h.kit.spawn(AccountDesk.create(new AccountDesk.Setup(name, real, clock,
        SessionSchedule.alwaysOpen(SEOUL), new SessionClock(KrxCalendar.defaults(), clock), GatewaySettings.real(),
        SupervisorSettings.defaults(), ReconcilerSettings.defaults(CostModel.KIS_2026).withInterval(Duration.ZERO),
        AccountLimits.NONE)), "desk-" + name));
  }

  /** Registers agent {@code id} trading {@code symbol} on the {@code prints} feed; returns its runner's probe. */
  TestProbe<AgentRunner.Command> runner(String id, Symbol symbol, PrintSource prints) {
    TestProbe<Agent.Command> agent = h.kit.createTestProbe();
    TestProbe<AgentRunner.Command> runner = h.kit.createTestProbe();
    AgentId a = new AgentId(id);
    desk.tell(new AccountDesk.AgentUp(a, a, agent.getRef(), runner.getRef(), List.of(symbol), List.of(), prints));
    return runner;
  }

  AccountDesk.DeskStatus status() {
    TestProbe<AccountDesk.DeskStatus> p = h.kit.createTestProbe();
    desk.tell(new AccountDesk.GetStatus(p.getRef()));
    return p.receiveMessage(WAIT);
  }

  void awaitLive() throws InterruptedException {
    LiveHarness.awaitTrue("desk live", () -> "LIVE".equals(status().connection()));
  }

  /**
   * Drops the simulator's websockets and waits for the desk to be live on a new one (which
   * registers every feed again before it is LIVE).
   */
  void reconnect() throws InterruptedException {
    h.sim.faults().dropWebsockets();
    LiveHarness.awaitTrue("reconnected and live", () -> {
      AccountDesk.DeskStatus st = status();
      return "LIVE".equals(st.connection()) && st.reconnects().values().stream().mapToLong(Long::longValue).sum() >= 1;
    });
  }

  /** A print of one share of {@code symbol} at {@code price} on {@code venue}'s book. */
  void trade(Symbol symbol, String venue, long price) throws Exception {
    post("/sim/trade", "{\"symbol\":\"" + symbol.code() + "\",\"venue\":\"" + venue + "\",\"price\":" + price
        + ",\"qty\":1}");
  }

  /** POSTs {@code body} to the simulator's {@code path}; fails unless it answers 200. */
  void post(String path, String body) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(h.sim.restBaseUrl() + path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
  }
}
