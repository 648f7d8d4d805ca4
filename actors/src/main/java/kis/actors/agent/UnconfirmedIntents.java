package kis.actors.agent;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import kis.journal.risk.DayCounters;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.event.AgentEvent;
import kis.journal.event.CancelRequested;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderRequested;
import kis.journal.event.ReviseRequested;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderTransitions;

/**
 * The commands a strategy host sent its agent that no published state shows yet. The host does
 * not wait for the agent between intents: it folds these onto the last published state (as the
 * events the agent will journal for them) so the strategy and the risk guard never decide on books
 * that miss an order, a denial, a revise or a cancel of their own. Pure; touched only from the host.
 *
 * <p>An entry leaves when a published state reflects it: a placement or denial once the agent's
 * next order sequence has passed its id (the agent hands out ids in order, as
 * {@link kis.strategies.StrategyContext#nextOrderId} predicts), a revise or cancel when its
 * {@code ReviseRequested}/{@code CancelRequested} is published or the order is no longer open.
 * The agent's reply only corrects the entry (the real id, or a refusal): it may arrive before or
 * after the state that reflects it, and either order gives the same books, counted once.
 */
final class UnconfirmedIntents {

  /** A state and the day counters folded alongside it. */
  record Books(AgentState state, DayCounters today) {}

  private enum Kind { PLACE, DENY, REVISE, CANCEL, ARM, DISARM }

  private static final class Entry {
    final long key;
    final Kind kind;
    final Instant at;
    final OrderSpec spec;
    final String reason;
    final ClientOrderId orderId;
    final long newPrice;
    /** The order sequence a placement or denial takes: predicted, then as the agent answered. */
    long seq;
    /** For a placement the agent refused with a journaled {@code OrderDenied}; else null. */
    RejectReason refusal;
    String refusalDetail = "";
    /** The agent has replied: the command is no longer in its mailbox. */
    boolean answered;
    /** Protective legs armed with it (a bracket's exits, or an arming on its own); null if none. */
    List<kis.journal.ProtectiveSpec> legs;
    /** For an arming: the protective sequence its first leg takes (predicted). */
    long armSeq;
    java.time.LocalDate day;
    Instant sessionEnd;
    /** For an arming: a lone stop-limit asked to rest at KIS. */
    boolean atVenue;
    /** For a disarming: the protective order it cancels. */
    kis.journal.ProtectiveId protectiveId;

    Entry(long key, Kind kind, Instant at, OrderSpec spec, String reason, ClientOrderId orderId, long newPrice,
        long seq) {
      this.key = key;
      this.kind = kind;
      this.at = at;
      this.spec = spec;
      this.reason = reason;
      this.orderId = orderId;
      this.newPrice = newPrice;
      this.seq = seq;
    }
  }

  private final AgentId agentId;
  private final ZoneId zone;
  private final List<Entry> entries = new ArrayList<>();
  private long nextKey = 1;

