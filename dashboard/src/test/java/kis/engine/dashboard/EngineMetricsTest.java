package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineMetricsTest {

  @Test
  void scrapeShowsEveryMetricTheIssueNamesWithItsCurrentValue() {
    EngineMetrics m = new EngineMetrics();
    m.onOrderSent();
    m.onOrderSent();
    m.onOrderRejected("KIS_REJECTED");
    m.onOrderDenied("RISK_MAX_NOTIONAL");
    m.onFill();
    m.setInDoubt(3);
    m.onReconnect(EngineMetrics.Level.WEBSOCKET);
    m.setWebsocketStaleness(Duration.ofMillis(2500));
    m.observeRestLatency("order-cash", Duration.ofMillis(40));
    m.observeJournalWrite(Duration.ofMillis(2));
    m.refreshFrom(new EngineSnapshot(List.of(new AgentRow("a1", List.of(), "s", AgentRunState.RUNNING, 0, 0,
        1500, -300, 0, null, "OK")), ConnectionStatus.unknown(),
        new ReconcileStatus(Instant.EPOCH, "DRIFT", List.of("x", "y")), KillSwitchStatus.off(),
        new MarketClock("CLOSED", null), new DiskStatus(true, 100L << 20, 256L << 20, Instant.EPOCH, "disk almost full")));

    String text = m.scrape();
    assertTrue(text.contains("kis_orders_sent_total 2.0"), text);
    assertTrue(text.contains("kis_orders_rejected_total{reason=\"KIS_REJECTED\"} 1.0"), text);
    assertTrue(text.contains("kis_orders_denied_total{reason=\"RISK_MAX_NOTIONAL\"} 1.0"), text);
    assertTrue(text.contains("kis_fills_total 1.0"), text);
    assertTrue(text.contains("kis_orders_in_doubt 3.0"), text);
    assertTrue(text.contains("kis_reconnects_total{level=\"websocket\"} 1.0"), text);
    assertTrue(text.contains("kis_websocket_staleness_seconds 2.5"), text);
    assertTrue(text.contains("kis_rest_latency_seconds_bucket{endpoint=\"order-cash\",le=\"0.05\"} 1"), text);
    assertTrue(text.contains("kis_rest_latency_seconds_bucket{endpoint=\"order-cash\",le=\"0.025\"} 0"), text);
    assertTrue(text.contains("journal_write_latency_seconds_count 1"), text);
    assertTrue(text.contains("kis_disk_low 1.0"), text);
    assertTrue(text.contains("kis_data_dir_free_bytes 1.048576E8"), text);
    assertTrue(text.contains("kis_orders_held_for_token 0.0"), text);
    assertTrue(text.contains("kis_reconcile_drift 2.0"), text);
    assertTrue(text.contains("agent_pnl_won{agent=\"a1\",kind=\"realized\"} 1500.0"), text);
    assertTrue(text.contains("agent_pnl_won{agent=\"a1\",kind=\"unrealized\"} -300.0"), text);
  }
}
