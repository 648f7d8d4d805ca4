package kis.engine.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did what, when, through the dashboard: each control request and its outcome is logged
 * (logger {@code kis.engine.dashboard.audit}), appended as a JSON line to
 * {@code <dataDir>/control-audit.jsonl} when a file is given, and kept in memory for the page.
 * Refused attempts (no or bad token, a token in the URL, a cross-site origin) are recorded in
 * aggregate ({@link RefusalTally}): the first of each reason in a minute as its own entry, the rest
 * of that minute as one count, so a flood cannot grow the file without bound.
 */
public final class ControlAudit {
  private static final Logger LOG = LoggerFactory.getLogger("kis.engine.dashboard.audit");
  private static final int KEPT = 200;

  /** One audited action. {@code target} is the agent id, or empty for engine-wide actions. */
  public record Entry(Instant at, String operator, String action, String target, String outcome) {}

  private final Clock clock;
  private final Path file;
  private final Deque<Entry> recent = new ArrayDeque<>();
  private final RefusalTally refusals = new RefusalTally();

  /** @param file the JSON-lines file to append to, or null to log and keep in memory only */
  public ControlAudit(Clock clock, Path file) {
    this.clock = clock;
    this.file = file;
  }

  public Entry record(Operator who, String action, String target, String outcome) {
    Entry e = new Entry(clock.instant(), who.name(), action, target == null ? "" : target, outcome);
    store(e);
    return e;
  }

  private void store(Entry e) {
    LOG.info("control {} target={} by={} at={} -> {}", e.action(), e.target(), e.operator(), e.at(), e.outcome());
    synchronized (recent) {
      recent.addFirst(e);
      while (recent.size() > KEPT) {
        recent.removeLast();
      }
    }
    if (file != null) {
      append(e);
    }
  }

  /**
   * A control request turned away before the engine was asked: listed if it is the first of its
   * reason this minute, otherwise counted into that minute's summary line.
   */
  public void refused(Operator who, String action, ControlRefusal reason) {
    List<RefusalTally.Summary> closed = new ArrayList<>();
    RefusalTally.Outcome o;
    synchronized (refusals) {
      o = refusals.count(reason, clock.instant(), closed);
    }
    writeSummaries(closed);
    if (o instanceof RefusalTally.ListIt) {
      record(who, action, "", "refused: " + reason.reason());
    }
  }

  /** Writes the summaries of refusal minutes that are over; called periodically and needs no traffic. */
  public void flushRefusals() {
    List<RefusalTally.Summary> closed;
    synchronized (refusals) {
      closed = refusals.closeBefore(clock.instant());
    }
    writeSummaries(closed);
  }

  /** Writes every pending refusal count, the current minute's too (the dashboard is closing). */
  public void close() {
    List<RefusalTally.Summary> closed;
    synchronized (refusals) {
      closed = refusals.drain();
    }
    writeSummaries(closed);
  }

  private void writeSummaries(List<RefusalTally.Summary> summaries) {
    for (RefusalTally.Summary s : summaries) {
      store(new Entry(s.minute(), "-", "refused-requests", "", s.outcome()));
    }
  }

  /** Newest first. */
  public List<Entry> recent() {
    synchronized (recent) {
      return new ArrayList<>(recent);
    }
  }

  /** The audit names operators and actions: readable by the engine's user only, from its creation. */
  private static void createOwnerOnly(Path f) throws IOException {
    try {
      Files.createFile(f, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException nonPosix) {
      Files.createFile(f);
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      // another writer created it first
    }
  }

  private void append(Entry e) {
    try {
      String line = Json.MAPPER.writeValueAsString(e) + "\n";
      synchronized (this) {
        if (!Files.exists(file)) {
          createOwnerOnly(file);
        }
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    } catch (IOException ex) {
      LOG.warn("cannot append to control audit file {}: {}", file, ex.toString());
    }
  }
}
