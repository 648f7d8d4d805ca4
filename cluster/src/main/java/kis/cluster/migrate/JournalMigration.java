package kis.cluster.migrate;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import kis.actors.agent.Agent;
import kis.actors.live.LiveEngine;
import kis.actors.risk.KillSwitch;
import kis.actors.risk.KillSwitchEvent;
import kis.cluster.FreshStarted;
import kis.cluster.JdbcSchema;
import kis.journal.AgentId;
import kis.journal.JournalSerializable;
import kis.journal.event.AgentEvent;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * Copies agents' journals from an engine's LevelDB journal to the PostgreSQL journal of the
 * cluster profile and verifies that both fold to the same books ({@link AgentState#fold}: equal
 * state and equal {@link AgentState#stateHash}). Events are copied unchanged (same CBOR payload
 * classes, same order, sequence numbers from 1); snapshots are not copied, the JDBC side replays
 * the events and snapshots on its own. A target that already holds events is left alone: it
 * counts as migrated if it folds to the same state, and as a failure otherwise.
 *
 * <p>The account's kill switch goes along ({@link #migrateKillSwitch}, {@link KillSwitchCarryOver}):
 * a latch engaged on the single-node engine stays engaged in the cluster, which keys it by the
 * account's name. Neither engine may run on the journals meanwhile (LevelDB allows one process).
 */
public final class JournalMigration implements AutoCloseable {
  static final Duration WAIT = Duration.ofMinutes(2);
  static final int BATCH = 200;

  /**
   * One agent's outcome.
   *
   * @param copied events written now (0 when the target already held them)
   * @param sourceHash the LevelDB fold's state hash; {@code targetHash} the PostgreSQL fold's
   */
  public record Result(String agentId, int sourceEvents, int copied, String sourceHash, String targetHash,
      boolean ok, String detail) {}

  /**
   * The kill switch's outcome.
   *
   * @param source the single-node engine's persistence id; {@code target} the cluster's
   * @param sourceEngaged whether it was latched on the single-node engine
   * @param targetEngaged whether the cluster's is latched after the migration
   * @param written events appended to the cluster's
   * @param ok false only if a latch would have been lost
   */
  public record KillSwitchResult(String source, String target, boolean sourceEngaged, boolean targetEngaged,
      int written, boolean ok, String detail) {}

  private final ActorSystem<Void> system;
  private final String accountName;

  private JournalMigration(ActorSystem<Void> system, String accountName) {
    this.system = system;
    this.accountName = accountName;
  }

  /**
   * Opens the LevelDB journal in {@code levelDbDir} and the PostgreSQL journal configured in
   * {@code profile} (the cluster profile's {@code kis-trader.cluster.db}), creating its tables if missing.
   * The LevelDB is the one {@code pekko.persistence.journal.leveldb.native} in {@code profile} names
   * (the engine's {@code kis-trader.journal.native} choice).
   */
  public static JournalMigration open(Config profile, Path levelDbDir) {
    JdbcSchema.ensure(profile);
    Config c = ConfigFactory.parseString("""
            pekko.actor.provider = local
            pekko.loglevel = WARNING
            pekko.persistence.journal.plugin = "jdbc-journal"
            pekko.persistence.journal.auto-start-journals = ["jdbc-journal", "pekko.persistence.journal.leveldb"]
            pekko.persistence.snapshot-store.plugin = "jdbc-snapshot-store"
            pekko.persistence.snapshot-store.auto-start-snapshot-stores = []
            # Read only: Pekko's own class, which its LevelDB read journal insists on (the engine's
            # marking subclass only adds marks to writes).
            pekko.persistence.journal.leveldb.class = "org.apache.pekko.persistence.journal.leveldb.LeveldbJournal"
            pekko.persistence.query.journal.leveldb.write-plugin = "pekko.persistence.journal.leveldb"
            """)
        .withValue("pekko.persistence.journal.leveldb.dir",
            ConfigValueFactory.fromAnyRef(levelDbDir.toAbsolutePath().toString()))
        .withFallback(profile).resolve();
    return new JournalMigration(ActorSystem.create(Behaviors.empty(), "journal-migrate", c),
        c.getString("kis-trader.cluster.account"));
  }

  /** The agent ids the LevelDB journal holds ({@code Agent|<id>}). */
  public List<String> sourceAgents() throws Exception {
    List<String> out = new ArrayList<>();
    for (String pid : JournalEvents.persistenceIds(system, JournalEvents.LEVELDB, WAIT)) {
      if (pid.startsWith("Agent|")) {
        out.add(pid.substring("Agent|".length()));
      }
    }
    out.sort(null);
    return out;
  }

  /** Copies {@code agentId}'s events if the target has none, then compares both folds. */
  public Result migrate(String agentId) throws Exception {
    String pid = Agent.persistenceId(new AgentId(agentId)).id();
    List<AgentEvent> source = JournalEvents.read(system, JournalEvents.LEVELDB, pid, WAIT);
    List<AgentEvent> before = JournalEvents.read(system, JournalEvents.JDBC, pid, WAIT);
    int copied = 0;
    if (before.isEmpty() && !source.isEmpty()) {
      copied = copy(pid, source);
    }
    List<AgentEvent> target = JournalEvents.read(system, JournalEvents.JDBC, pid, WAIT);
    return compare(agentId, source, target, copied);
  }

  /**
   * Carries the single-node engine's kill switch ({@code KillSwitch|account}) over to the cluster's
   * ({@code KillSwitch|<kis-trader.cluster.account>}) as {@link KillSwitchCarryOver} says, then
   * reads the cluster's back to check that a latch was not lost.
   */
  public KillSwitchResult migrateKillSwitch() throws Exception {
    String from = KillSwitch.persistenceId(LiveEngine.KILL_SWITCH_KEY).id();
    String to = KillSwitch.persistenceId(accountName).id();
    List<Object> source = JournalEvents.readAny(system, JournalEvents.LEVELDB, from, WAIT);
    List<Object> before = JournalEvents.readAny(system, JournalEvents.JDBC, to, WAIT);
    List<KillSwitchEvent> append = KillSwitchCarryOver.toAppend(source, before, Instant.now());
    if (!append.isEmpty()) {
      copy(to, append);
    }
    KillSwitchCarryOver.Latch was = KillSwitchCarryOver.Latch.of(source);
    List<Object> after = JournalEvents.readAny(system, JournalEvents.JDBC, to, WAIT);
    KillSwitchCarryOver.Latch now = KillSwitchCarryOver.Latch.of(after);
    // Reset in the cluster after an earlier run carried the latch over: the operator's call stands.
    boolean resetSince = was.engaged() && !now.engaged() && append.isEmpty()
        && KillSwitchCarryOver.carriedBefore(source, before);
    boolean ok = !was.engaged() || now.engaged() || resetSince;
    String latched = "latched on the single-node engine (" + was.reason() + ", by " + was.by() + " at " + was.at() + ")";
    String detail = !ok ? "LATCH LOST: the cluster's kill switch is not engaged"
        : resetSince ? latched + ": carried over before and reset in the cluster since by " + now.by()
            + "; left as it was"
        : was.engaged() ? latched + ": latched in the cluster" + (append.isEmpty() ? " already" : "")
        : source.isEmpty() ? "never engaged on the single-node engine; the cluster's left as it was"
        : "not latched on the single-node engine; the cluster's left as it was";
    return new KillSwitchResult(from, to, was.engaged(), now.engaged(), append.size(), ok, detail);
  }

  /**
   * One agent's journal generation (fresh starts).
   *
   * @param singleNode its generation in the single-node engine's {@code agent-generations.properties}
   * @param cluster its cluster-wide generation ({@code AgentGeneration|<id>}) after the migration
   */
  public record GenerationResult(String agentId, int singleNode, int cluster, boolean written, boolean ok,
      String detail) {}

  /**
   * Carries the single-node engine's fresh starts ({@code agent-generations.properties} in its data
   * dir; none if the file is missing) over to the cluster's {@code AgentGeneration|<id>}, so that a
   * fresh-started agent runs on its current journal ({@code <id>.g<n>}) in the cluster too, not on
   * the books it left. A cluster already past the single node's generation is reported, not changed.
   */
  public List<GenerationResult> migrateGenerations(Path generationsFile) throws Exception {
    List<GenerationResult> out = new ArrayList<>();
    if (generationsFile == null || !Files.isRegularFile(generationsFile)) {
      return out;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(generationsFile)) {
      p.load(in);
    }
    for (String id : new TreeSet<>(p.stringPropertyNames())) {
      int single = Integer.parseInt(p.getProperty(id).trim());
      String pid = PersistenceId.of("AgentGeneration", id).id();
      int before = generation(pid);
      boolean write = before < single;
      if (write) {
        copy(pid, List.of(new FreshStarted(single, "journal migrate", Instant.now())));
      }
      int after = generation(pid);
      boolean ok = after == single;
      String detail = !ok ? "the cluster is at generation " + after + ", the single-node engine at " + single
          : write ? "moved to generation " + single + " (journal " + id + ".g" + single + ")"
          : "already at generation " + single;
      out.add(new GenerationResult(id, single, after, write, ok, detail));
    }
    return out;
  }

  private int generation(String pid) throws Exception {
    int n = 0;
    for (Object e : JournalEvents.readAny(system, JournalEvents.JDBC, pid, WAIT)) {
      if (e instanceof FreshStarted f) {
        n = f.generation();
      }
    }
    return n;
  }

  static Result compare(String agentId, List<AgentEvent> source, List<AgentEvent> target, int copied) {
    AgentState s = AgentState.fold(agentId, source);
    AgentState t = AgentState.fold(agentId, target);
    boolean ok = source.equals(target) && s.equals(t) && s.stateHash().equals(t.stateHash());
    String detail = ok ? (copied > 0 ? "copied and verified" : "already there, verified")
        : source.size() != target.size() ? "PostgreSQL holds " + target.size() + " events, LevelDB " + source.size()
            : "the events differ";
    return new Result(agentId, source.size(), copied, s.stateHash(), t.stateHash(), ok, detail);
  }

  private int copy(String pid, List<? extends JournalSerializable> events) throws Exception {
    ActorRef<JournalCopier.Append> copier = system.systemActorOf(
        JournalCopier.create(PersistenceId.ofUniqueId(pid), "jdbc-journal",
            "jdbc-snapshot-store"), "copy-" + Integer.toHexString(pid.hashCode()) + "-" + System.nanoTime(),
        org.apache.pekko.actor.typed.Props.empty());
    try {
      for (int i = 0; i < events.size(); i += BATCH) {
        List<? extends JournalSerializable> batch = events.subList(i, Math.min(events.size(), i + BATCH));
        AskPattern.<JournalCopier.Append, Long>ask(copier, r -> new JournalCopier.Append(List.copyOf(batch), r),
            WAIT, system.scheduler()).toCompletableFuture().get();
      }
    } finally {
      system.classicSystem().stop(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(copier));
    }
    return events.size();
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get();
    } catch (Exception e) {
      Thread.currentThread().interrupt();
    }
  }
}
