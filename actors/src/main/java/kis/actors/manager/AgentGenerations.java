package kis.actors.manager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import kis.journal.AgentId;

/**
 * Which journal each configured agent currently uses. A fresh start gives an agent a new
 * journal id ({@code <id>.g<n>}) and leaves the old journal as it was (archived under its id),
 * so its history stays readable; the choice survives engine restarts in a small properties file.
 */
public final class AgentGenerations {
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
    int n = generation(configured);
    return n == 0 ? configured : new AgentId(configured.value() + ".g" + n);
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
