package kis.engine.journal;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import kis.journal.event.AgentEvent;
import kis.journal.event.AgentParked;
import kis.journal.event.AgentResumed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * Writes agent journals through the engine's own journal configuration (the marking LevelDB
 * plugin under {@code conf/application.conf}), as a persistent actor would: park/resume pairs,
 * {@code batch} events per atomic write. Ends with a resume, so an agent recovered from it trades.
 */
public final class JournalFixture {
  static final Instant T = Instant.parse("2026-11-24T01:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(60);

  private JournalFixture() {}

  /** Appends {@code events} events (even) to each agent's journal under {@code dataDir}. */
  public static void write(Path dataDir, Map<String, Integer> events, int batch) {
    write(dataDir, events, batch, false);
  }

  /**
   * As {@link #write(Path, Map, int)}, with the journal's marks thread held from the first write to
   * the last (each write is confirmed once LevelDB holds it; its commit's marks queue meanwhile, as
   * under a CPU hog) and let go before the journal closes: every queued commit is marked in one go.
   */
  public static void writeWithMarksLagging(Path dataDir, Map<String, Integer> events, int batch) {
    write(dataDir, events, batch, true);
  }

  private static void write(Path dataDir, Map<String, Integer> events, int batch, boolean marksLag) {
    // Unsynced (journal and marks alike): the fixture needs the bytes, not their durability.
    ActorTestKit kit = ActorTestKit.create("fixture", ConfigFactory.parseString(
        "pekko.persistence.journal.leveldb.fsync = off").withFallback(EngineConfig.load(Optional.empty(),
        Optional.of(dataDir))));
    try {
      TestProbe<Long> done = kit.createTestProbe();
      Map<String, ActorRef<Write>> scribes = new LinkedHashMap<>();
      events.forEach((agent, n) -> {
        ActorRef<Write> w = kit.spawn(scribe(agent));
        // Recovered before any hold: a recovery reads behind the marks queued before it.
        w.tell(new Write(0, done.getRef()));
        done.receiveMessage(WAIT);
        scribes.put(agent, w);
      });
      Path marks = JournalMarks.fileFor(dataDir.resolve("journal"));
      Map<String, JournalMarks.Mark> before = marksIn(marks);
      MarkKeeper.Hold hold = marksLag ? MarkKeeper.Hold.of(marks) : null;
      try {
        events.forEach((agent, n) -> {
          int left = n;
          while (left > 0) {
            int k = Math.min(batch, left);
            scribes.get(agent).tell(new Write(k, done.getRef()));
            done.receiveMessage(WAIT);
            left -= k;
          }
        });
        if (hold != null && !marksIn(marks).equals(before)) {
          throw new IllegalStateException("the marks thread was not held: " + marks + " has new marks already");
        }
      } finally {
        if (hold != null) {
          hold.close();
        }
      }
    } finally {
      kit.shutdownTestKit();
    }
  }

  private static Map<String, JournalMarks.Mark> marksIn(Path marks) {
    try {
      return JournalMarks.load(marks).marks();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  record Write(int events, ActorRef<Long> replyTo) {}

  static Behavior<Write> scribe(String agent) {
    return new Scribe(PersistenceId.of("Agent", agent));
  }

  private static final class Scribe extends EventSourcedBehavior<Write, AgentEvent, Long> {
    Scribe(PersistenceId id) {
      super(id);
    }

    @Override
    public Long emptyState() {
      return 0L;
    }

    @Override
    public CommandHandler<Write, AgentEvent, Long> commandHandler() {
      return newCommandHandlerBuilder().forAnyState().onCommand(Write.class, (n, w) -> {
        if (w.events() == 0) {
          return Effect().none().thenReply(w.replyTo(), s -> s);
        }
        List<AgentEvent> evs = new ArrayList<>();
        for (int i = 0; i < w.events(); i++) {
          long seq = n + i + 1;
          evs.add(seq % 2 == 1 ? new AgentParked("fixture #" + seq, T.plusSeconds(seq))
              : new AgentResumed("fixture", T.plusSeconds(seq)));
        }
        return Effect().persist(evs).thenReply(w.replyTo(), s -> s);
      }).build();
    }

    @Override
    public EventHandler<Long, AgentEvent> eventHandler() {
      return newEventHandlerBuilder().forAnyState().onAnyEvent((s, e) -> s + 1);
    }
  }

  /** A copy of a data dir (damage goes on copies, the fixture stays whole). */
  public static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals("LOCK")) {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return to;
  }

  /** The journal's files of one kind, newest (highest number) last. */
  public static List<Path> files(Path journalDir, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(journalDir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }
}
