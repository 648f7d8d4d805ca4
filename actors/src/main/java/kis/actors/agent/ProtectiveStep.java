package kis.actors.agent;

import java.util.ArrayList;
import java.util.List;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveId;
import kis.journal.RejectReason;
import kis.journal.protect.TriggerEmulator;
import kis.journal.risk.RiskDecision;

/**
 * One {@link TriggerEmulator.Step} as the strategy host sends it to its agent: a flat record, so the
 * command serializes like every other agent command (the emulator's steps are a sealed family).
 *
 * @param kind what happened
 * @param trigger a trail's new trigger
 * @param best a trail's best print
 * @param price the print a fired order fired on
 * @param child a fired order's child
 * @param denied the pre-trade check's refusal of the child, or null when it may go out
 * @param detail the refusal's detail, or a cancel's reason
 */
public record ProtectiveStep(ProtectiveId id, Kind kind, long trigger, long best, long price, OrderSpec child,
    RejectReason denied, String detail) {

  public enum Kind {
    TRAILED,
    FIRED,
    CANCELLED
  }

  static List<ProtectiveStep> of(List<TriggerEmulator.Step> steps) {
    List<ProtectiveStep> out = new ArrayList<>(steps.size());
    for (TriggerEmulator.Step s : steps) {
      if (s instanceof TriggerEmulator.Trailed t) {
        out.add(new ProtectiveStep(t.id(), Kind.TRAILED, t.trigger(), t.best(), 0, null, null, null));
      } else if (s instanceof TriggerEmulator.Fired f) {
        RiskDecision.Deny d = f.decision() instanceof RiskDecision.Deny x ? x : null;
        out.add(new ProtectiveStep(f.id(), Kind.FIRED, 0, 0, f.price(), f.child(), d == null ? null : d.reason(),
            d == null ? null : d.detail()));
      } else {
        TriggerEmulator.Cancelled c = (TriggerEmulator.Cancelled) s;
        out.add(new ProtectiveStep(c.id(), Kind.CANCELLED, 0, 0, 0, null, null, c.reason()));
      }
    }
    return out;
  }

  TriggerEmulator.Step toStep() {
    switch (kind) {
      case TRAILED:
        return new TriggerEmulator.Trailed(id, trigger, best);
      case FIRED:
        return new TriggerEmulator.Fired(id, price, child,
            denied == null ? RiskDecision.ALLOW : RiskDecision.deny(denied, detail));
      default:
        return new TriggerEmulator.Cancelled(id, detail);
    }
  }
}
