package kis.actors.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kis.actors.agent.GenerationStore;
import kis.journal.AgentId;
import kis.journal.OrderNo;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The single node's {@link GenerationStore}: which journal each configured agent runs on, in a
 * small properties file in the data dir ({@code agent-generations.properties}, one
 * {@code <configured id>=<n>} line per fresh-started agent, the format every earlier version wrote
 * and {@code journal migrate} reads), and the KIS numbers each fresh start left behind in a sibling
 * file ({@code agent-generations-left-behind.properties}, {@code <id>.g<n>.left-behind=<day>:<no>,...}).
 * Both are read at start and written atomically (temp file, then move) before a move is answered.
 */
public final class GenerationFile implements GenerationStore {
  /** The file's name in the data dir. */
  public static final String NAME = "agent-generations.properties";

  private final Path file;
  private final Properties generations = new Properties();
  /** Kept apart: the generations file holds one number per agent, which other tools read as such. */
  private final Properties leftBehind = new Properties();

  private GenerationFile(Path file) {
    this.file = file;
  }

  /** The store of the data dir {@code dataDir}. */
  public static GenerationFile in(Path dataDir) {
    return at(dataDir.resolve(NAME));
  }

  /** Generations kept in {@code file} (created on the first fresh start); null keeps them in memory only. */
  public static GenerationFile at(Path file) {
    GenerationFile g = new GenerationFile(file);
    load(file, g.generations);
    load(g.recordFile(), g.leftBehind);
    return g;
  }

  /** Nothing on disk (tests, offline runs). */
  public static GenerationFile inMemory() {
    return at(null);
  }

  /** The journal id of configured agent {@code configured} now. */
  public synchronized AgentId current(AgentId configured) {
    return GenerationStore.journalId(configured, generation(configured));
  }

  /** Read and written at once (the files are local and small): the stages are complete when returned. */
  @Override
  public Generation open(ActorContext<?> ctx, AgentId configured) {
    return new Generation() {
      @Override
      public CompletionStage<Integer> current() {
        synchronized (GenerationFile.this) {
          return CompletableFuture.completedFuture(generation(configured));
        }
      }

      @Override
      public CompletionStage<Integer> next(String by) {
        return attempt(() -> freshStart(configured));
      }

      @Override
      public CompletionStage<Integer> next(String by, LocalDate day, List<OrderNo> left) {
        return attempt(() -> freshStart(configured, day, left));
      }

      @Override
      public CompletionStage<List<LeftBehind>> leftBehind() {
        return CompletableFuture.completedFuture(recorded(configured));
      }
    };
  }

  private static CompletionStage<Integer> attempt(java.util.function.IntSupplier move) {
    try {
      return CompletableFuture.completedFuture(move.getAsInt());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Moves {@code configured} to a new, empty journal without a record; returns the new generation. */
  synchronized int freshStart(AgentId configured) {
    generations.setProperty(configured.value(), String.valueOf(generation(configured) + 1));
    save(file, generations, "agent journal generations (fresh starts)");
    return generation(configured);
  }

  /**
   * Moves {@code configured} to a new, empty journal, recording the KIS numbers of the journal left
   * behind's orders on {@code day} with the move; returns the new generation.
   */
  synchronized int freshStart(AgentId configured, LocalDate day, Collection<OrderNo> left) {
    int next = generation(configured) + 1;
    leftBehind.setProperty(recordKey(configured, next), day + ":" + String.join(",",
        left.stream().map(OrderNo::value).sorted().toList()));
    // The record first: a crash between the two writes leaves a record of a generation not begun,
    // which the next fresh start overwrites; never a generation without its record.
    save(recordFile(), leftBehind, "numbers of the day's orders each fresh start left behind");
    generations.setProperty(configured.value(), String.valueOf(next));
    save(file, generations, "agent journal generations (fresh starts)");
    return next;
  }

  /** Every recorded fresh start of {@code configured}, oldest first (one without a record is absent). */
  synchronized List<LeftBehind> recorded(AgentId configured) {
    List<LeftBehind> out = new ArrayList<>();
    for (int g = 1; g <= generation(configured); g++) {
      String rec = leftBehind.getProperty(recordKey(configured, g));
      if (rec == null) {
        continue; // a fresh start from before numbers were recorded
      }
      int colon = rec.indexOf(':');
      List<OrderNo> numbers = new ArrayList<>();
      for (String no : rec.substring(colon + 1).split(",")) {
        if (!no.isBlank()) {
          numbers.add(OrderNo.of(no));
        }
      }
      out.add(new LeftBehind(g, LocalDate.parse(rec.substring(0, colon)), numbers));
    }
    return List.copyOf(out);
  }

  private Path recordFile() {
    if (file == null) {
      return null;
    }
    String name = file.getFileName().toString();
    String base = name.endsWith(".properties") ? name.substring(0, name.length() - ".properties".length()) : name;
    return file.resolveSibling(base + "-left-behind.properties");
  }

  private static String recordKey(AgentId configured, int g) {
    return configured.value() + ".g" + g + ".left-behind";
  }

  private int generation(AgentId configured) {
    return Integer.parseInt(generations.getProperty(configured.value(), "0"));
  }

  private static void load(Path f, Properties into) {
    if (f != null && Files.exists(f)) {
      try (InputStream in = Files.newInputStream(f)) {
        into.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f, e);
      }
    }
  }

  private static void save(Path f, Properties p, String comment) {
    if (f == null) {
      return;
    }
    try {
      Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        p.store(out, comment);
      }
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f, e);
    }
  }
}
