package kis.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.Map;
import kis.engine.journal.EngineConfig;
import kis.engine.journal.JournalAudit;
import kis.engine.journal.JournalMarks;
import kis.engine.journal.JournalRepair;
import kis.engine.journal.JournalReader;
import kis.engine.journal.JournalVerifier;
import kis.engine.journal.LevelDbProbe;
import kis.engine.journal.StateReport;
import kis.journal.event.AgentEvent;
import kis.journal.state.AgentState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kis-trader journal inspect|verify|export}: read an engine's LevelDB journal offline (the
 * engine must not be running on it). Exit codes: 0 fine, 1 a check failed, 2 the journal cannot
 * be opened.
 */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    description = "Inspect, verify or export an agent journal (LevelDB).",
    subcommands = {JournalCommand.Inspect.class, JournalCommand.Verify.class, JournalCommand.Export.class,
        JournalCommand.Repair.class,
        JournalMigrateCommand.class})
final class JournalCommand implements Runnable {
  static final int CHECK_FAILED = 1;
  static final int UNAVAILABLE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The options every journal command takes: where the journal is, and which agent. */
  static final class JournalOptions {
    @Option(names = "--dir", description = "data dir (holding journal/) or journal dir; default: the configured data dir")
    Path dir;

    @Option(names = "--agent", description = "only this agent id")
    String agent;

    @Option(names = "--config", description = "extra HOCON file over conf/application.conf")
    Path config;

    com.typesafe.config.Config config() {
      return EngineConfig.load(Optional.ofNullable(config), Optional.empty());
    }

    Path dataDir(com.typesafe.config.Config c) {
      return dir != null ? dir : EngineConfig.dataDir(c);
    }
  }

  /** The shared open-read-close flow of the read-only journal tools. */
  abstract static class Tool implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin JournalOptions options;

    @Override
    public Integer call() {
      var c = options.config();
      Path d = options.dataDir(c);
      String agent = options.agent;
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (JournalReader reader = JournalReader.open(d, c).withProgress(line -> {
        err.println("... " + line);
        err.flush();
      })) {
        List<String> agents = reader.agentIds();
        if (agent != null) {
          if (!agents.contains(agent)) {
            err.println("no agent '" + agent + "' in the journal at " + d + " (agents: " + agents + ")");
            return CHECK_FAILED;
          }
          agents = List.of(agent);
        }
        int rc = run(reader, agents, out);
        out.flush();
        return rc;
      } catch (LevelDbProbe.JournalUnavailableException e) {
        err.println(e.getMessage());
        return UNAVAILABLE;
      } catch (IOException | IllegalStateException e) {
        out.flush();
        err.println("journal tool failed: " + e.getMessage());
        return UNAVAILABLE;
      }
    }

    abstract int run(JournalReader reader, List<String> agents, PrintWriter out) throws IOException;

