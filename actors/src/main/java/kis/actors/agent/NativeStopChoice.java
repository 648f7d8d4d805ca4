package kis.actors.agent;

import java.util.List;
import java.util.Optional;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveSpec;
import kis.journal.calendar.OrderCapabilities;
import kis.journal.protect.NativeStops;
import kis.journal.risk.RiskContext;
import kis.journal.risk.RiskDecision;
import kis.journal.risk.RiskGuard;
import kis.journal.risk.SymbolFacts;

/**
 * The strategy host's choice, for an agent with {@code protective.stop-limit = native}, between
 * resting a stop-limit at KIS ({@code ORD_DVSN 22}) and emulating it: native only where KIS can
 * hold it now ({@link NativeStops#whyEmulated}: a lone day stop-limit, its venue taking
 * stop-limits in the current phase, the trigger not reached by the last print) and where the
 * limit order it becomes would pass the risk guard now (it is a real order at KIS from this
 * moment, while an emulated child is checked when it fires). Otherwise it is emulated, never
 * denied: a user who asked for a stop wants it guarded either way; the reason is logged and kept
 * in the arming's reason. Pure.
 */
final class NativeStopChoice {
  private NativeStopChoice() {}

  /** Why {@code legs} (armed without an entry) are emulated rather than rested at KIS, or empty for native. */
  static Optional<String> whyEmulated(List<ProtectiveSpec> legs, RiskContext risk, RiskGuard guard) {
    ProtectiveSpec leg = legs.isEmpty() ? null : legs.get(0);
    if (leg == null) {
      return Optional.of("nothing to arm");
    }
    long last = risk.market().get(leg.symbol()).map(SymbolFacts::lastPrice).orElse(0L);
    Optional<String> why = NativeStops.whyEmulated(null, legs, OrderCapabilities.venueTakes(leg.venue(), risk.phase()),
        last);
    if (why.isPresent()) {
      return why;
    }
    OrderSpec becomes = leg.child(leg.quantity(), leg.triggerPrice());
    RiskDecision d = guard.checkOrder(becomes, risk);
    if (d instanceof RiskDecision.Deny deny) {
      return Optional.of("its order would be denied now (" + deny.reason() + " " + deny.detail()
          + "); the emulator checks the order when the stop fires");
    }
    return Optional.empty();
  }
}
