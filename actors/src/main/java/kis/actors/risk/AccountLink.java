package kis.actors.risk;

import kis.journal.JournalSerializable;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * How a strategy host takes part in the account's limits: the limits, and where to report its
 * {@link AgentFigures} (the account's fact actor). Serializable: in the cluster profile it crosses
 * from the account singleton to the agent's node.
 */
public record AccountLink(AccountLimits limits, ActorRef<Report> reportTo) implements JournalSerializable {

  /** One agent's figures, reported after its events. */
  public record Report(String agentId, AgentFigures figures) implements JournalSerializable {}
}
