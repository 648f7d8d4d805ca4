package kis.engine.dashboard.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import kis.actors.supervisor.ConnectionState;
import kis.actors.supervisor.KisSupervisor;
import kis.connector.rest.Tr;
import kis.engine.dashboard.EngineMetrics;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.FillSource;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRejected;
import org.junit.jupiter.api.Test;

class LiveMetricsTest {
  static final Instant NOW = Instant.parse("2026-11-24T01:00:00Z");
  private final EngineMetrics metrics = new EngineMetrics();
  private final LiveMetrics live = new LiveMetrics(metrics, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void restCallsFeedLatencyOrdersSentCallsPerSecondAndTheLevels() {
    live.onCall(Tr.ORDER_CASH_BUY, Duration.ofMillis(30), true);
    live.onCall(Tr.INQUIRE_BALANCE, Duration.ofMillis(80), false);

    String page = metrics.scrape();
    assertTrue(page.contains("kis_orders_sent_total 1.0"), page);
    assertTrue(page.contains("kis_rest_latency_seconds_count{endpoint=\"order-cash-buy\"} 1"), page);
    assertTrue(page.contains("kis_rest_latency_seconds_count{endpoint=\"inquire-balance\"} 1"), page);
    assertEquals(2, live.restCallsLastSecond());
    assertEquals("LIVE", live.tokenLevel().state());
    assertEquals("DISCONNECTED", live.restLevel().state());
    assertEquals(NOW, live.restLevel().since());

    live.onNoToken(Tr.INQUIRE_BALANCE);
    assertEquals("DISCONNECTED", live.tokenLevel().state());
  }

  @Test
  void newJournalEventsCountRejectionsDenialsAndFills() {
    ClientOrderId id = new ClientOrderId("a1-1");
    AgentId a1 = new AgentId("a1");
    live.onNewEvent(a1, new OrderRejected(id, "40030000", "tick size", NOW));
    live.onNewEvent(a1, new OrderDenied(id, OrderSpec.market(Symbol.of("005930"), Side.BUY, 1),
        RejectReason.RISK_DAILY_LOSS, "loss", NOW));
    live.onNewEvent(a1, new OrderFilled(id, OrderNo.of("1"), Symbol.of("005930"), Side.BUY, 1, 70_000, 0, 0, "e1",
        "100000", FillSource.NOTICE, NOW));
    live.written(a1, 1, Duration.ofMillis(2));

    String page = metrics.scrape();
    assertTrue(page.contains("kis_orders_rejected_total{reason=\"40030000\"} 1.0"), page);
    assertTrue(page.contains("kis_orders_denied_total{reason=\"RISK_DAILY_LOSS\"} 1.0"), page);
    assertTrue(page.contains("kis_fills_total 1.0"), page);
    assertTrue(page.contains("journal_write_latency_seconds_count 1"), page);
  }

  @Test
  void reconnectsAreCountedOncePerLevelFromTheSupervisorsTotals() {
    Map<KisSupervisor.Level, Long> counts = new EnumMap<>(KisSupervisor.Level.class);
    counts.put(KisSupervisor.Level.WEBSOCKET, 2L);
    live.onSupervisorStatus(new KisSupervisor.Status(ConnectionState.LIVE, NOW, Map.copyOf(counts), Optional.empty(), 1));
    live.onSupervisorStatus(new KisSupervisor.Status(ConnectionState.LIVE, NOW, Map.copyOf(counts), Optional.empty(), 1));
    counts.put(KisSupervisor.Level.WEBSOCKET, 3L);
    counts.put(KisSupervisor.Level.SESSION, 1L);
    live.onSupervisorStatus(new KisSupervisor.Status(ConnectionState.LIVE, NOW, Map.copyOf(counts), Optional.empty(), 1));

    String page = metrics.scrape();
    assertTrue(page.contains("kis_reconnects_total{level=\"websocket\"} 3.0"), page);
    assertTrue(page.contains("kis_reconnects_total{level=\"session\"} 1.0"), page);
  }
}
