package kis.actors.live;

import static kis.actors.live.MarketDaySim.SEOUL;
import static kis.actors.live.MarketDaySim.WAIT;
import static kis.actors.live.MarketDaySim.all;
import static kis.actors.live.MarketDaySim.await;
import static kis.actors.live.MarketDaySim.denied;
import static kis.actors.live.MarketDaySim.kst;
import static kis.actors.live.MarketDaySim.settleAndAgree;
import static kis.actors.live.MarketDaySim.simOrder;
import static kis.actors.live.MarketDaySim.statusOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import kis.connector.rest.KisJson;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Venue;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import kis.sim.KisSimulator;
import kis.sim.OrderLog;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent configured {@code venue = NXT} through an evening on kis-sim (REAL flavour, every
 * venue's sessions, one market clock shared with the engine, pinned to Monday 2026-11-23 15:00 KST
 * and moved forward in steps): its strategy names no venue, so every order it places goes to NXT;
 * its market buy is denied before anything is sent (NXT takes none) while a KRX agent's fills; at
 * the engine's own 15:30 day roll the KRX agent's resting order expires and the NXT one does not;
 * the NXT agent buys and sells after 15:30; at 20:00 its resting order expires; and the books equal
 * the account, the reconciler agreeing.
 */
@ExtendWith(LogCapturingExtension.class)
class NxtEveningSimTest {
  @TempDir Path dir;

  static final String AGENTS = """
      kis-trader.agents = [
        { id = nxt-a, symbol = "005930", venue = NXT, strategy { name = kis.actors.live.EveningTrader,
            params { symbol = "005930", quantity = 2, evening = true } } }
        { id = krx-b, symbol = "000660", strategy { name = kis.actors.live.EveningTrader,
            params { symbol = "000660", quantity = 1, evening = false } } }
      ]
      """;

  @Test
  void anNxtAgentTradesThroughTheEveningItsOrdersOutliveKrxsCloseAndItsBooksEqualTheAccount() throws Exception {
    JumpingClock clock = new JumpingClock(kst("2026-11-23T15:00:00"));
    try (KisSimulator sim = MarketDaySim.sim(clock);
        SimEngine engine = MarketDaySim.engine("nxt-evening", AGENTS, sim, dir, clock)) {

      // 15:00: NXT's main market and KRX's continuous market.
      // The first wait includes connecting and the first reconciliation: the harness's start-up bound.
      await(engine, sim, "the NXT agent's market buy denied and its buy resting on NXT", SimEngine.WAIT, () -> {
        AgentState a = engine.states().get("nxt-a");
        return a != null && denied(a).isPresent() && resting(a).isPresent();
      });
      await(engine, sim, "the KRX agent's market buy filled and its buy resting on KRX", WAIT, () -> {
        AgentState b = engine.states().get("krx-b");
        return b != null && b.position(kis.journal.Symbol.of("000660")).quantity() == 1 && resting(b).isPresent();
      });
      AgentState a = engine.states().get("nxt-a");
      Order market = denied(a).orElseThrow();
      assertEquals(Venue.NXT, market.spec().venue(), "the agent's venue, the strategy named none");
      assertTrue(market.lastMessage().contains("NXT takes no MARKET orders"), market.toString());
      Order nxtRest = resting(a).orElseThrow();
      assertEquals(Venue.NXT, nxtRest.spec().venue());
      Order krxRest = resting(engine.states().get("krx-b")).orElseThrow();
      assertEquals(Venue.KRX, krxRest.spec().venue());

      // 15:30:05: KRX has closed, NXT's after-market runs. The engine's own roll (due at 15:30).
      clock.jumpTo(kst("2026-11-23T15:30:05"));
      await(engine, sim, "the KRX order expired by the engine's day roll", WAIT, () ->
          statusOf(engine.states().get("krx-b"), krxRest).equals(Optional.of(OrderStatus.EXPIRED)));
      assertEquals(Optional.of(OrderStatus.WORKING), statusOf(engine.states().get("nxt-a"), nxtRest),
          "the NXT order outlives KRX's close");
      assertTrue(simOrder(sim, nxtRest).remainingQty() > 0, "and lives at the exchange");

      // The strategy prices off KRX's last print (the desk feeds KRX's prints); NXT's book has its
      // own: a print on NXT at the order's limit fills an order the book did not fill on arrival.
      fillOnNxt(engine, sim, Side.BUY);
      fillOnNxt(engine, sim, Side.SELL);
      await(engine, sim, "the NXT agent bought and sold after 15:30", WAIT, () -> eveningTrades(engine.states().get("nxt-a"))
          .filter(o -> o.status() == OrderStatus.FILLED).count() == 2);
      List<Order> evening = eveningTrades(engine.states().get("nxt-a")).toList();
      assertTrue(evening.stream().allMatch(o -> o.spec().venue() == Venue.NXT && o.spec().type() == OrderType.LIMIT),
          evening::toString);
      assertEquals(Set.of(Side.BUY, Side.SELL), Set.copyOf(evening.stream().map(o -> o.spec().side()).toList()));

      // 20:00:05: NXT's day is over too.
      clock.jumpTo(kst("2026-11-23T20:00:05"));
      await(engine, sim, "the NXT order expired at NXT's close", WAIT, () ->
          statusOf(engine.states().get("nxt-a"), nxtRest).equals(Optional.of(OrderStatus.EXPIRED)));

      settleAndAgree(engine, sim);
      for (OrderLog.Entry e : sim.orderLog().entries()) {
        var body = KisJson.MAPPER.readTree(e.body());
        if ("NXT".equals(body.path("EXCG_ID_DVSN_CD").asText())) {
          assertEquals("00", body.path("ORD_DVSN").asText(), "no market order went to NXT: " + e);
        }
      }
    }
  }

  /** Waits for nxt-a's evening order on {@code side} to be accepted and, unless it filled on arrival, prints through it on NXT. */
  static void fillOnNxt(SimEngine engine, KisSimulator sim, Side side) throws Exception {
    await(engine, sim, "the NXT agent's evening " + side + " accepted", WAIT, () -> eveningTrades(engine.states()
        .get("nxt-a")).anyMatch(o -> o.spec().side() == side && o.orderNo() != null));
    Order o = eveningTrades(engine.states().get("nxt-a")).filter(x -> x.spec().side() == side).findFirst().orElseThrow();
    if (o.status() == OrderStatus.FILLED) {
      return;
    }
    String body = "{\"symbol\":\"" + o.spec().symbol().code() + "\",\"price\":" + o.price() + ",\"qty\":"
        + o.remainingQuantity() + ",\"count\":1,\"venue\":\"NXT\"}";
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.restBaseUrl() + "/sim/trade"))
            .timeout(WAIT).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  /** The buy the strategy rests under the market, once KIS accepted it. */
  static Optional<Order> resting(AgentState s) {
    return all(s).filter(o -> o.spec().type() == OrderType.LIMIT && o.orderNo() != null
            && o.requestedAt().atZone(SEOUL).toLocalTime().isBefore(LocalTime.of(15, 30)))
        .findFirst();
  }

  /** The orders requested after KRX's close. */
  static Stream<Order> eveningTrades(AgentState s) {
    return all(s).filter(o -> !o.requestedAt().atZone(SEOUL).toLocalTime().isBefore(LocalTime.of(15, 30)));
  }
}
