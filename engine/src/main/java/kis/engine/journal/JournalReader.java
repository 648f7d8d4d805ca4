package kis.engine.journal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import kis.journal.event.AgentEvent;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.journal.leveldb.javadsl.LeveldbReadJournal;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.LoggerFactory;

/**
 * Read-only access to a LevelDB journal for the journal tools: persistence ids and each one's
 * events in order. Owns a small ActorSystem; close it when done. Fails fast (before Pekko starts)
 * when the journal is missing or held by a running engine.
 */
public final class JournalReader implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  /** One journaled event with its place in the journal. */
  public record Entry(String persistenceId, long sequenceNr, long timestamp, AgentEvent event) {}

  private final ActorSystem<Void> system;
  private final LeveldbReadJournal journal;

  private JournalReader(ActorSystem<Void> system) {
    this.system = system;
    this.journal = PersistenceQuery.get(Adapter.toClassic(system))
        .getReadJournalFor(LeveldbReadJournal.class, LeveldbReadJournal.Identifier());
  }

  /**
   * @param dir a data dir (holding {@code journal/}) or a journal dir itself
   */
  public static JournalReader open(Path dir, Config base) throws LevelDbProbe.JournalUnavailableException {
    Path journalDir = Files.isDirectory(dir.resolve("journal")) ? dir.resolve("journal") : dir;
    LevelDbProbe.check(journalDir, false, LevelDbBackend.of(base));
    quietLogs();
    Config c = ConfigFactory.parseString(String.join("\n",
            "pekko.persistence.journal.leveldb.dir = \"" + journalDir.toAbsolutePath().toString().replace("\\", "/") + "\"",
            "pekko.persistence.journal.auto-start-journals = []",
            "pekko.persistence.snapshot-store.auto-start-snapshot-stores = []",
            "pekko.loglevel = WARNING",
            "pekko.stdout-loglevel = OFF",
            "pekko.log-dead-letters = off",
            "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off"))
        .withFallback(base);
    return new JournalReader(ActorSystem.create(Behaviors.empty(), "journal-tool", c));
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
    return await(journal.currentPersistenceIds().runWith(Sink.seq(), system)).stream().sorted().toList();
  }

  /** Agent ids ({@code Agent|<id>}) in the journal, sorted. */
  public List<String> agentIds() {
    return persistenceIds().stream().filter(p -> p.startsWith("Agent|")).map(p -> p.substring(6)).toList();
  }

  public List<Entry> events(String persistenceId) {
    return await(journal.currentEventsByPersistenceId(persistenceId, 0, Long.MAX_VALUE)
        .map(e -> new Entry(e.persistenceId(), e.sequenceNr(), e.timestamp(), asAgentEvent(e)))
        .runWith(Sink.seq(), system));
  }

  /** The engine's own JSON mapper (java.time as ISO strings, Optional, records). */
  public ObjectMapper json() {
    return JacksonObjectMapperProvider.get(Adapter.toClassic(system)).getOrCreate("jackson-json", Optional.empty());
  }

  private static AgentEvent asAgentEvent(EventEnvelope e) {
    if (e.event() instanceof AgentEvent a) {
      return a;
    }
    throw new IllegalStateException(e.persistenceId() + " #" + e.sequenceNr() + " is not an agent event: "
        + e.event().getClass().getName());
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> f) {
    try {
      return f.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("reading the journal failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Best effort: the JVM is about to exit anyway.
    }
  }
}
