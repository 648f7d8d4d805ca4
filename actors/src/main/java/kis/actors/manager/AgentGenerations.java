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
  /**
   * The numbers each fresh start left behind, in a sibling file ({@code <name>-left-behind.properties}):
   * the generations file holds one number per agent, which other tools read as such.
   */
  private final Properties leftBehind = new Properties();

  private AgentGenerations(Path file) {
    this.file = file;
  }

  /** Generations kept in {@code file} (created on the first fresh start); null keeps them in memory only. */
  public static AgentGenerations at(Path file) {
    AgentGenerations g = new AgentGenerations(file);
    load(file, g.generations);
    load(g.recordFile(), g.leftBehind);
    return g;
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

  private Path recordFile() {
    if (file == null) {
      return null;
    }
    String name = file.getFileName().toString();
    String base = name.endsWith(".properties") ? name.substring(0, name.length() - ".properties".length()) : name;
    return file.resolveSibling(base + "-left-behind.properties");
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

  /**
   * As {@link #freshStart(AgentId)}, recording the KIS numbers of the journal left behind's orders
   * on {@code day} (the fresh start's trading day) with the move, in the same write: the reconciler
   * then recognises that journal's rows in the account by number ({@link #earlierOrders}).
   */
  public synchronized AgentId freshStart(AgentId configured, java.time.LocalDate day,
      java.util.Collection<kis.journal.OrderNo> leftBehind) {
    int next = generation(configured) + 1;
    this.leftBehind.setProperty(recordKey(configured, next), day + ":" + String.join(",",
        leftBehind.stream().map(kis.journal.OrderNo::value).sorted().toList()));
    // The record first: a crash between the two writes leaves a record of a generation not begun,
    // which the next fresh start overwrites; never a generation without its record.
    save(recordFile(), this.leftBehind, "numbers of the day's orders each fresh start left behind");
    generations.setProperty(configured.value(), String.valueOf(next));
    save();
    return current(configured);
  }

  /**
   * The numbers of {@code day}'s orders of every earlier journal of {@code running} (configured
   * ids), and which current journals have every earlier generation recorded (one never
   * fresh-started has none to record).
   */
  public synchronized kis.actors.reconcile.EarlierOrders earlierOrders(java.time.LocalDate day,
      java.util.Collection<AgentId> running) {
    java.util.Map<kis.journal.OrderNo, String> byNumber = new java.util.HashMap<>();
    java.util.Set<String> complete = new java.util.HashSet<>();
    for (AgentId configured : running) {
      int n = generation(configured);
      boolean all = true;
      for (int g = 1; g <= n; g++) {
        String rec = leftBehind.getProperty(recordKey(configured, g));
        if (rec == null) {
          all = false; // a fresh start from before numbers were recorded
          continue;
        }
        int colon = rec.indexOf(':');
        if (!rec.substring(0, colon).equals(day.toString())) {
          continue; // that generation's orders were of another day: none can be listed today
        }
        String left = g == 1 ? configured.value() : configured.value() + ".g" + (g - 1);
        for (String no : rec.substring(colon + 1).split(",")) {
          if (!no.isBlank()) {
            byNumber.put(kis.journal.OrderNo.of(no), left);
          }
        }
      }
      if (all) {
        complete.add(current(configured).value());
      }
    }
    return new kis.actors.reconcile.EarlierOrders(byNumber, complete);
  }

  /** The record of the numbers left behind by the fresh start to generation {@code g}. */
  private static String recordKey(AgentId configured, int g) {
    return configured.value() + ".g" + g + ".left-behind";
  }

  private int generation(AgentId configured) {
    return Integer.parseInt(generations.getProperty(configured.value(), "0"));
  }

  private void save() {
    save(file, generations, "agent journal generations (fresh starts)");
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
