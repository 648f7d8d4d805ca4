package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import kis.actors.reconcile.ReconcileReport;
import kis.connector.rest.KisJson;
import kis.journal.OrderType;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketCalendar;
import kis.journal.calendar.SessionSchedule;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import kis.sim.KisSimulator;
import kis.sim.OrderLog;
import kis.sim.SimConfig;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
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
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  static final Duration WAIT = Duration.ofSeconds(30);
  static final Symbol HYNIX = Symbol.of("000660");
  @TempDir Path dir;

  static final String AGENTS = """
      kis-trader.agents = [
        { id = krx-after, symbol = "000660", strategy { name = kis.actors.live.AfterMarketTrader,
            params { symbol = "000660", quantity = 2 } } }
      ]
      kis-trader.agent {
        snapshot-every = 50, snapshots-kept = 2
        persist-failure-backoff { min = 100ms, max = 1s, random-factor = 0.2 }
        costs { fee-ppb = 140527, sell-tax-ppb = 2000000 }
      }
      kis-trader.risk { duplicate-window = 1ms }
      # The test moves the clock in jumps: a jump is not a silent feed (as NxtEveningSimTest).
      kis-trader.supervisor { stale-without-frames = 6h, stale-without-trades = 6h, stream-watchdog.enabled = off }
      pekko.loglevel = WARNING
      """;

  static Instant kst(String t) {
    return LocalDateTime.parse(t).atZone(SEOUL).toInstant();
  }

  @Test
  void aKrxAgentsLimitsGoOutAsAfterMarketLimitsAndFillItsMarketOrderIsDeniedAndItsRestingOrderDiesAt20()
      throws Exception {
    JumpingClock clock = new JumpingClock(kst("2026-11-23T17:00:00"));
    Config config = ConfigFactory.parseString(AGENTS).withFallback(PersistenceTestKitPlugin.getInstance().config());
    try (KisSimulator sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { flavour = REAL, session-mode = KRX, tick-interval = 100ms, rate-limit-per-second = -1,"
            + " token-reissue-interval = 0s }")), clock);
        SimEngine engine = SimEngine.startReal("krx-after", config, sim, dir, clock,
            SessionSchedule.market(MarketCalendar.defaults()), Duration.ofHours(1))) {
      engine.awaitAgentsRunning();

      // 17:00: KRX's after-market. The first wait includes connecting and the first reconciliation.
      NxtEveningSimTest.await(engine, sim, "the market buy denied, one buy resting and one cancelled", SimEngine.WAIT,
          () -> {
            AgentState a = engine.states().get("krx-after");
            return a != null && NxtEveningSimTest.denied(a).isPresent() && cancelled(a).isPresent()
                && resting(a).isPresent();
          });
      AgentState a = engine.states().get("krx-after");
      Order market = NxtEveningSimTest.denied(a).orElseThrow();
      assertEquals(Venue.KRX, market.spec().venue());
      assertTrue(market.lastMessage().startsWith(RejectReason.AGENT_UNSUPPORTED_ORDER_TYPE.name())
          && market.lastMessage().contains("AFTER_MARKET"), market.toString());
      Order rest = resting(a).orElseThrow();
      assertEquals(Venue.KRX, rest.spec().venue());

      NxtEveningSimTest.await(engine, sim, "the agent bought and sold in the after-market", WAIT, () ->
          trades(engine.states().get("krx-after")).filter(o -> o.status() == OrderStatus.FILLED).count() == 2);
      List<Order> trades = trades(engine.states().get("krx-after")).toList();
      assertEquals(Set.of(Side.BUY, Side.SELL), Set.copyOf(trades.stream().map(o -> o.spec().side()).toList()));

      // 19:59: no roll has touched the resting order (the engine's 15:30 roll is behind it, KRX's 20:00 ahead).
      clock.jumpTo(kst("2026-11-23T19:59:00"));
      NxtEveningSimTest.await(engine, sim, "the resting order still working at 19:59, here and at the exchange", WAIT,
          () -> NxtEveningSimTest.statusOf(engine.states().get("krx-after"), rest)
              .equals(Optional.of(OrderStatus.WORKING)) && NxtEveningSimTest.simOrder(sim, rest).remainingQty() > 0);

      // 20:00:05: KRX's after-market is over.
      clock.jumpTo(kst("2026-11-23T20:00:05"));
      NxtEveningSimTest.await(engine, sim, "the after-market order expired by the 20:00 roll", WAIT, () ->
          NxtEveningSimTest.statusOf(engine.states().get("krx-after"), rest)
              .equals(Optional.of(OrderStatus.EXPIRED)));

      engine.parkAll("test over");
      NxtEveningSimTest.await(engine, sim, "every order settled", WAIT, () -> engine.states().values().stream()
          .allMatch(s -> s.openOrders().isEmpty()));
      Map<String, AgentState> books = engine.states();
      String summary = new TreeMap<>(books).toString();
      ReconcileReport report = engine.reconcile();
      assertEquals(List.of(), report.alarms(), "the reconciler agrees: " + report);
      BooksEqualTheAccount.positions(sim, books, summary);
      BooksEqualTheAccount.orderForOrder(sim, books, Set.of(OrderLog.Outcome.ACCEPTED), "accepted", summary);
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
      assertTrue(books.values().stream().allMatch(s -> s.anomalyCount() == 0), summary);
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

  static Stream<Order> all(AgentState s) {
    return Stream.concat(s.openOrders().values().stream(), s.closedOrders().stream());
  }
}
