package kis.engine.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kis.actors.manager.JournalHealth;
import kis.journal.AgentId;

/**
 * The lost tails {@code journal repair} proved, kept for the engine: next to the journal dir
 * ({@code data/journal.repairs} for {@code data/journal}), owner-only, one line appended per
 * repaired agent: {@code r <repaired-at> <kept> <mark-seq> <dropped> <persistence id>}. The last
 * line of an id wins. {@code run} reads it at start ({@link JournalStartCheck}) and the reconciler
 * journals the proof with an operator's book-back of that agent, on the repair's trading day.
 * Only a repair that had a mark to prove against is recorded: without a mark nothing was proven.
 */
public final class RepairProofs {
  static final String HEADER = "kis-trader journal repairs v1";
  private static final ZoneId KST = ZoneId.of("Asia/Seoul");

  /** One repair's proof: events after {@code kept} up to {@code markSeq} were written and are gone. */
  public record Proof(String persistenceId, Instant repairedAt, long kept, long markSeq, long dropped) {
    /** The evidence as the book-back journals it. */
    public String text() {
      return "journal repair at " + repairedAt + " proved a lost tail of " + persistenceId + ": its high-water mark"
          + " says #" + markSeq + " was written, the journal held #1..#" + kept + " whole ("
          + (markSeq - kept) + " event(s) lost, " + dropped + " unprovable stored event(s) removed)";
    }
  }

  private RepairProofs() {}

  /** The repairs file that belongs to {@code journalDir}. */
  public static Path fileFor(Path journalDir) {
    Path abs = journalDir.toAbsolutePath().normalize();
    return abs.resolveSibling(abs.getFileName() + ".repairs");
  }

  /** Appends the proofs of one repair run and fsyncs; creates the file owner-only. */
  public static void record(Path journalDir, List<Proof> proofs) throws IOException {
    if (proofs.isEmpty()) {
      return;
    }
    Path file = fileFor(journalDir);
    StringBuilder text = new StringBuilder();
    if (!Files.exists(file)) {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      text.append(HEADER).append('\n');
    }
    for (Proof p : proofs) {
      text.append("r ").append(p.repairedAt()).append(' ').append(p.kept()).append(' ').append(p.markSeq())
          .append(' ').append(p.dropped()).append(' ').append(p.persistenceId()).append('\n');
    }
    try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
  }

  /**
   * The latest proof of each persistence id; {@code problems} hears unreadable lines (skipped: a
   * proof that cannot be read is not offered, the book-back then rests on the account alone).
   */
  public static Map<String, Proof> load(Path journalDir, java.util.function.Consumer<String> problems)
      throws IOException {
    Path file = fileFor(journalDir);
    Map<String, Proof> out = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !HEADER.equals(lines.get(0))) {
      problems.accept(file + ": not a repairs file of a known version");
      return out;
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(" ", 6);
      try {
        if (f.length != 6 || !f[0].equals("r")) {
          throw new IllegalArgumentException("bad line");
        }
        out.put(f[5], new Proof(f[5], Instant.parse(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
            Long.parseLong(f[4])));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        problems.accept(file + ": unreadable line skipped");
      }
    }
    return out;
  }

  /** The proofs of agents' journals, by journal id, as the reconciler offers them. */
  public static Map<AgentId, JournalHealth.TailProof> forAgents(Map<String, Proof> proofs) {
    Map<AgentId, JournalHealth.TailProof> out = new LinkedHashMap<>();
    proofs.values().stream().filter(p -> p.persistenceId().startsWith("Agent|")).forEach(p -> out.put(
        new AgentId(p.persistenceId().substring("Agent|".length())),
        new JournalHealth.TailProof(LocalDate.ofInstant(p.repairedAt(), KST), p.text())));
    return out;
  }

  /** The proofs one repair run produced: each repaired agent whose mark reached past what was kept. */
  public static List<Proof> of(List<JournalRepair.Repaired> repaired, Instant at) {
    List<Proof> out = new ArrayList<>();
    for (JournalRepair.Repaired r : repaired) {
      if (r.markSeq() > r.kept()) {
        out.add(new Proof(r.persistenceId(), at, r.kept(), r.markSeq(), r.dropped()));
      }
    }
    return out;
  }
}
