package kis.engine;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import kis.cluster.ClusterProfile;
import kis.cluster.migrate.JournalMigration;
import kis.engine.journal.EngineConfig;
import kis.engine.journal.LevelDbBackend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kis-trader journal migrate}: copy agents' events from an engine's LevelDB journal to the
 * cluster profile's PostgreSQL journal ({@code KIS_TRADER_DB_URL}, ...) and verify that both fold
 * to the same books. The account's kill switch goes first: latched on the single-node engine, it is
 * latched in the cluster ({@code KillSwitch|<account name>}) before any agent is copied, so
 * migrating never re-arms trading; then the agents' fresh starts (journal generations), so each
 * agent runs on its current journal in the cluster. Neither engine may be running on them. Exit
 * codes: 0 everything verified, 1 a verification failed (the target held other events, or a
 * generation is ahead in the cluster), 2 a journal cannot be opened.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Copy agent journals from LevelDB to PostgreSQL (cluster profile) and verify both fold to the same"
        + " state.")
final class JournalMigrateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--dir", description = "data dir (holding journal/) or LevelDB journal dir; default: the configured"
      + " data dir")
  Path dir;

  @Option(names = "--agent", description = "only these agent ids (repeatable); default: every agent in the journal")
  List<String> agents;

  @Option(names = "--config", description = "extra HOCON file over the cluster profile (database settings)")
  Path config;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Config c = LevelDbBackend.configure(ClusterProfile.load(Optional.ofNullable(config), Optional.empty(), System.getenv()));
    Path d = dir != null ? dir : EngineConfig.dataDir(c);
    Path journal = Files.isDirectory(d.resolve("journal")) ? d.resolve("journal") : d;
    if (!Files.isDirectory(journal)) {
      err.println("no LevelDB journal at " + journal);
      err.flush();
      return JournalCommand.UNAVAILABLE;
    }
    // The data dir holds the journal (and the fresh starts' generations file) unless --dir named the journal itself.
    Path dataDir = journal.equals(d) ? journal.toAbsolutePath().getParent() : d;
    try (JournalMigration m = JournalMigration.open(c, journal)) {
      int otherFailed = 0;
      JournalMigration.KillSwitchResult k = m.migrateKillSwitch();
      otherFailed += k.ok() ? 0 : 1;
      out.printf("%s kill switch %s -> %s: %s%s%n", k.ok() ? "OK  " : "FAIL", k.source(), k.target(), k.detail(),
          k.written() > 0 ? " (" + k.written() + " event(s) written)" : "");
      for (JournalMigration.GenerationResult g : m.migrateGenerations(
          dataDir == null ? null : dataDir.resolve("agent-generations.properties"))) {
        otherFailed += g.ok() ? 0 : 1;
        out.printf("%s %s: fresh starts: %s%n", g.ok() ? "OK  " : "FAIL", g.agentId(), g.detail());
      }
      List<String> ids = agents != null && !agents.isEmpty() ? agents : m.sourceAgents();
      int failed = 0;
      for (String id : ids) {
        JournalMigration.Result r = m.migrate(id);
        if (r.ok()) {
          out.printf("OK   %s: %d events, %d copied (%s), state hash %s%n", id, r.sourceEvents(), r.copied(),
              r.detail(), r.targetHash());
        } else {
          failed++;
          out.printf("FAIL %s: %s (LevelDB hash %s, PostgreSQL hash %s)%n", id, r.detail(), r.sourceHash(),
              r.targetHash());
        }
      }
      out.printf("%d agent(s) migrated, %d failed%n", ids.size(), failed);
      out.flush();
      return failed + otherFailed == 0 ? 0 : JournalCommand.CHECK_FAILED;
    } catch (Exception e) {
      err.println("journal migrate failed: " + e.getMessage());
      err.flush();
      return JournalCommand.UNAVAILABLE;
    }
  }
}