    static List<AgentEvent> eventsOf(List<JournalReader.Entry> entries) {
      List<AgentEvent> events = new ArrayList<>(entries.size());
      entries.forEach(e -> events.add(e.event()));
      return events;
    }
  }

  @Command(name = "inspect", mixinStandardHelpOptions = true,
      description = "Print each agent's events and its folded state.")
  static final class Inspect extends Tool {
    @Option(names = "--state-only", description = "print the folded state without the events")
    boolean stateOnly;

    @Override
    int run(JournalReader reader, List<String> agents, PrintWriter out) throws IOException {
      ObjectMapper json = reader.json();
      for (String a : agents) {
        List<JournalReader.Entry> entries = reader.events("Agent|" + a);
        out.printf("== agent %s: %d events%n", a, entries.size());
        if (!stateOnly) {
          for (JournalReader.Entry e : entries) {
            out.printf("%6d %s %s%n", e.sequenceNr(), e.event().getClass().getSimpleName(),
                json.writeValueAsString(e.event()));
          }
        }
        StateReport.print(AgentState.fold(a, eventsOf(entries)), out);
      }
      return 0;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check every journal against its high-water mark (contiguous from #1, nothing lost at the end,"
          + " the running hash equal), then replay every agent and check the fold's invariants (filled <= quantity,"
          + " positions and cash consistent with fills).")
  static final class Verify extends Tool {
    @Override
    int run(JournalReader reader, List<String> agents, PrintWriter out) throws IOException {
      JournalMarks.Loaded marks = reader.marks();
      Map<String, JournalAudit.Verdict> verdicts = reader.audit();
      int failed = 0;
      if (!marks.exists()) {
        out.println("note: no marks file " + JournalMarks.fileFor(reader.journalDir())
            + " (a journal from before marks, or the marks were lost): a lost tail cannot be told from the end");
      }
      for (String p : marks.problems()) {
        failed++;
        out.println("FAIL marks: " + p);
      }
      for (String a : agents) {
        String pid = "Agent|" + a;
        JournalAudit.Verdict v = verdicts.get(pid);
        if (v instanceof JournalAudit.Damaged d) {
          failed++;
          out.printf("FAIL %s: DAMAGED, %d event(s) provable from #1%n", a, d.provable());
          d.problems().forEach(p -> out.println("     " + p));
          continue;
        }
        JournalVerifier.Report r;
        try {
          r = JournalVerifier.verify(a, reader.events(pid));
        } catch (IllegalStateException e) {
          failed++;
          out.printf("FAIL %s: DAMAGED: %s%n", a, e.getMessage());
          continue;
        }
        AgentState s = r.state();
        if (r.ok()) {
          out.printf("OK   %s: %d events, %d open orders, %d anomalies, hash %s%s%n", a, r.events(),
              s.openOrders().size(), s.anomalyCount(), s.stateHash(), markNote(v));
        } else {
          failed++;
          out.printf("FAIL %s: %d events%n", a, r.events());
          r.problems().forEach(p -> out.println("     " + p));
        }
      }
      if (options.agent == null) {
        // The engine's other journals (the kill switch) and marks whose journal vanished altogether.
        for (JournalAudit.Verdict v : verdicts.values()) {
          if (v instanceof JournalAudit.Damaged d && !agents.contains(stripAgent(d.persistenceId()))) {
            failed++;
            out.printf("FAIL %s: DAMAGED%n", d.persistenceId());
            d.problems().forEach(p -> out.println("     " + p));
          }
        }
      }
      out.printf("%d agent(s) verified, %d failed%n", agents.size(), failed);
      return failed == 0 ? 0 : CHECK_FAILED;
    }

    private static String markNote(JournalAudit.Verdict v) {
      if (v instanceof JournalAudit.Sound s) {
        return s.adopted() ? ", no mark" : s.unmarked() > 0 ? ", mark #" + (s.mark().seq() - s.unmarked())
            + " (+" + s.unmarked() + " unmarked)" : ", mark #" + s.mark().seq();
      }
      return "";
    }

    private static String stripAgent(String pid) {
      return pid.startsWith("Agent|") ? pid.substring(6) : pid;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write events as JSON lines: persistenceId, sequenceNr, timestamp, type, event.")
  static final class Export extends Tool {
    @Option(names = "--out", description = "file to write (default: standard output)")
    Path outFile;

    @Override
    int run(JournalReader reader, List<String> agents, PrintWriter out) throws IOException {
      ObjectMapper json = reader.json();
      PrintWriter w = outFile == null ? out
          : new PrintWriter(Files.newBufferedWriter(outFile, StandardCharsets.UTF_8));
      try {
        for (String a : agents) {
          for (JournalReader.Entry e : reader.events("Agent|" + a)) {
            ObjectNode line = json.createObjectNode();
            line.put("persistenceId", e.persistenceId());
            line.put("sequenceNr", e.sequenceNr());
            line.put("timestamp", e.timestamp());
            line.put("type", e.event().getClass().getSimpleName());
            line.set("event", json.valueToTree(e.event()));
            w.println(json.writeValueAsString(line));
          }
        }
      } finally {
        w.flush();
        if (outFile != null) {
          w.close();
        }
      }
      return 0;
    }
  }

  @Command(name = "repair", mixinStandardHelpOptions = true,
      description = "Back up the journal and its marks, cut each damaged agent's journal back to the events that can"
          + " be proven (contiguous from #1, equal to the marks), report what was dropped, park the agent and rewrite"
          + " the marks. Resume the agent after a reconcile has compared its books with the account.")
  static final class Repair implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin JournalOptions options;

    @Override
    public Integer call() {
      var c = options.config();
      Path d = options.dataDir(c);
      String agent = options.agent;
      Path journalDir = JournalReader.journalDirOf(d);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!Files.exists(journalDir.resolve("CURRENT"))) {
        err.println("the journal at " + journalDir.toAbsolutePath() + " has no CURRENT file: repair cannot rebuild it;"
            + " restore the journal dir from a backup (README \"Damaged journal\")");
        return UNAVAILABLE;
      }
      // The engine's lock first: a backup of a journal being written is no backup.
      try (EngineLock lock = EngineLock.acquire(journalDir.toAbsolutePath().getParent())) {
        Path backup = JournalRepair.backup(journalDir, java.time.Clock.systemDefaultZone());
        out.println("backup: " + backup);
        out.flush();
        try (JournalReader reader = JournalReader.open(journalDir, c)) {
          Map<String, JournalAudit.Verdict> verdicts = reader.audit();
          String only = agent == null ? null : "Agent|" + agent;
          if (only != null && !verdicts.containsKey(only)) {
            err.println("no agent '" + agent + "' in the journal or its marks at " + d);
            return CHECK_FAILED;
          }
          List<JournalRepair.Repaired> repaired = reader.repair(verdicts, only);
          // What the marks proved lost goes to the engine: a book-back journals it as its evidence.
          List<kis.engine.journal.RepairProofs.Proof> proofs =
              kis.engine.journal.RepairProofs.of(repaired, java.time.Instant.now());
          Path proofFile = kis.engine.journal.RepairProofs.fileFor(journalDir);
          try {
            kis.engine.journal.RepairProofs.record(journalDir, proofs);
            proofs.forEach(p -> out.println("PROOF " + p.text() + "; recorded in " + proofFile.getFileName()
                + " for the book-back"));
          } catch (IOException e) {
            // The repair stands; only the book-back's evidence is poorer: say so, do not undo.
            proofs.forEach(p -> out.println("PROOF " + p.text() + "; NOT recorded (" + proofFile + ": " + e.getMessage()
                + "): the book-back will rest on the account's evidence alone"));
          }
          for (JournalRepair.Repaired r : repaired) {
            out.printf("REPAIRED %s: kept #1..#%d, dropped %d stored event(s) that could not be proven, parked at #%d%n",
                r.persistenceId(), r.kept(), r.dropped(), r.parkedAt());
            r.problems().forEach(p -> out.println("     was: " + p));
          }
          long whole = verdicts.values().stream().filter(v -> v instanceof JournalAudit.Sound).count();
          out.printf("%d journal(s) repaired, %d whole; marks rewritten. Start the engine: repaired agents come up"
              + " PARKED; resume each after a reconcile shows its books equal the account.%n", repaired.size(), whole);
          out.flush();
          return 0;
        }
      } catch (EngineLock.HeldException e) {
        err.println(e.getMessage());
        return UNAVAILABLE;
      } catch (LevelDbProbe.JournalUnavailableException e) {
        err.println(e.getMessage());
        return UNAVAILABLE;
      } catch (IOException | RuntimeException e) {
        err.println("journal repair failed: " + e.getMessage() + " (the backup is untouched)");
        return UNAVAILABLE;
      }
    }
  }
}
