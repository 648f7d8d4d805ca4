package kis.engine.journal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kis.actors.manager.JournalHealth;
import kis.journal.AgentId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code run}'s use of the {@link JournalGate}: its findings logged, printed and handed to the agent manager. */
public final class JournalStartCheck {
  private static final Logger LOG = LoggerFactory.getLogger(JournalStartCheck.class);

  private JournalStartCheck() {}

  public static JournalHealth run(Path dataDir, Path journalDir, LevelDbBackend backend, PrintWriter out)
      throws JournalGate.Refused {
    long t0 = System.nanoTime();
    JournalGate.Outcome o = JournalGate.check(dataDir, journalDir, backend, line -> LOG.warn("journal check: {}", line));
    LOG.info("journal check: every journal against its mark in {} ms, {} damaged",
        (System.nanoTime() - t0) / 1_000_000, o.damaged().size());
    Map<AgentId, String> damaged = new LinkedHashMap<>();
    o.damaged().forEach((pid, d) -> {
      String id = pid.substring("Agent|".length());
      damaged.put(new AgentId(id), String.join("; ", d.problems()));
      out.println("Journal of agent " + id + " is DAMAGED; the agent is not started (" + String.join("; ", d.problems())
          + "). See README \"Damaged journal\": journal verify, then journal repair.");
    });
    Map<AgentId, JournalHealth.TailProof> proofs;
    try {
      proofs = RepairProofs.forAgents(RepairProofs.load(journalDir, line -> LOG.warn("journal repairs: {}", line)));
    } catch (java.io.IOException e) {
      LOG.warn("journal repairs: {} unreadable, book-backs rest on the account alone: {}",
          RepairProofs.fileFor(journalDir), e.toString());
      proofs = Map.of();
    }
    proofs.forEach((id, p) -> LOG.info("journal check: {}", p.text()));
    out.flush();
    return new JournalHealth(damaged, proofs);
  }
}
