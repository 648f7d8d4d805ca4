package kis.actors.manager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kis.actors.agent.GenerationStore;
import kis.journal.AgentId;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Which journal each configured agent currently uses. A fresh start gives an agent a new
 * journal id ({@code <id>.g<n>}) and leaves the old journal as it was (archived under its id),
 * so its history stays readable; the choice survives engine restarts in a small properties file
 * ({@code <data dir>/agent-generations.properties}, one {@code <configured id>=<n>} line per
 * fresh-started agent). The single node's {@link GenerationStore}.
 */
public final class AgentGenerations implements GenerationStore {
  private final Path file;
  private final Properties generations = new Properties();

  private AgentGenerations(Path file) {
    this.file = file;
  }

  /** Generations kept in {@code file} (created on the first fresh start); null keeps them in memory only. */
  public static AgentGenerations at(Path file) {
    AgentGenerations g = new AgentGenerations(file);
    if (file != null && Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        g.generations.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return g;
  }

  public static AgentGenerations inMemory() {
    return at(null);
  }

  /** The journal id of configured agent {@code configured} now. */
  public synchronized AgentId current(AgentId configured) {
    return GenerationStore.journalId(configured, generation(configured));
  }

  /** Read and written at once (the file is local and small); the stages are complete when returned. */
  @Override
  public Generation open(ActorContext<?> ctx, AgentId configured) {
    return new Generation() {
      @Override
      public CompletionStage<Integer> current() {
        synchronized (AgentGenerations.this) {
          return CompletableFuture.completedFuture(generation(configured));
        }
      }

      @Override
      public CompletionStage<Integer> next(String by) {
        try {
          freshStart(configured);
          synchronized (AgentGenerations.this) {
            return CompletableFuture.completedFuture(generation(configured));
          }
        } catch (RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
      }
    };
  }

  /** Move {@code configured} to a new, empty journal; returns its id. */
  public synchronized AgentId freshStart(AgentId configured) {
    generations.setProperty(configured.value(), String.valueOf(generation(configured) + 1));
    save();
    return current(configured);
  }

  private int generation(AgentId configured) {
    return Integer.parseInt(generations.getProperty(configured.value(), "0"));
  }

  private void save() {
    if (file == null) {
      return;
    }
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        generations.store(out, "agent journal generations (fresh starts)");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
