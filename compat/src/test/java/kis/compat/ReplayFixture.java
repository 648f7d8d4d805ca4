package kis.compat;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kis.engine.journal.EngineConfig;
import kis.engine.journal.JournalReader;
import kis.engine.journal.JournalVerifier;
import kis.journal.AgentId;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.Position;

/**
 * What the replay fixture is ({@code compat/fixtures/written-by-e1b913f}, README there): the agents and
 * configuration it was written with, and the one rendering of an agent's books that the writer
 * prints and {@link FixtureReplayTest} pins.
 */
public final class ReplayFixture {
  /** The committed fixture folder, relative to the module (Surefire runs in the module's directory). */
  public static final Path DIR = Path.of("fixtures", "written-by-e1b913f");
  /** The data dir inside a fixture folder, as {@code run} left it. */
  public static final String DATA = "data-dir";
  /** The SHA-256 of every file of the data dir, written with it. */
  public static final String SUMS = "SHA256SUMS";

  /** Partial and full fills, a revise, a cancel, one order cancelled by the kill switch, one refused after it. */
  public static final AgentId TRADE = new AgentId("fx-trade");
  /** An order whose reply was lost (in doubt), resolved by the reconciler, partly filled, then cancelled. */
  public static final AgentId DOUBT = new AgentId("fx-doubt");
  /** A filled buy, then parked by the operator. */
  public static final AgentId PARKED = new AgentId("fx-parked");
  /** A filled buy, parked, fresh-started with a handover: its first generation. */
  public static final AgentId FRESH = new AgentId("fx-fresh");
  /** fx-fresh's second journal: the handed-over shares, sold. */
  public static final AgentId FRESH_G1 = new AgentId("fx-fresh.g1");
  /** An order still working: the agent was stopped before the kill switch latched. */
  public static final AgentId RESTING = new AgentId("fx-resting");

  public static final String PARK_REASON = "fixture: parked by the operator";
  public static final String KILL_REASON = "fixture: kill switch latched by the operator";

  /** Layered over {@code application.conf} with the data dir, as {@code run --config} would. */
  public static final String CONFIG = """
      kis-trader {
        agents = [
          { id = fx-trade, symbol = "005930", strategy { name = kis.compat.HandsOff, params { symbol = "005930" } } }
          { id = fx-doubt, symbol = "000660", strategy { name = kis.compat.HandsOff, params { symbol = "000660" } } }
          { id = fx-parked, symbol = "035720", strategy { name = kis.compat.HandsOff, params { symbol = "035720" } } }
          { id = fx-fresh, symbol = "035420", strategy { name = kis.compat.HandsOff, params { symbol = "035420" } } }
          { id = fx-resting, symbol = "005380", strategy { name = kis.compat.HandsOff, params { symbol = "005380" } } }
        ]
        # Small, so the fixture holds snapshots (and recovery starts from one).
        agent { snapshot-every = 4, snapshots-kept = 2 }
        reconcile-every = 1h
        status-log-every = 1h
      }
      kis.dashboard.enabled = false
      # Prices move only by the writer's prints.
      kis-sim { seed = 42, tick-interval = 0, rate-limit-per-second = -1, pingpong-interval = 1h }
      pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
      pekko.loglevel = WARNING
      pekko.stdout-loglevel = OFF
      """;

  private ReplayFixture() {}

  /** The engine's configuration over {@code dataDir} (journal, marks, snapshots there). */
  public static Config engineConfig(Path dataDir) {
    return EngineConfig.load(Optional.empty(), Optional.of(dataDir));
  }

  /** Copies the data dir {@code from} (every file, sub-directories too) into the empty directory {@code to}. */
  public static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.sorted().toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /**
   * {@code sha256sum} lines ({@code <hex>  <path>}, paths relative to {@code dataDir} with
   * {@code /}, sorted) for every file of {@code dataDir}.
   */
  public static String sums(Path dataDir) throws IOException {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> all = Files.walk(dataDir)) {
      for (Path p : all.filter(Files::isRegularFile).sorted(Comparator.comparing(x -> slashed(dataDir, x))).toList()) {
        b.append(sha256(p)).append("  ").append(slashed(dataDir, p)).append('\n');
      }
    }
    return b.toString();
  }

  private static String slashed(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  private static String sha256(Path p) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  /** Every agent journal under {@code dataDir} folded by the journal tools ({@code journal verify}'s fold). */
  public static Map<String, AgentState> foldAll(Path dataDir) throws Exception {
    Map<String, AgentState> out = new TreeMap<>();
    try (JournalReader reader = JournalReader.open(dataDir, engineConfig(dataDir))) {
      for (String id : reader.agentIds()) {
        JournalVerifier.Report r = JournalVerifier.verify(id, reader.events("Agent|" + id));
        if (!r.ok()) {
          throw new AssertionError(id + " does not verify: " + r.problems());
        }
        out.put(id, r.state());
      }
    }
    return out;
  }

  /**
   * An agent's books in the terms a user reads them: state hash, events, positions (quantity, cost,
   * realized), cash flow, fees, taxes, working orders (id, status, spec, price, filled), parked.
   */
  public record Books(String agentId, String stateHash, long events, String positions, long cashFlow,
      long realizedPnl, long fees, long taxes, String working, boolean parked, String parkReason) {

    public static Books of(AgentState s) {
      Map<String, String> positions = new LinkedHashMap<>();
      new TreeMap<>(s.positions()).forEach((code, p) -> positions.put(code, position(p)));
      String working = new TreeMap<>(s.openOrders()).values().stream().map(Books::order)
          .collect(Collectors.joining("; "));
      return new Books(s.agentId(), s.stateHash(), s.eventCount(), positions.toString(), s.cashFlow(),
          s.realizedPnl(), s.fees(), s.taxes(), working, s.parked(), s.parkReason());
    }

    private static String position(Position p) {
      return p.quantity() + " sh cost " + p.costBasis() + " realized " + p.realizedPnl();
    }

    private static String order(Order o) {
      return o.id().value() + " " + o.status() + " " + o.spec().side() + " " + o.spec().quantity() + " "
          + o.spec().symbol().code() + " @" + o.price() + " filled " + o.filledQuantity() + " no " + o.orderNo();
    }

    /** This value as the Java expression {@link FixtureReplayTest} pins. */
    public String asJava() {
      return "new Books(" + q(agentId) + ", " + q(stateHash) + ", " + events + "L, " + q(positions) + ", "
          + cashFlow + "L, " + realizedPnl + "L, " + fees + "L, " + taxes + "L, " + q(working) + ", " + parked + ", "
          + (parkReason == null ? "null" : q(parkReason)) + ")";
    }

    private static String q(String s) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
  }

  /** What the writer prints for one journal. */
  public static String describe(AgentState s) {
    return Books.of(s).asJava() + ",";
  }
}
