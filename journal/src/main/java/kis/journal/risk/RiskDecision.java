package kis.journal.risk;

import kis.journal.RejectReason;

/** The risk guard's answer: allow, or deny with a code (journaled as {@code OrderDenied}) and a human detail. */
public sealed interface RiskDecision permits RiskDecision.Allow, RiskDecision.Deny {

  boolean allowed();

  /** The order may go out. */
  record Allow() implements RiskDecision {
    @Override
    public boolean allowed() {
      return true;
    }
  }

  /** The order must not go out. */
  record Deny(RejectReason reason, String detail) implements RiskDecision {
    @Override
    public boolean allowed() {
      return false;
    }
  }

  RiskDecision ALLOW = new Allow();

  static RiskDecision deny(RejectReason reason, String detail) {
    return new Deny(reason, detail);
  }
}
