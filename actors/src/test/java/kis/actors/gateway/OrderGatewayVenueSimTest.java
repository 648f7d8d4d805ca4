package kis.actors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import kis.actors.agent.Agent;
import kis.actors.agent.OrderPort;
import kis.actors.risk.KillSwitchState;
import kis.connector.KisConfig;
import kis.connector.KisCredentials;
import kis.connector.assembly.KisConnector;
import kis.connector.rest.KisJson;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.KrxTick;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.sim.KisSimulator;
import kis.sim.OrderLog;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway sends an order, and then its revise and cancel, to the venue the order was placed
 * on: read off kis-sim's log of the request bodies as they arrived ({@code EXCG_ID_DVSN_CD}). The
 * sim runs the REAL flavour, since paper accounts take KRX only.
 */
@ExtendWith(LogCapturingExtension.class)
class OrderGatewayVenueSimTest {
  static final Duration WAIT = Duration.ofSeconds(15);
  static final AgentId A = new AgentId("v");
  static final Symbol HYUNDAI = Symbol.of("005380");
  static KisSimulator sim;
  static ActorTestKit kit;
  static KisConnector kis;
  static ActorRef<OrderGateway.Command> gateway;

  @BeforeAll
  static void start() throws Exception {
    sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { flavour = REAL, tick-interval = 0, rate-limit-per-second = -1, seed = 7,"
            + " token-reissue-interval = 0s, pingpong-interval = 1h }")));
    kit = ActorTestKit.create("venue", ConfigFactory.parseString("pekko.stdout-loglevel = OFF"));
    Path tokens = Files.createTempDirectory("kis-tokens");
    SimCredentials c = sim.credentials();
    kis = KisConnector.create(kit.system(), KisConfig.fromConfig(ConfigFactory.parseString(
        "kis { mode = sim, tr-ids = real, rest-url = \"" + sim.restBaseUrl() + "\", ws-url = \"" + sim.websocketUrl()
            + "\", token.cache-dir = \"" + tokens + "\", token.min-issue-interval = 1s }")),
        KisCredentials.of(c.appKey(), c.appSecret(), c.cano() + "-" + c.acntPrdtCd(), c.htsId()));
    gateway = kit.spawn(OrderGateway.create(kis.rest(), GatewaySettings.real(), Clock.system(ZoneId.of("Asia/Seoul"))));
    gateway.tell(new OrderGateway.KillSwitchNow(KillSwitchState.OFF));
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
    sim.close();
  }

  static String venueOf(OrderLog.Entry e) throws Exception {
    return KisJson.MAPPER.readTree(e.body()).path("EXCG_ID_DVSN_CD").asText();
  }

  @Test
  void anNxtOrderIsRevisedAndCancelledOnNxt() throws Exception {
    TestProbe<Agent.Command> agent = kit.createTestProbe();
    long low = kis.rest().inquirePrice(HYUNDAI.code()).toCompletableFuture()
        .get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).stckLlam(); // rests unfilled
    ClientOrderId id = ClientOrderId.of(A, 1);
    int before = sim.orderLog().size();

    gateway.tell(new OrderGateway.Send(new OrderPort.SendOrder(id, A,
        OrderSpec.limit(HYUNDAI, Side.BUY, 2, low).on(Venue.NXT), agent.getRef())));
    Agent.BrokerAccepted accepted = agent.expectMessageClass(Agent.BrokerAccepted.class, WAIT);
    long higher = KrxTick.step(low, 1);
    gateway.tell(new OrderGateway.Send(new OrderPort.SendRevise(id, A, accepted.orderNo(), accepted.branchNo(),
        HYUNDAI, OrderType.LIMIT, 2, higher, agent.getRef(), Venue.NXT)));
    Agent.BrokerRevised revised = agent.expectMessageClass(Agent.BrokerRevised.class, WAIT);
    gateway.tell(new OrderGateway.Send(new OrderPort.SendCancel(id, A, revised.newOrderNo(), accepted.branchNo(),
        HYUNDAI, OrderType.LIMIT, 2, agent.getRef(), Venue.NXT)));
    agent.expectMessageClass(Agent.BrokerCancelled.class, WAIT);

    List<OrderLog.Entry> calls = sim.orderLog().entries().subList(before, sim.orderLog().size());
    assertEquals(3, calls.size(), calls::toString);
    assertTrue(calls.stream().allMatch(e -> e.outcome() == OrderLog.Outcome.ACCEPTED), calls::toString);
    for (OrderLog.Entry e : calls) {
      assertEquals("NXT", venueOf(e), e.trId());
    }
  }
}
