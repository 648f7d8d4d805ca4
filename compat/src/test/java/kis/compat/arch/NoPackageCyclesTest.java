package kis.compat.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The package import graph of the main code ({@code kis.*}, every module) has no cycle, except
 * the ones in {@link #KNOWN}, which issue #16 removes: when one is gone, its entry must go too
 * (else it could come back unseen). A new cycle, or a known one that grows, fails with the
 * packages, one shortest cycle through them and a class dependency per step.
 */
class NoPackageCyclesTest {
  /** A cycle main code has today, with why it is there; the lead empties this as #16 lands. */
  record Known(Set<String> packages, String reason) {
    Known(String reason, String... packages) {
      this(new TreeSet<>(List.of(packages)), reason);
    }
  }

  /**
   * Empty since #16 landed: the gateway and the reconciler talk through narrow message types, the
   * dashboard is one module over EngineHandle, kis-connector's assembler (KisConnector) lives in
   * {@code kis.connector.assembly} above auth/rest/ws, and the strategy registry in
   * {@code kis.strategies.registry} above the built-ins.
   */
  static final List<Known> KNOWN = List.of();

  @Test
  void mainCodeHasNoPackageCycleBeyondTheKnownOnes() {
    Map<String, Map<String, String>> graph = MainClasses.packageGraph();
    List<Set<String>> cycles = PackageCycles.components(graph);
    Map<Set<String>, String> known = new TreeMap<>((a, b) -> String.join(",", a).compareTo(String.join(",", b)));
    KNOWN.forEach(k -> known.put(k.packages(), k.reason()));

    List<String> unknown = new ArrayList<>();
    for (Set<String> c : cycles) {
      if (!known.containsKey(c)) {
        unknown.add("  " + c + "\n    e.g. " + PackageCycles.describe(c, graph) + "\n    every edge inside:"
            + PackageCycles.edges(c, graph));
      }
    }
    List<String> gone = KNOWN.stream().filter(k -> !cycles.contains(k.packages()))
        .map(k -> "  " + k.packages() + " (" + k.reason() + ")").toList();
    assertTrue(unknown.isEmpty(), () -> "package cycles in main code that are not in NoPackageCyclesTest.KNOWN:\n"
        + String.join("\n", unknown));
    assertTrue(gone.isEmpty(), () -> "known cycles that are gone (or changed): take them out of"
        + " NoPackageCyclesTest.KNOWN so they cannot come back unseen:\n" + String.join("\n", gone));
  }

  @Test
  void theGraphCoversEveryModulesMainCodeAndNoTestCode() {
    Set<String> packages = MainClasses.packages(MainClasses.packageGraph());
    for (String p : List.of("kis.journal.state", "kis.strategies", "kis.connector.rest", "kis.sim", "kis.actors.agent",
        "kis.engine.backtest", "kis.cluster", "kis.engine", "kis.bench")) {
      assertTrue(packages.contains(p), () -> p + " in " + packages);
    }
    assertFalse(packages.contains("kis.compat"), "this module's tests are not main code");
    assertFalse(MainClasses.all().contain("kis.actors.live.SimEngine"), "test jars are not main code");
  }

  @Test
  void aCycleIsFoundAndNamedWithItsClassDependencies() {
    Map<String, Map<String, String>> graph = new TreeMap<>(Map.of(
        "kis.a", Map.of("kis.b", "kis.a.A -> kis.b.B"),
        "kis.b", Map.of("kis.c", "kis.b.B -> kis.c.C", "kis.d", "kis.b.B -> kis.d.D"),
        "kis.c", Map.of("kis.a", "kis.c.C -> kis.a.A"),
        "kis.d", Map.of()));

    List<Set<String>> cycles = PackageCycles.components(graph);

    assertEquals(List.of(Set.of("kis.a", "kis.b", "kis.c")), cycles);
    assertEquals("kis.a -> kis.b -> kis.c -> kis.a\n      kis.a.A -> kis.b.B\n      kis.b.B -> kis.c.C"
        + "\n      kis.c.C -> kis.a.A", PackageCycles.describe(cycles.get(0), graph));
  }
}
