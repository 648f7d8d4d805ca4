package kis.engine.journal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import kis.journal.event.AgentEvent;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import java.time.Instant;
import kis.journal.event.AgentParked;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.PersistentRepr$;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.slf4j.LoggerFactory;

/**
 * Read-only access to a LevelDB journal for the journal tools: persistence ids and each one's
 * events in order, read key by key ({@link RawJournal}) and deserialized with the engine's own
 * serializers; plus the journal's {@link JournalMarks} and an {@link JournalAudit} against them.
 * Owns a small ActorSystem (for serialization only: no journal plugin starts); close it when done.
 * Fails fast when the journal is missing, has no {@code CURRENT}, or is held by a running engine.
 */
public final class JournalReader implements AutoCloseable {
  /** One journaled event with its place in the journal. */
  public record Entry(String persistenceId, long sequenceNr, long timestamp, AgentEvent event) {}

  private static final long PROGRESS_EVERY = 100_000;

  private final ActorSystem<Void> system;
  private final RawJournal raw;
  private final Path journalDir;
  private final Serialization serialization;
  private Consumer<String> progress = line -> {};

  private JournalReader(ActorSystem<Void> system, RawJournal raw, Path journalDir) {
    this.system = system;
    this.raw = raw;
    this.journalDir = journalDir;
    this.serialization = SerializationExtension.get(Adapter.toClassic(system));
  }

  /**
   * @param dir a data dir (holding {@code journal/}) or a journal dir itself
   */
  public static JournalReader open(Path dir, Config base) throws LevelDbProbe.JournalUnavailableException {
    Path journalDir = journalDirOf(dir);
    RawJournal raw = RawJournal.open(journalDir, LevelDbBackend.of(base));
    quietLogs();
    Config c = ConfigFactory.parseString(String.join("\n",
            "pekko.persistence.journal.auto-start-journals = []",
            "pekko.persistence.snapshot-store.auto-start-snapshot-stores = []",
            "pekko.loglevel = WARNING",
            "pekko.stdout-loglevel = OFF",
            "pekko.log-dead-letters = off",
            "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off"))
        .withFallback(base);
    try {
      return new JournalReader(ActorSystem.create(Behaviors.empty(), "journal-tool", c), raw, journalDir);
    } catch (RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** {@code dir} itself when it is a journal, else its {@code journal/}. */
  public static Path journalDirOf(Path dir) {
    return Files.isDirectory(dir.resolve("journal")) || !Files.exists(dir.resolve("CURRENT"))
        ? dir.resolve("journal") : dir;
  }

  /** Told a line every {@value #PROGRESS_EVERY} events read (the tools print it on standard error). */
  public JournalReader withProgress(Consumer<String> progress) {
    this.progress = progress;
    return this;
  }

  public Path journalDir() {
    return journalDir;
  }

  /** The marks kept next to this journal (none when the journal predates them). */
  public JournalMarks.Loaded marks() throws IOException {
    return JournalMarks.load(JournalMarks.fileFor(journalDir));
  }

  /** Every persistence id checked against its mark. */
  public Map<String, JournalAudit.Verdict> audit() throws IOException {
    return JournalAudit.audit(raw, marks(), progress);
  }

  RawJournal raw() {
    return raw;
  }

  /**
   * Cuts each damaged journal among {@code verdicts} (or only {@code onlyPid}'s) back to its
   * provable events and parks the agent ({@link JournalRepair}); back the journal up first.
   */
  public List<JournalRepair.Repaired> repair(Map<String, JournalAudit.Verdict> verdicts, String onlyPid)
      throws IOException {
    return JournalRepair.repair(raw, verdicts, onlyPid, (pid, seq, reason) -> {
      PersistentRepr p = PersistentRepr$.MODULE$.apply(new AgentParked(reason, Instant.now()), seq, pid, "", false,
          null, "journal-repair").withTimestamp(System.currentTimeMillis());
      try {
        return serialization.serialize(p).get();
      } catch (Exception e) {
        throw new IOException("cannot serialize the parking event: " + e, e);
      }
    });
  }

  /**
   * The tools print their results on standard output (export writes JSON lines there), so the
   * engine's console logging is cut to errors while they run.
   */
  private static void quietLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.getLoggerList().stream().filter(l -> l.getLevel() != null).forEach(l -> l.setLevel(Level.ERROR));
      ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.ERROR);
    }
  }

  public List<String> persistenceIds() {
    try {
      return raw.ids().keySet().stream().filter(p -> !p.startsWith("$$$")).sorted().toList();
    } catch (RawJournal.ReadFailure e) {
      throw new IllegalStateException("reading the journal failed: " + e.getMessage(), e);
    }
  }

  /** Agent ids ({@code Agent|<id>}) in the journal, sorted. */
  public List<String> agentIds() {
    return persistenceIds().stream().filter(p -> p.startsWith("Agent|")).map(p -> p.substring(6)).toList();
  }

  /**
   * The events of {@code persistenceId} in key order (an unknown id has none).
   *
   * @throws IllegalStateException a read error, or an event that does not deserialize
   */
  public List<Entry> events(String persistenceId) {
    List<Entry> out = new ArrayList<>();
    try {
      Integer nid = raw.ids().get(persistenceId);
      if (nid == null) {
        return out;
      }
      raw.scan(nid, e -> {
        out.add(entry(persistenceId, e));
        if (out.size() % PROGRESS_EVERY == 0) {
          progress.accept(persistenceId + ": " + out.size() + " events read");
        }
      });
    } catch (IOException e) {
      throw new IllegalStateException("reading the journal failed after " + out.size() + " events of " + persistenceId
          + ": " + e.getMessage(), e);
    }
    return out;
  }

  private Entry entry(String persistenceId, RawJournal.Stored e) {
    PersistentRepr p;
    try {
      p = serialization.deserialize(e.bytes(), PersistentRepr.class).get();
    } catch (Exception ex) {
      throw new IllegalStateException(persistenceId + " #" + e.sequenceNr() + " does not deserialize: " + ex, ex);
    }
    if (!(p.payload() instanceof AgentEvent a)) {
      throw new IllegalStateException(persistenceId + " #" + e.sequenceNr() + " is not an agent event: "
          + p.payload().getClass().getName());
    }
    return new Entry(persistenceId, e.sequenceNr(), p.timestamp(), a);
  }

  /** The engine's own JSON mapper (java.time as ISO strings, Optional, records). */
  public ObjectMapper json() {
    return JacksonObjectMapperProvider.get(Adapter.toClassic(system)).getOrCreate("jackson-json", Optional.empty());
  }

  @Override
  public void close() {
    raw.close();
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Best effort: the JVM is about to exit anyway.
    }
  }
}
