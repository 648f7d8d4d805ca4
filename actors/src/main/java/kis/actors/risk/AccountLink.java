package kis.actors.risk;

import kis.journal.risk.RiskDecision;
import kis.journal.JournalSerializable;
import kis.journal.RejectReason;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * How a strategy host takes part in the account's limits: the limits, and the account's one keeper
 * of figures ({@code HostSignals}) that it reports its {@link AgentFigures} to and asks for a
 * reservation before each placement or revise. Reports and requests go to the one {@code keeper}
 * ref, so they arrive in the order the host sent them (Pekko orders messages per sender and
 * receiver, across nodes too). Serializable: in the cluster profile it crosses from the account
 * singleton to the agent's node.
 */
public record AccountLink(AccountLimits limits, ActorRef<Message> keeper) implements JournalSerializable {

  /** What a host tells the keeper. */
  public sealed interface Message extends JournalSerializable permits Report, Reserve {}

  /** One agent's figures, reported after its events; settles its reservation, if it held one. */
  public record Report(String agentId, AgentFigures figures) implements Message {}

  /**
   * Check {@code claim} against the account's limits and, if it passes, hold it for
   * {@code agentId} until its next report or request ({@link AccountBook#reserve}); {@code mine}
   * are the agent's figures now and replace its last report.
   */
  public record Reserve(String agentId, AgentFigures mine, Claim claim, ActorRef<Verdict> replyTo)
      implements Message {}

  /** The keeper's answer: granted, or the denial's reason and detail. */
  public record Verdict(boolean granted, RejectReason reason, String detail) implements JournalSerializable {
    public static final Verdict GRANTED = new Verdict(true, null, "");

    public static Verdict of(java.util.Optional<RiskDecision> denial) {
      return denial.map(d -> d instanceof RiskDecision.Deny x ? new Verdict(false, x.reason(), x.detail()) : GRANTED)
          .orElse(GRANTED);
    }

    public RiskDecision decision() {
      return granted ? RiskDecision.ALLOW : RiskDecision.deny(reason, detail);
    }
  }
}
