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
  void watchedTokensShowNoTokenWaitingForTheMinuteWithTheOrdersHeldAndValidUntilItsExpiry(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.util.List<java.util.concurrent.CompletableFuture<Void>> held = new java.util.ArrayList<>();
    kis.connector.Delayer holding = d -> {
      if (d.isZero()) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
      }
      java.util.concurrent.CompletableFuture<Void> f = new java.util.concurrent.CompletableFuture<>();
      held.add(f);
      return f;
    };
    java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(NOW);
    Clock moving = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
    kis.connector.auth.TokenIssuer issuer = new kis.connector.auth.TokenIssuer() {
      @Override
      public java.util.concurrent.CompletionStage<kis.connector.auth.AccessToken> issueAccessToken() {
        return java.util.concurrent.CompletableFuture.completedFuture(new kis.connector.auth.AccessToken(
            kis.connector.Secret.of("t"), now.get().plusSeconds(90)));
      }

      @Override
      public java.util.concurrent.CompletionStage<kis.connector.Secret> issueApprovalKey() {
        return java.util.concurrent.CompletableFuture.completedFuture(kis.connector.Secret.of("a"));
      }
    };
    kis.connector.auth.TokenManager tokens = new kis.connector.auth.TokenManager(issuer,
        new kis.connector.auth.TokenCache(dir, "http://127.0.0.1:1", kis.connector.Secret.of("k")), moving, holding,
        Duration.ofHours(1), Duration.ofSeconds(61), Duration.ofHours(20));
    java.util.concurrent.atomic.AtomicInteger ordersHeld = new java.util.concurrent.atomic.AtomicInteger();
    LiveMetrics watched = new LiveMetrics(metrics, moving);
    watched.watchTokens(tokens, ordersHeld::get);
    assertEquals("NO_TOKEN", watched.tokenLevel().state());

    tokens.accessToken().toCompletableFuture().join();
    assertEquals("LIVE", watched.tokenLevel().state());
    assertEquals("valid until " + NOW.plusSeconds(90), watched.tokenLevel().detail());

    now.set(NOW.plusSeconds(40)); // inside the expiry margin, within KIS's minute
    tokens.accessToken();
    ordersHeld.set(3);
    kis.engine.dashboard.LevelState waiting = watched.tokenLevel();
    assertEquals("WAITING_ISSUANCE", waiting.state());
    assertTrue(waiting.detail().contains("EGW00133") && waiting.detail().contains(NOW.plusSeconds(61).toString())
        && waiting.detail().contains("3 order(s) held"), waiting.detail());
    assertEquals(NOW.plusSeconds(40), waiting.since(), "down since it stopped being valid");
    assertEquals(3, watched.ordersHeldForToken());
  }

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
  void aJournaledRunOfRepeatedDenialsCountsEachDenialItStandsFor() {
    AgentId a1 = new AgentId("a1");
    OrderSpec buy = OrderSpec.limit(Symbol.of("005930"), Side.BUY, 1, 64_000);
    live.onNewEvent(a1, new OrderDenied(new ClientOrderId("a1-1"), buy, RejectReason.RISK_HALTED, "not live", NOW));
    live.onNewEvent(a1, new OrderDenied(new ClientOrderId("a1-100"), buy, RejectReason.RISK_HALTED, "not live", NOW, 99));

    String page = metrics.scrape();
    assertTrue(page.contains("kis_orders_denied_total{reason=\"RISK_HALTED\"} 100.0"), page);
  }

  @Test
  void revisesOurChecksRefusedAreCountedByReasonARunByItsCountAndKisRefusalsNot() {
    AgentId a1 = new AgentId("a1");
    ClientOrderId order = new ClientOrderId("a1-1");
    live.onNewEvent(a1, new kis.journal.event.ModifyRejected(order, "RISK_HALTED", "not live", NOW));
    live.onNewEvent(a1, new kis.journal.event.ModifyRejected(order, "RISK_HALTED", "not live", NOW, 4));
    live.onNewEvent(a1, new kis.journal.event.ModifyRejected(order, "40330000", "nothing to modify", NOW));

    String page = metrics.scrape();
    assertTrue(page.contains("kis_revises_refused_total{reason=\"RISK_HALTED\"} 5.0"), page);
    assertTrue(!page.contains("kis_revises_refused_total{reason=\"40330000\"}"), page);
    assertTrue(!page.contains("kis_orders_denied_total{reason=\"RISK_HALTED\"}"), page);
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
