package kis.actors.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import kis.adapter.account.AccountSnapshot;
import kis.journal.ClientOrderId;
import kis.journal.CostModel;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.OrderInDoubt;
import kis.journal.event.OrderRequested;
import kis.journal.state.AgentState;
import org.junit.jupiter.api.Test;

class ReconcilerSettingsTest {

  @Test
  void theInDoubtGraceAndTheIntervalComeFromTheEngineConfiguration() {
    ReconcilerSettings s = ReconcilerSettings.fromConfig(ConfigFactory.parseString(
        "kis-trader { reconcile-every = 7s, reconcile-in-doubt-grace = 3s }"), CostModel.KIS_2026);
    assertEquals(Duration.ofSeconds(7), s.interval());

    // An in-doubt order KIS does not list is given up 3 s after its request, not 60 s.
    Instant requested = Instant.parse("2026-11-24T01:00:00Z");
    ClientOrderId id = new ClientOrderId("a1-1");
    AgentState a = AgentState.fold("a1", List.of(
        new OrderRequested(id, OrderSpec.limit(Symbol.of("005930"), Side.BUY, 1, 70_000), "t", requested),
        new OrderInDoubt(id, "timeout", requested)));
    AccountSnapshot empty = new AccountSnapshot(LocalDate.parse("2026-11-24"), requested.plusSeconds(4), List.of(),
        List.of());
    ReconcileReport r = s.reconciler().reconcile(Map.of("a1", a), empty);
    assertTrue(r.eventsFor("a1").stream().anyMatch(e -> e instanceof InDoubtResolved d && d.orderNo().isEmpty()),
        r::toString);
    ReconcileReport defaults = ReconcilerSettings.fromConfig(ConfigFactory.empty(), CostModel.KIS_2026).reconciler()
        .reconcile(Map.of("a1", a), empty);
    assertEquals(List.of(), defaults.eventsFor("a1"), "the default grace is longer");
  }

  @Test
  void theDriftGraceComesFromTheEngineConfigurationWithDefaultsOfTwoRunsAndThirtySeconds() {
    ReconcilerSettings s = ReconcilerSettings.fromConfig(ConfigFactory.parseString(
        "kis-trader { reconcile-drift-runs = 4, reconcile-drift-grace = 90s }"), CostModel.KIS_2026);
    assertEquals(4, s.witness().driftRuns());
    assertEquals(Duration.ofSeconds(90), s.witness().driftGrace());
    ReconcilerSettings d = ReconcilerSettings.fromConfig(ConfigFactory.empty(), CostModel.KIS_2026);
    assertEquals(2, d.witness().driftRuns());
    assertEquals(Duration.ofSeconds(30), d.witness().driftGrace());
  }
}