  UnconfirmedIntents(AgentId agentId, ZoneId zone) {
    this.agentId = agentId;
    this.zone = zone;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  int size() {
    return entries.size();
  }

  /** Commands the agent has not replied to yet and no published state shows: queued or being written. */
  int unanswered() {
    int n = 0;
    for (Entry e : entries) {
      if (!e.answered) {
        n++;
      }
    }
    return n;
  }

  /** A {@code PlaceOrder} sent while {@code view} was the host's books; the key its answer comes back with. */
  long placed(AgentState view, OrderSpec spec, String reason, Instant at) {
    return add(new Entry(nextKey, Kind.PLACE, at, spec, reason, null, 0, view.nextOrderSeq()));
  }

  /** A {@code PlaceBracket} sent (the risk guard allowed its entry): the entry and its legs, in one write. */
  long placedBracket(AgentState view, OrderSpec entry, List<kis.journal.ProtectiveSpec> legs, String reason,
      java.time.LocalDate day, Instant sessionEnd, Instant at) {
    Entry e = new Entry(nextKey, Kind.PLACE, at, entry, reason, null, 0, view.nextOrderSeq());
    e.legs = List.copyOf(legs);
    e.day = day;
    e.sessionEnd = sessionEnd;
    return add(e);
  }

  /** An {@code ArmProtective} sent: legs armed on their own (always journaled, armed or refused). */
  long armed(AgentState view, List<kis.journal.ProtectiveSpec> legs, String reason, java.time.LocalDate day,
      Instant sessionEnd, Instant at) {
    return armed(view, legs, reason, day, sessionEnd, at, false);
  }

  /** As above; {@code atVenue}: a lone stop-limit asked to rest at KIS (its order counts as requested). */
  long armed(AgentState view, List<kis.journal.ProtectiveSpec> legs, String reason, java.time.LocalDate day,
      Instant sessionEnd, Instant at, boolean atVenue) {
    Entry e = new Entry(nextKey, Kind.ARM, at, null, reason, null, 0, 0);
    e.atVenue = atVenue;
    e.legs = List.copyOf(legs);
    e.armSeq = view.protections().nextSeq();
    e.day = day;
    e.sessionEnd = sessionEnd;
    return add(e);
  }

  /** A {@code DisarmProtective} sent: the order counts as cancelled until the agent publishes it so, or refuses. */
  long disarmed(kis.journal.ProtectiveId id, String reason, Instant at) {
    Entry e = new Entry(nextKey, Kind.DISARM, at, null, reason, null, 0, 0);
    e.protectiveId = id;
    return add(e);
  }

  /** A {@code DenyOrder} sent (the risk guard's refusal, always journaled). */
  long denied(AgentState view, OrderSpec spec, RejectReason reason, String detail, Instant at) {
    Entry e = new Entry(nextKey, Kind.DENY, at, spec, "", null, 0, view.nextOrderSeq());
    e.refusal = reason;
    e.refusalDetail = detail == null ? "" : detail;
    return add(e);
  }

  /** The order id a placement or denial of {@code key} takes (predicted, or as the agent answered); 0 if gone. */
  long orderSeq(long key) {
    return find(key).map(e -> e.seq).orElse(0L);
  }

  long revised(ClientOrderId orderId, long newPrice, Instant at) {
    return add(new Entry(nextKey, Kind.REVISE, at, null, "", orderId, newPrice, 0));
  }

  long cancelled(ClientOrderId orderId, String reason, Instant at) {
    return add(new Entry(nextKey, Kind.CANCEL, at, null, reason, orderId, 0, 0));
  }

  private long add(Entry e) {
    nextKey++;
    entries.add(e);
    return e.key;
  }

  /** A revise or cancel was acknowledged: it stays until its request is published. */
  void acknowledged(long key) {
    find(key).ifPresent(e -> e.answered = true);
  }

  /** The agent placed the order under {@code id}; {@code published} is the host's latest published state. */
  void accepted(long key, ClientOrderId id, AgentState published) {
    find(key).ifPresent(e -> {
      e.answered = true;
      if (e.kind == Kind.PLACE) {
        e.seq = seqOf(id);
      }
    });
    reflect(null, published);
  }

  /**
   * The agent refused the command ({@code reason} empty: it did not answer, so nothing was
   * journaled). A refused placement stays as a denial only if the agent journaled it.
   */
  void refused(long key, Optional<RejectReason> reason, String detail, AgentState published) {
    find(key).ifPresent(e -> {
      e.answered = true;
      boolean journaled = reason.isPresent()
          && (e.kind == Kind.DENY || e.kind == Kind.PLACE && Agent.journalsRefusedPlacement(reason.get()));
      if (!journaled) {
        entries.remove(e);
      } else if (e.kind == Kind.PLACE) {
        e.refusal = reason.get();
        e.refusalDetail = detail == null ? "" : detail;
      }
    });
    reflect(null, published);
  }

  /** The agent published {@code event} with {@code state}: entries that state reflects leave. */
  void published(AgentEvent event, AgentState state) {
    reflect(event, state);
  }

  private void reflect(AgentEvent event, AgentState state) {
    boolean eventMatched = false;
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      boolean gone = switch (e.kind) {
        case PLACE, DENY -> state.nextOrderSeq() > e.seq;
        case REVISE, CANCEL -> !state.openOrders().containsKey(e.orderId.value());
        case ARM -> state.protections().nextSeq() > e.armSeq; // its legs are journaled in one write
        // Its arming published (ids are handed out in order) and it is armed no more.
        case DISARM -> state.protections().nextSeq() > protectiveSeq(e.protectiveId)
            && state.protections().get(e.protectiveId).isEmpty();
      };
      if (!gone && !eventMatched && matches(e, event)) {
        gone = true;
        eventMatched = true; // one journaled request answers one command
      }
      if (gone) {
        it.remove();
      }
    }
  }

