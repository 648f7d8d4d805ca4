package kis.cluster.migrate;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kis.actors.agent.Agent;
import kis.cluster.JdbcSchema;
import kis.journal.AgentId;
import kis.journal.event.AgentEvent;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Copies agents' journals from an engine's LevelDB journal to the PostgreSQL journal of the
 * cluster profile and verifies that both fold to the same books ({@link AgentState#fold}: equal
 * state and equal {@link AgentState#stateHash}). Events are copied unchanged (same CBOR payload
 * classes, same order, sequence numbers from 1); snapshots are not copied, the JDBC side replays
 * the events and snapshots on its own. A target that already holds events is left alone: it
 * counts as migrated if it folds to the same state, and as a failure otherwise.
 *
 * <p>Neither engine may run on the journals meanwhile (LevelDB allows one process).
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

  private final ActorSystem<Void> system;

  private JournalMigration(ActorSystem<Void> system) {
    this.system = system;
  }

  /**
   * Opens the LevelDB journal in {@code levelDbDir} and the PostgreSQL journal configured in
   * {@code profile} (the cluster profile's {@code kis-trader.cluster.db}), creating its tables if missing.
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
            pekko.persistence.journal.leveldb.native = on
            pekko.persistence.query.journal.leveldb.write-plugin = "pekko.persistence.journal.leveldb"
            """)
        .withValue("pekko.persistence.journal.leveldb.dir",
            ConfigValueFactory.fromAnyRef(levelDbDir.toAbsolutePath().toString()))
        .withFallback(profile).resolve();
    return new JournalMigration(ActorSystem.create(Behaviors.empty(), "journal-migrate", c));
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

  static Result compare(String agentId, List<AgentEvent> source, List<AgentEvent> target, int copied) {
    AgentState s = AgentState.fold(agentId, source);
    AgentState t = AgentState.fold(agentId, target);
    boolean ok = source.equals(target) && s.equals(t) && s.stateHash().equals(t.stateHash());
    String detail = ok ? (copied > 0 ? "copied and verified" : "already there, verified")
        : source.size() != target.size() ? "PostgreSQL holds " + target.size() + " events, LevelDB " + source.size()
            : "the events differ";
    return new Result(agentId, source.size(), copied, s.stateHash(), t.stateHash(), ok, detail);
  }

  private int copy(String pid, List<AgentEvent> events) throws Exception {
    ActorRef<JournalCopier.Append> copier = system.systemActorOf(
        JournalCopier.create(org.apache.pekko.persistence.typed.PersistenceId.ofUniqueId(pid), "jdbc-journal",
            "jdbc-snapshot-store"), "copy-" + Integer.toHexString(pid.hashCode()) + "-" + System.nanoTime(),
        org.apache.pekko.actor.typed.Props.empty());
    try {
      for (int i = 0; i < events.size(); i += BATCH) {
        List<AgentEvent> batch = events.subList(i, Math.min(events.size(), i + BATCH));
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
