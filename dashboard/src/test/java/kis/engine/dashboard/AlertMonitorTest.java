package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kis.engine.dashboard.demo.DemoEngine;
import kis.journal.AgentId;
import org.junit.jupiter.api.Test;

class AlertMonitorTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T01:00:00Z"));
  private final DemoEngine engine = new DemoEngine(clock, 1);
  private final List<Alert> sent = new ArrayList<>();
  private final AlertMonitor monitor = new AlertMonitor(sent::add, Duration.ofSeconds(30), clock);

  private List<Alert.Kind> check() {
    return monitor.check(engine.snapshot()).stream().map(Alert::kind).toList();
  }

  @Test
  void aHealthyEngineRaisesNothing() {
    assertEquals(List.of(), check());
    clock.advance(Duration.ofMinutes(5));
    assertEquals(List.of(), check());
  }

  @Test
  void aDisconnectIsReportedOnceAfterItLastedLongerThanTheLimit() {
    engine.setLevel("websocket", new LevelState("DISCONNECTED", clock.instant(), "closed by peer"));
    clock.advance(Duration.ofSeconds(29));
    assertEquals(List.of(), check(), "not yet");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(List.of(Alert.Kind.DISCONNECTED), check());
    assertEquals("websocket", sent.get(0).subject());
    clock.advance(Duration.ofSeconds(30));
    assertEquals(List.of(), check(), "same outage, no repeat");

    engine.setLevel("websocket", new LevelState(LevelState.LIVE, clock.instant(), ""));
    assertEquals(List.of(), check());
    engine.setLevel("websocket", new LevelState("STALE", clock.instant(), ""));
    clock.advance(Duration.ofSeconds(31));
    assertEquals(List.of(Alert.Kind.DISCONNECTED), check(), "a new outage is reported again");
  }

  @Test
  void reconcileDriftIsReportedOncePerRun() {
    engine.setReconcile(new ReconcileStatus(clock.instant(), "DRIFT", List.of("005930 journal 100 account 90")));
    assertEquals(List.of(Alert.Kind.RECONCILE_DRIFT), check());
    assertTrue(sent.get(0).message().contains("005930"));
    assertEquals(List.of(), check());
    clock.advance(Duration.ofSeconds(1));
    engine.setReconcile(new ReconcileStatus(clock.instant(), "CLEAN", List.of()));
    assertEquals(List.of(), check());
  }

  @Test
  void aReconcileFindingThatPersistsRunAfterRunAlertsOnceAndANewOneAlertsAgain() {
    String drift = "005930: account holds 10, agents 7 {a1=7}";
    engine.setReconcile(new ReconcileStatus(clock.instant(), "DRIFT", List.of(drift)));
    assertEquals(List.of(Alert.Kind.RECONCILE_DRIFT), check());
    clock.advance(Duration.ofSeconds(60));
    engine.setReconcile(new ReconcileStatus(clock.instant(), "DRIFT", List.of(drift)));
    assertEquals(List.of(), check(), "the same finding in the next run");

    clock.advance(Duration.ofSeconds(60));
    String unowned = "000660: 1 KIS order(s) today that no agent owns (0000123 BUY 1/1, net 1 shares) on a symbol "
        + "traded by a2";
    engine.setReconcile(new ReconcileStatus(clock.instant(), "DRIFT", List.of(drift, unowned)));
    assertEquals(List.of(Alert.Kind.RECONCILE_DRIFT), check());
    assertTrue(sent.get(1).message().contains("000660"), sent.get(1).message());

    clock.advance(Duration.ofSeconds(60));
    engine.setReconcile(new ReconcileStatus(clock.instant(), "CLEAN", List.of()));
    assertEquals(List.of(), check());
    clock.advance(Duration.ofSeconds(60));
    engine.setReconcile(new ReconcileStatus(clock.instant(), "DRIFT", List.of(drift)));
    assertEquals(List.of(Alert.Kind.RECONCILE_DRIFT), check(), "drift that comes back after a clean run");
  }

  @Test
  void cashDriftIsItsOwnAlertOncePerFindingAndPositionDriftStaysReconcileDrift() {
    String cash = "cash: the account's D+2 cash is 9,000,000 won, the journals explain 9,285,000 (baseline at"
        + " 2026-11-24T00:05:00Z): -285000 won unexplained, seen in 2 run(s) since 2026-11-24T00:59:00Z";
    engine.setReconcile(new ReconcileStatus(clock.instant(), "DRIFT", List.of(cash)));
    assertEquals(List.of(Alert.Kind.CASH_DRIFT), check());
    assertEquals(cash, sent.get(0).message());
    clock.advance(Duration.ofSeconds(60));
    engine.setReconcile(new ReconcileStatus(clock.instant(), "DRIFT", List.of(cash)));
    assertEquals(List.of(), check(), "the same finding in the next run");

    clock.advance(Duration.ofSeconds(60));
    String drift = "005930: account holds 10, agents 7 {a1=7}";
    engine.setReconcile(new ReconcileStatus(clock.instant(), "DRIFT", List.of(drift, cash)));
    assertEquals(List.of(Alert.Kind.RECONCILE_DRIFT), check(), "a new position finding; the cash one is known");
    assertTrue(!sent.get(1).message().contains("cash:"), sent.get(1).message());
  }

  @Test
  void reconcileRunsFailingInARowAlertOncePerStreakAtTheConfiguredCount() {
    ReconcileStatus ok = new ReconcileStatus(clock.instant(), "CLEAN", List.of());
    engine.setReconcile(ok);
    check();
    engine.setReconcile(ok.withFailures(clock.instant(), "reconciliation failed: EGW00002", 2, 2));
    assertEquals(List.of(), check(), "two of three");
    engine.setReconcile(ok.withFailures(clock.instant(), "reconciliation failed: EGW00002", 3, 3));
    assertEquals(List.of(Alert.Kind.RECONCILE_FAILING), check());
    assertTrue(sent.get(0).message().contains("EGW00002") && sent.get(0).message().contains("last success"),
        sent.get(0).message());
    engine.setReconcile(ok.withFailures(clock.instant(), "reconciliation failed: EGW00002", 4, 4));
    assertEquals(List.of(), check(), "the same streak");
    engine.setReconcile(ok.withFailures(clock.instant(), "reconciliation failed: EGW00002", 0, 4));
    assertEquals(List.of(), check());
    engine.setReconcile(ok.withFailures(clock.instant(), "reconciliation failed: timeout", 3, 7));
    assertEquals(List.of(Alert.Kind.RECONCILE_FAILING), check(), "a new streak alerts again");
  }

  @Test
  void aDiskBelowItsMarginAlertsOnceWithTheReasonAndAgainOnlyAfterItHadRoom() {
    DiskStatus low = new DiskStatus(true, 100L << 20, 256L << 20, clock.instant(),
        "disk almost full: 100 MiB free in data, below the margin of 256 MiB (kis-trader.disk.min-free)");
    engine.disk(low);
    assertEquals(List.of(Alert.Kind.DISK_LOW), check());
    assertTrue(sent.get(0).message().contains("100 MiB free"), sent.get(0).message());
    assertEquals(List.of(), check(), "once per episode");
    engine.disk(new DiskStatus(false, 600L << 20, 256L << 20, clock.instant(), ""));
    assertEquals(List.of(), check());
    engine.disk(low);
    assertEquals(List.of(Alert.Kind.DISK_LOW), check());
  }

  @Test
  void aProtectiveOrderThatFiresRaisesOneAlertNamingItAndWhatItSent() {
    engine.setProtective("naver-grid", new ProtectiveView(List.of(), 2, "old fire"));
    assertEquals(List.of(), check(), "fires before the monitor started are its baseline");
    String last = "a1-p3 STOP SELL 035420 fired at 180000 (trigger 181000): a1-9 MARKET 10 sent";
    engine.setProtective("naver-grid", new ProtectiveView(List.of(), 3, last));
    assertEquals(List.of(Alert.Kind.PROTECTIVE_FIRED), check());
    assertTrue(sent.get(0).message().endsWith(last), sent.get(0).message());
    assertEquals("naver-grid", sent.get(0).subject());
    assertEquals(List.of(), check(), "the same fire alerts once");
  }

  @Test
  void killSwitchParkedAgentAndDailyLossLimitEachRaiseTheirAlertWhenTheyStart() {
    check();
    Operator op = new Operator("kim");
    engine.killSwitchOn(op, "test");
    engine.park(new AgentId("hynix-mom"), op);
    engine.setRisk("naver-grid", AgentRow.DAILY_LOSS_LIMIT);

    assertEquals(List.of(Alert.Kind.KILL_SWITCH, Alert.Kind.AGENT_PARKED, Alert.Kind.DAILY_LOSS_LIMIT), check());
    assertTrue(sent.get(0).message().contains("kim"));
    assertEquals("hynix-mom", sent.get(1).subject());
    assertEquals("naver-grid", sent.get(2).subject());
    assertEquals(List.of(), check(), "conditions that continue are not repeated");
  }

  @Test
  void anAgentShownDamagedRaisesJournalDamagedOnce() {
    EngineSnapshot healthy = engine.snapshot();
    monitor.check(healthy);
    AgentRow first = healthy.agents().get(0);
    List<AgentRow> rows = new ArrayList<>(healthy.agents());
    rows.set(0, new AgentRow(first.id(), first.symbols(), first.strategy(), AgentRunState.DAMAGED, 0, 0, 0, 0, 0, null,
        first.riskState()));
    EngineSnapshot damaged = new EngineSnapshot(rows, healthy.connection(), healthy.reconcile(), healthy.killSwitch(),
        healthy.clock());
    List<Alert> raised = monitor.check(damaged);
    assertEquals(List.of(Alert.Kind.JOURNAL_DAMAGED), raised.stream().map(Alert::kind).toList());
    assertEquals(first.id(), raised.get(0).subject());
    assertTrue(raised.get(0).message().contains("journal repair"), raised.get(0).message());
    assertEquals(List.of(), monitor.check(damaged), "raised once, not on every check");
  }

  @Test
  void aFillTheLastCheckDidNotShowIsAlertedOnceAndTheDaysEarlierFillsAreNot() {
    assertEquals(List.of(), check(), "the fills made before the monitor started are not announced");
    engine.fill("hynix-mom", kis.journal.Side.BUY, 3, 182_500);

    assertEquals(List.of(Alert.Kind.FILL), check());
    Alert fill = sent.get(0);
    assertTrue(fill.subject().startsWith("hynix-mom/"), fill.subject());
    assertTrue(fill.message().contains("bought 3 000660 at 182,500 won"), fill.message());
    assertEquals(List.of(), check(), "the same fill is not announced twice");
  }

  @Test
  void theCloseSendsTheDaysSummaryOnce() {
    assertEquals(List.of(), check());
    engine.setPhase("CLOSING_AUCTION");
    assertEquals(List.of(), check());
    engine.setPhase("CLOSED");

    assertEquals(List.of(Alert.Kind.DAY_CLOSED), check());
    assertTrue(sent.get(0).message().startsWith("market closed: 3 agent(s), realized P&L"), sent.get(0).message());
    assertTrue(sent.get(0).message().contains("samsung-mr RUNNING pos 100"), sent.get(0).message());
    assertEquals(List.of(), check(), "once per close");
  }
}
