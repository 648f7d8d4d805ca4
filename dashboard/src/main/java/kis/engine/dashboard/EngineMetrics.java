package kis.engine.dashboard;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The engine's Prometheus metrics, served as text at {@code /metrics}. The actors call the
 * {@code on...}/{@code set...} methods as things happen; all of them are thread-safe and cheap
 * (lock-free counters), so they may be called from any actor. One instance per engine; each
 * instance has its own registry so tests do not share counts.
 */
public final class EngineMetrics {
  /** Connection levels used as the {@code level} label. */
  public enum Level { TOKEN, WEBSOCKET, SESSION }

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  private final Counter ordersSent = Counter.builder().name("kis_orders_sent_total")
      .help("Orders sent to KIS (order-cash calls)").register(registry);
  private final Counter ordersRejected = Counter.builder().name("kis_orders_rejected_total")
      .help("Orders KIS rejected").labelNames("reason").register(registry);
  private final Counter ordersDenied = Counter.builder().name("kis_orders_denied_total")
      .help("Orders our pre-trade risk checks denied before sending").labelNames("reason").register(registry);
  private final Counter revisesRefused = Counter.builder().name("kis_revises_refused_total")
      .help("Revises our pre-trade risk checks refused before sending").labelNames("reason").register(registry);
  private final Counter fills = Counter.builder().name("kis_fills_total")
      .help("Executions applied to agents").register(registry);
  private final Gauge inDoubt = Gauge.builder().name("kis_orders_in_doubt")
      .help("Orders whose send outcome is unknown, waiting for the reconciler").register(registry);
  private final Counter reconnects = Counter.builder().name("kis_reconnects_total")
      .help("Reconnects per connection level").labelNames("level").register(registry);
  private final Gauge websocketStaleness = Gauge.builder().name("kis_websocket_staleness_seconds")
      .help("Seconds since the last frame of any kind (PINGPONG, notice, market data) on the KIS websocket")
      .register(registry);
  private final Gauge tradeStaleness = Gauge.builder().name("kis_trade_staleness_seconds")
      .help("Seconds since the last trade of a subscribed symbol, during market hours only").labelNames("symbol")
      .register(registry);
  private final Histogram restLatency = Histogram.builder().name("kis_rest_latency_seconds")
      .help("KIS REST call latency").labelNames("endpoint")
      .classicOnly().classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
      .register(registry);
  private final Histogram journalWriteLatency = Histogram.builder().name("journal_write_latency_seconds")
      .help("Time to persist one event batch to the journal")
      .classicOnly().classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1)
      .register(registry);
  private final Gauge reconcileDrift = Gauge.builder().name("kis_reconcile_drift")
      .help("Differences the last reconcile left unrepaired").register(registry);
  private final Gauge reconcileConsecutiveFailures = Gauge.builder().name("kis_reconcile_consecutive_failures")
      .help("Reconcile runs failed since the last one that succeeded").register(registry);
  private final Counter reconcileFailures = Counter.builder().name("kis_reconcile_failures_total")
      .help("Reconcile runs that failed").register(registry);
  private final Gauge reconcileLastSuccess = Gauge.builder().name("kis_reconcile_last_success_timestamp_seconds")
      .help("When the last reconcile run succeeded (Unix time; 0 never)").register(registry);
  private final Gauge reconcileLastFailure = Gauge.builder().name("kis_reconcile_last_failure_timestamp_seconds")
      .help("When the last reconcile run failed (Unix time; 0 never)").register(registry);
  private long reconcileFailuresSeen;
  private final Gauge diskFree = Gauge.builder().name("kis_data_dir_free_bytes")
      .help("Usable bytes of the data dir's file system at the last disk check (-1 unknown)").register(registry);
  private final Gauge diskLow = Gauge.builder().name("kis_disk_low")
      .help("1 while the data dir's free space is below kis-trader.disk.min-free (no new orders)").register(registry);
  private final Gauge ordersHeldForToken = Gauge.builder().name("kis_orders_held_for_token")
      .help("Order calls waiting for an access token right now").register(registry);
  private final Gauge agentPnl = Gauge.builder().name("agent_pnl_won")
      .help("Per-agent P&L in won").labelNames("agent", "kind").register(registry);

  public void onOrderSent() {
    ordersSent.inc();
  }

  /** @param reason a {@code RejectReason} name or KIS {@code msg_cd}; never free text with secrets */
  public void onOrderRejected(String reason) {
    ordersRejected.labelValues(reason).inc();
  }

  public void onOrderDenied(String reason) {
    onOrderDenied(reason, 1);
  }

  /** {@code attempts} denials for {@code reason} (a journaled run of repeats: {@code OrderDenied.attempts()}). */
  public void onOrderDenied(String reason, int attempts) {
    ordersDenied.labelValues(reason).inc(attempts);
  }

  /** {@code attempts} revises refused for {@code reason} (a journaled run: {@code ModifyRejected.attempts()}). */
  public void onReviseRefused(String reason, int attempts) {
    revisesRefused.labelValues(reason).inc(attempts);
  }

  public void onFill() {
    fills.inc();
  }

  public void setInDoubt(long count) {
    inDoubt.set(count);
  }

  public void onReconnect(Level level) {
    reconnects.labelValues(level.name().toLowerCase(java.util.Locale.ROOT)).inc();
  }

  /** @param level a connection level name, lower case ({@code websocket}, {@code approval_key}, {@code session}) */
  public void onReconnects(String level, long count) {
    reconnects.labelValues(level).inc(count);
  }

  public void setWebsocketStaleness(Duration sinceLastFrame) {
    websocketStaleness.set(sinceLastFrame.toMillis() / 1000.0);
  }

  /** Per symbol, seconds since its last trade; {@code null} (outside market hours) drops the symbol's sample. */
  public void setTradeStaleness(String symbol, Duration sinceLastTrade) {
    if (sinceLastTrade == null) {
      tradeStaleness.remove(symbol);
    } else {
      tradeStaleness.labelValues(symbol).set(sinceLastTrade.toMillis() / 1000.0);
    }
  }

  /** @param endpoint a short fixed name such as {@code order-cash}, so label cardinality stays small */
  public void observeRestLatency(String endpoint, Duration latency) {
    restLatency.labelValues(endpoint).observe(latency.toNanos() / 1e9);
  }

  public void observeJournalWrite(Duration latency) {
    journalWriteLatency.observe(latency.toNanos() / 1e9);
  }

  public void setReconcileDrift(long differences) {
    reconcileDrift.set(differences);
  }

  public void setAgentPnl(String agentId, long realized, long unrealized) {
    agentPnl.labelValues(agentId, "realized").set(realized);
    agentPnl.labelValues(agentId, "unrealized").set(unrealized);
  }

  /** Copies what the view knows (per-agent P&L, reconcile drift) into the gauges; called before each scrape. */
  public void refreshFrom(EngineSnapshot snapshot) {
    List<AgentRow> agents = snapshot.agents();
    for (AgentRow a : agents) {
      setAgentPnl(a.id(), a.realizedPnl(), a.unrealizedPnl());
    }
    setReconcileDrift(snapshot.reconcile().drift().size());
    setReconcileOutcomes(snapshot.reconcile());
    diskFree.set(snapshot.disk().freeBytes());
    diskLow.set(snapshot.disk().low() ? 1 : 0);
    ordersHeldForToken.set(snapshot.connection().ordersHeldForToken());
  }

  /** Consecutive and total failures, last success and failure times, from the view's reconcile status. */
  public synchronized void setReconcileOutcomes(ReconcileStatus r) {
    reconcileConsecutiveFailures.set(r.consecutiveFailures());
    if (r.failures() > reconcileFailuresSeen) {
      reconcileFailures.inc(r.failures() - reconcileFailuresSeen);
      reconcileFailuresSeen = r.failures();
    }
    reconcileLastSuccess.set(r.at() == null ? 0 : r.at().toEpochMilli() / 1000.0);
    reconcileLastFailure.set(r.failedAt() == null ? 0 : r.failedAt().toEpochMilli() / 1000.0);
  }

  /** Content type of {@link #scrape()}. */
  public String contentType() {
    return writer.getContentType();
  }

  /** All metrics in the Prometheus text exposition format. */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