  private static boolean matches(Entry e, AgentEvent event) {
    return e.kind == Kind.REVISE && event instanceof ReviseRequested r && r.orderId().equals(e.orderId)
        || e.kind == Kind.CANCEL && event instanceof CancelRequested c && c.orderId().equals(e.orderId);
  }

  /** {@code published} (with its counters) with every unconfirmed command folded on, in the order sent. */
  Books onto(AgentState published, DayCounters today) {
    AgentState s = published;
    DayCounters c = today;
    for (Entry e : entries) {
      for (AgentEvent ev : provisionalEvents(e, s)) {
        c = c.apply(s, ev, zone);
        s = s.apply(ev);
      }
    }
    return new Books(s, c);
  }

  /** The events the agent will journal for {@code e}, given the books {@code s}, in order. */
  private List<AgentEvent> provisionalEvents(Entry e, AgentState s) {
    if (e.legs != null && (e.kind == Kind.ARM || e.kind == Kind.PLACE && e.refusal == null)) {
      // The agent's own arming (ProtectiveWrites), so ids, OCO groups and refusals come out the same.
      return ProtectiveWrites.arm(s, e.kind == Kind.PLACE ? e.spec : null, e.legs, e.reason, null, null, e.day,
          e.sessionEnd, zone, e.at, e.atVenue);
    }
    if (e.kind == Kind.DISARM) {
      return s.protections().get(e.protectiveId).isEmpty() ? List.of()
          : List.of(new kis.journal.event.ProtectiveCancelled(e.protectiveId,
              e.reason.isEmpty() ? "disarmed" : e.reason, e.at));
    }
    AgentEvent ev = provisional(e, s);
    return ev == null ? List.of() : List.of(ev);
  }

  /** The event the agent will journal for {@code e}, given the books {@code s}; null if it will journal none. */
  private AgentEvent provisional(Entry e, AgentState s) {
    switch (e.kind) {
      case PLACE, DENY -> {
        ClientOrderId id = ClientOrderId.of(agentId, e.seq);
        if (s.order(id).isPresent()) {
          // A predicted id already taken: the agent will use the next one; counted all the same.
          id = ClientOrderId.of(agentId, s.nextOrderSeq());
        }
        return e.refusal == null ? new OrderRequested(id, e.spec, e.reason, e.at)
            : new OrderDenied(id, e.spec, e.refusal, e.refusalDetail, e.at);
      }
      case ARM, DISARM -> {
        return null; // handled in provisionalEvents
      }
      case REVISE -> {
        Order o = s.order(e.orderId).orElse(null);
        // The agent's own checks: anything else it refuses without a journal write.
        return o != null && o.orderNo() != null && o.spec().type().carriesPrice()
            && OrderTransitions.allows(o.status(), ReviseRequested.class)
            ? new ReviseRequested(e.orderId, e.newPrice, e.at) : null;
      }
      default -> {
        Order o = s.order(e.orderId).orElse(null);
        return o != null && o.orderNo() != null && OrderTransitions.allows(o.status(), CancelRequested.class)
            ? new CancelRequested(e.orderId, e.reason, e.at) : null;
      }
    }
  }

  private Optional<Entry> find(long key) {
    return entries.stream().filter(e -> e.key == key).findFirst();
  }

  /** Everything unconfirmed is forgotten (a restarted host reads the agent's books afresh). */
  void clear() {
    entries.clear();
  }

  private static long protectiveSeq(kis.journal.ProtectiveId id) {
    String v = id.value();
    try {
      return Long.parseLong(v.substring(v.lastIndexOf("-p") + 2));
    } catch (RuntimeException e) {
      return 0; // not one of ours: any published state settles it
    }
  }

  private static long seqOf(ClientOrderId id) {
    String v = id.value();
    return Long.parseLong(v.substring(v.lastIndexOf('-') + 1));
  }
}
