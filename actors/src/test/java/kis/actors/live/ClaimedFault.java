package kis.actors.live;

import java.util.List;
import java.util.Map;
import kis.journal.event.AgentEvent;
import kis.journal.event.FillSource;
import kis.journal.event.OrderFilled;
import kis.sim.FaultControl;
import kis.sim.OrderLog;

/**
 * A fault kind the chaos proof claims the engine went through, with what shows that it met the
 * engine and how to arm it once more. A seeded schedule arms every kind, but whether an armed fault
 * meets an order depends on timing: an EGW00201 burst may be spent on an inquiry, a duplicated
 * notice sent into a silenced or reconnecting socket, a lost notice be an acceptance rather than a
 * fill. So the proof arms each kind not yet met again (only once its last arming was spent) until
 * it has met the engine.
 */
enum ClaimedFault {
  /** An order call answered 5xx although the order system applied it (the order is in doubt). */
  APPLIED_FAILED_CALL("an applied 5xx/timeout") {
    @Override
    boolean met(Evidence e) {
      return e.outcomes().getOrDefault(OrderLog.Outcome.FAULT_APPLIED, 0L) > 0;
    }

    @Override
    boolean armAgain(FaultControl f) {
      if (f.describe().get("rest-fault-count").equals(0)) {
        f.failRest(FaultControl.RestFault.HTTP_500, true, 1, "/trading/order");
        return true;
      }
      return false;
    }
  },
  /** An order call answered 5xx that never reached the order system. */
  LOST_ORDER("a lost order") {
    @Override
    boolean met(Evidence e) {
      return e.outcomes().getOrDefault(OrderLog.Outcome.FAULT_NOT_APPLIED, 0L) > 0;
    }

    @Override
    boolean armAgain(FaultControl f) {
      if (f.describe().get("rest-fault-count").equals(0)) {
        f.failRest(FaultControl.RestFault.HTTP_500, false, 1, "/trading/order");
        return true;
      }
      return false;
    }
  },
  /** An order request refused for the rate limit at KIS's gateway (then sent again). */
  RATE_LIMITED("an EGW00201") {
    @Override
    boolean met(Evidence e) {
      return e.rateLimitedOrders() > 0;
    }

    @Override
    boolean armAgain(FaultControl f) {
      if (f.describe().get("rate-limit-burst").equals(0)) {
        // On the order path only. Twenty EGW00201s in a minute put the connection in DEGRADED
        // (RATE_LIMITED), where new orders wait and fills are polled by inquiry; a burst on any
        // path was then spent on those polls, re-armed, and kept the connection DEGRADED (it leaves
        // after 10 s without a refusal), so no order came to meet it (CI, 2026-12-07).
        f.rateLimitBurst(2, "/trading/order");
        return true;
      }
      return false;
    }
  },
  /** A notice that arrived twice. */
  DUPLICATED_NOTICE("a duplicated notice") {
    @Override
    boolean met(Evidence e) {
      return e.duplicateNotices() > 0;
    }

    @Override
    boolean armAgain(FaultControl f) {
      if (f.describe().get("notice-duplicate").equals(0)) {
        f.duplicateNotices(1);
        return true;
      }
      return false;
    }
  },
  /** A fill whose notice was lost, booked from the reconciler's inquiry. */
  LOST_FILL_NOTICE("a fill whose notice was lost, booked from the inquiry") {
    @Override
    boolean met(Evidence e) {
      return e.journals().values().stream().flatMap(List::stream)
          .anyMatch(ev -> ev instanceof OrderFilled f && f.source() == FillSource.INQUIRY);
    }

    @Override
    boolean armAgain(FaultControl f) {
      if (f.describe().get("notice-loss").equals(0)) {
        f.loseNotices(1);
        return true;
      }
      return false;
    }
  };

  /** What the run shows so far: the simulator's order log, the gateway's count of duplicates, the journals. */
  record Evidence(Map<OrderLog.Outcome, Long> outcomes, long rateLimitedOrders, long duplicateNotices,
      Map<String, List<AgentEvent>> journals) {}

  private final String description;

  ClaimedFault(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }

  abstract boolean met(Evidence e);

  /**
   * Arms this fault once more, unless its last arming (or another fault on the same switch) is
   * still waiting for a request or notice; returns whether it armed.
   */
  abstract boolean armAgain(FaultControl f);
}
