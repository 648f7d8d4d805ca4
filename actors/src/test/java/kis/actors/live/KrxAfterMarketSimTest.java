package kis.actors.live;

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

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import kis.connector.rest.KisJson;
import kis.journal.OrderType;
import kis.journal.RejectReason;
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
 * A KRX agent (the default venue) in KRX's after-market on kis-sim (REAL flavour, every venue's
 * sessions, one market clock shared with the engine, pinned to Monday 2026-11-23 17:00 KST and
 * moved forward in steps): its market buy is denied before anything is sent (the after-market
 * takes limit types only); its limits go out as the after-market limit ({@code ORD_DVSN 41}), are
 * accepted and fill there; a cancel of one goes out as 41 to KRX and is accepted; the order it
 * leaves resting outlives 19:59 and is expired by the engine's own day roll at 20:00, as at the
 * exchange; and the books equal the account, the reconciler agreeing.
 */
@ExtendWith(LogCapturingExtension.class)
class KrxAfterMarketSimTest {
  @TempDir Path dir;

  static final String AGENTS = """
      kis-trader.agents = [
        { id = krx-after, symbol = "000660", strategy { name = kis.actors.live.AfterMarketTrader,
            params { symbol = "000660", quantity = 2 } } }
      ]
      """;

  @Test
  void aKrxAgentsLimitsGoOutAsAfterMarketLimitsAndFillItsMarketOrderIsDeniedAndItsRestingOrderDiesAt20()
      throws Exception {
    JumpingClock clock = new JumpingClock(kst("2026-11-23T17:00:00"));
    try (KisSimulator sim = MarketDaySim.sim(clock);
        SimEngine engine = MarketDaySim.engine("krx-after", AGENTS, sim, dir, clock)) {
      // 17:00: KRX's after-market. The first wait includes connecting and the first reconciliation.
      await(engine, sim, "the market buy denied, one buy resting and one cancelled", SimEngine.WAIT,
          () -> {
            AgentState a = engine.states().get("krx-after");
            return a != null && denied(a).isPresent() && cancelled(a).isPresent()
                && resting(a).isPresent();
          });
      AgentState a = engine.states().get("krx-after");
      Order market = denied(a).orElseThrow();
      assertEquals(Venue.KRX, market.spec().venue());
      assertTrue(market.lastMessage().startsWith(RejectReason.AGENT_UNSUPPORTED_ORDER_TYPE.name())
          && market.lastMessage().contains("AFTER_MARKET"), market.toString());
      Order rest = resting(a).orElseThrow();
      assertEquals(Venue.KRX, rest.spec().venue());

      await(engine, sim, "the agent bought and sold in the after-market", WAIT, () ->
          trades(engine.states().get("krx-after")).filter(o -> o.status() == OrderStatus.FILLED).count() == 2);
      List<Order> trades = trades(engine.states().get("krx-after")).toList();
      assertEquals(Set.of(Side.BUY, Side.SELL), Set.copyOf(trades.stream().map(o -> o.spec().side()).toList()));

      // 19:59: no roll has touched the resting order (the engine's 15:30 roll is behind it, KRX's 20:00 ahead).
      clock.jumpTo(kst("2026-11-23T19:59:00"));
      await(engine, sim, "the resting order still working at 19:59, here and at the exchange", WAIT,
          () -> statusOf(engine.states().get("krx-after"), rest)
              .equals(Optional.of(OrderStatus.WORKING)) && simOrder(sim, rest).remainingQty() > 0);

      // 20:00:05: KRX's after-market is over.
      clock.jumpTo(kst("2026-11-23T20:00:05"));
      await(engine, sim, "the after-market order expired by the 20:00 roll", WAIT, () ->
          statusOf(engine.states().get("krx-after"), rest)
              .equals(Optional.of(OrderStatus.EXPIRED)));

      settleAndAgree(engine, sim);
      List<String> kinds = new ArrayList<>();
      for (OrderLog.Entry e : sim.orderLog().entries()) {
        JsonNode body = KisJson.MAPPER.readTree(e.body());
        assertEquals("KRX", body.path("EXCG_ID_DVSN_CD").asText("KRX"), e.toString());
        assertEquals("41", body.path("ORD_DVSN").asText(), "every KRX order, and its cancel, as an after-market limit: "
            + e);
        if (e.outcome() == OrderLog.Outcome.ACCEPTED) {
          kinds.add(body.has("RVSE_CNCL_DVSN_CD") ? "cancel" : "order");
        }
      }
      assertEquals(1, kinds.stream().filter("cancel"::equals).count(), "one cancel accepted: " + kinds);
      assertEquals(4, kinds.stream().filter("order"::equals).count(), "two rests, a buy and a sell accepted; no market order: "
          + kinds);
    }
  }

  /** A resting buy of one share 10 % under the market, accepted and not cancelled (the trades are of two). */
  static Optional<Order> resting(AgentState s) {
    return all(s).filter(o -> o.spec().type() == OrderType.LIMIT && o.spec().quantity() == 1 && o.orderNo() != null
        && o.status() != OrderStatus.CANCELLED && o.status() != OrderStatus.PENDING_CANCEL).findFirst();
  }

  static Optional<Order> cancelled(AgentState s) {
    return all(s).filter(o -> o.status() == OrderStatus.CANCELLED).findFirst();
  }

  /** The buy and sell placed to trade (of two shares). */
  static Stream<Order> trades(AgentState s) {
    return all(s).filter(o -> o.spec().quantity() == 2);
  }
}
