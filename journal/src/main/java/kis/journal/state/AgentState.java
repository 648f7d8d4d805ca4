package kis.journal.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import kis.journal.ClientOrderId;
import kis.journal.JournalSerializable;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.event.AgentEvent;
import kis.journal.event.AgentParked;
import kis.journal.event.AgentResumed;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderEvent;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.event.PositionCorrected;
import kis.journal.event.ProtectiveEvent;

/**
 * An agent's books: its orders, positions, P&L and costs, as the pure and total fold of its
 * journal ({@link #apply}). Immutable; also the snapshot format.
 *
 * <p>Only live orders and the most recent {@value #CLOSED_KEPT} closed ones are kept in memory so
 * that a long-lived agent's state (and every fold step) stays small; the journal keeps the rest.
 * KIS lists the whole day's orders, though, so the numbers of the day's orders pushed out of that
 * window are kept ({@link #ownsOrderNo}) until the next day's orders push them out in turn.
 *
 * @param openOrders live orders by client order id
 * @param closedOrders the most recent closed orders, oldest first
 * @param positions by symbol code
 * @param cashFlow won in (sells) minus won out (buys), after fees and tax
 * @param correctionCost cost basis added (or removed) by reconciliation corrections
 * @param anomalies the most recent events the fold could not apply as is
 * @param appliedCorrections ids of reconciliation corrections already applied
 * @param prunedOrderNos KIS numbers (current and pre-revise) of the latest trading day's orders
 *     that have left {@code closedOrders}
 * @param protections the armed protective orders the engine emulates (stops, take-profits,
 *     trailing stops, bracket exits)
 */
public record AgentState(
    String agentId,
    long eventCount,
    long nextOrderSeq,
    Map<String, Order> openOrders,
    List<Order> closedOrders,
    Map<String, Position> positions,
    long fees,
    long taxes,
    long cashFlow,
    long correctionCost,
    boolean parked,
    String parkReason,
    List<Anomaly> anomalies,
    long anomalyCount,
    Set<String> appliedCorrections,
    PrunedOrderNos prunedOrderNos,
    Protections protections)
    implements JournalSerializable {

  public static final int CLOSED_KEPT = 200;
  public static final int ANOMALIES_KEPT = 50;
  private static final ZoneId KRX_ZONE = ZoneId.of("Asia/Seoul");

  public AgentState {
    if (prunedOrderNos == null) {
      prunedOrderNos = PrunedOrderNos.NONE; // a snapshot taken before these numbers were kept
    }
    if (protections == null) {
      protections = Protections.NONE; // a snapshot taken before protective orders existed
    }
  }

  /** The books without protective orders (as every state was before they existed). */
  public AgentState(String agentId, long eventCount, long nextOrderSeq, Map<String, Order> openOrders,
      List<Order> closedOrders, Map<String, Position> positions, long fees, long taxes, long cashFlow,
      long correctionCost, boolean parked, String parkReason, List<Anomaly> anomalies, long anomalyCount,
      Set<String> appliedCorrections, PrunedOrderNos prunedOrderNos) {
    this(agentId, eventCount, nextOrderSeq, openOrders, closedOrders, positions, fees, taxes, cashFlow, correctionCost,
        parked, parkReason, anomalies, anomalyCount, appliedCorrections, prunedOrderNos, Protections.NONE);
  }

  public static AgentState empty(String agentId) {
    return new AgentState(agentId, 0, 1, SortedArrayMap.empty(), List.of(), SortedArrayMap.empty(), 0, 0, 0, 0, false,
        null, List.of(), 0, Set.of(), PrunedOrderNos.NONE, Protections.NONE);
  }

  /** The next state. Never throws for any event in any state. */
  public AgentState apply(AgentEvent event) {
    if (event instanceof OrderDenied d) {
      return denied(d);
    }
    Mut m = new Mut(this);
    m.eventCount++;
    if (event instanceof OrderRequested r) {
      m.request(r);
    } else if (event instanceof OrderEvent oe) {
      m.orderEvent(oe);
    } else if (event instanceof PositionCorrected c) {
      m.correct(c);
    } else if (event instanceof AgentParked p) {
      m.parked = true;
      m.parkReason = p.reason();
    } else if (event instanceof AgentResumed) {
      m.parked = false;
      m.parkReason = null;
    } else if (event instanceof ProtectiveEvent pe) {
      Protections.Step step = Protections.next(m.protections, pe);
      if (step.anomaly() != null) {
        m.anomaly(pe.protectiveId().value(), step.anomaly());
      }
      m.protections = step.next();
    }
    return m.build();
  }

  /**
   * A denial's step, without the builder: a denial touches only the count, the next sequence number
   * and the closed window, and a long backtest's commonest event is a cash denial.
   */
  private AgentState denied(OrderDenied d) {
    List<Order> closed = closedOrders;
    PrunedOrderNos pruned = prunedOrderNos;
    if (!(d.repeats() > 0 && order(d.orderId()).map(o -> o.status() == OrderStatus.DENIED).orElse(false))) {
      // (A run's record under the id of the denial that opened its window is that denial's count.)
      Order o = Order.denied(d.orderId(), d.spec(), d.reason() + " " + d.detail(), d.recordedAt());
      pruned = prunedBeforeClosing(closed, pruned);
      closed = ClosedWindow.append(closed, o, CLOSED_KEPT);
    }
    return new AgentState(agentId, eventCount + 1, Math.max(nextOrderSeq, seqOf(d.orderId()) + 1), openOrders,
        closed, positions, fees, taxes, cashFlow, correctionCost, parked, parkReason, anomalies, anomalyCount,
        appliedCorrections, pruned, protections);
  }

  /** {@code pruned} with the numbers of the orders that leave the closed window when one more closes. */
  private static PrunedOrderNos prunedBeforeClosing(List<Order> closed, PrunedOrderNos pruned) {
    int from = Math.max(0, closed.size() + 1 - CLOSED_KEPT);
    for (int i = 0; i < from; i++) {
      pruned = pruned(pruned, closed.get(i));
    }
    return pruned;
  }

  /** Keeps the numbers KIS knows an order leaving the closed window by. */
  private static PrunedOrderNos pruned(PrunedOrderNos pruned, Order o) {
    List<OrderNo> numbers = o.previousOrderNos();
    if (o.orderNo() != null && !numbers.contains(o.orderNo())) {
      numbers = new ArrayList<>(numbers);
      numbers.add(o.orderNo());
    }
    if (numbers.isEmpty()) {
      return pruned; // never reached KIS (denied, failed): nothing to keep, and no day to work out
    }
    return pruned.add(krxDay(o.requestedAt()), numbers);
  }

  public static AgentState fold(String agentId, Iterable<? extends AgentEvent> events) {
    AgentState s = empty(agentId);
    for (AgentEvent e : events) {
      s = s.apply(e);
    }
    return s;
  }

  public Optional<Order> order(ClientOrderId id) {
    Order o = openOrders.get(id.value());
    if (o != null) {
      return Optional.of(o);
    }
    for (int i = closedOrders.size() - 1; i >= 0; i--) {
      if (closedOrders.get(i).id().equals(id)) {
        return Optional.of(closedOrders.get(i));
      }
    }
    return Optional.empty();
  }

  /** The order KIS knows by {@code no}, current or pre-revise number, open or recently closed. */
  public Optional<Order> orderByNo(OrderNo no) {
    for (Order o : openOrders.values()) {
      if (o.knownAs(no)) {
        return Optional.of(o);
      }
    }
    for (int i = closedOrders.size() - 1; i >= 0; i--) {
      if (closedOrders.get(i).knownAs(no)) {
        return Optional.of(closedOrders.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code no} is the number of one of this agent's orders of {@code tradingDay}: a live or
   * recently closed order, or one of that day's orders that has left the closed window. KIS order
   * numbers are only unique within a day, so numbers of another day's pruned orders do not count.
   */
  public boolean ownsOrderNo(OrderNo no, LocalDate tradingDay) {
    if (orderByNo(no).isPresent()) {
      return true;
    }
    return prunedOrderNos.contains(no, tradingDay);
  }

  public Position position(Symbol symbol) {
    Position p = positions.get(symbol.code());
    return p == null ? Position.flat(symbol) : p;
  }

  public long realizedPnl() {
    return positions.values().stream().mapToLong(Position::realizedPnl).sum();
  }

  /** Realized P&L after fees and tax. */
  public long netRealizedPnl() {
    return realizedPnl() - fees - taxes;
  }

  public List<Order> ordersIn(OrderStatus status) {
    return openOrders.values().stream().filter(o -> o.status() == status).toList();
  }

  /**
   * The conservation laws every reachable state obeys; empty when all hold. Replays, snapshots and
   * tests check these.
   */
  public List<String> invariantViolations() {
    List<String> v = new ArrayList<>();
    for (Order o : openOrders.values()) {
      checkOrder(o, v);
      if (o.status().isTerminal()) {
        v.add(o.id() + " is " + o.status() + " but listed open");
      }
    }
    for (Order o : closedOrders) {
      checkOrder(o, v);
      if (!o.status().isTerminal()) {
        v.add(o.id() + " is " + o.status() + " but listed closed");
      }
    }
    long cost = positions.values().stream().mapToLong(Position::costBasis).sum();
    long grossCash = cashFlow + fees + taxes;
    // Buying moves won from cash into cost; selling moves cost out and realizes the difference.
    if (cost - realizedPnl() + grossCash - correctionCost != 0) {
      v.add("cost basis " + cost + ", realized " + realizedPnl() + " and cash " + grossCash
          + " do not balance (corrections " + correctionCost + ")");
    }
    for (Position p : positions.values()) {
      if (p.quantity() == 0 && p.costBasis() != 0) {
        v.add(p.symbol() + " is flat with cost basis " + p.costBasis());
      }
    }
    return v;
  }

  private static void checkOrder(Order o, List<String> v) {
    if (o.filledQuantity() < 0 || o.filledQuantity() > o.quantity()) {
      v.add(o.id() + " filled " + o.filledQuantity() + " of " + o.quantity());
    }
    if (o.cancelledQuantity() < 0 || o.filledQuantity() + o.cancelledQuantity() > o.quantity()) {
      v.add(o.id() + " filled " + o.filledQuantity() + " + cancelled " + o.cancelledQuantity() + " > " + o.quantity());
    }
    if (o.inferredUnmatched() > o.filledQuantity()) {
      v.add(o.id() + " has more inferred than filled shares");
    }
    if (o.status() == OrderStatus.FILLED && o.filledQuantity() != o.quantity()) {
      v.add(o.id() + " FILLED with " + o.filledQuantity() + " of " + o.quantity());
    }
  }

  /** SHA-256 over a canonical rendering: equal books give equal hashes across JVMs and replays. */
  public String stateHash() {
    StringBuilder sb = new StringBuilder(512);
    sb.append(agentId).append('|').append(eventCount).append('|').append(nextOrderSeq).append('|')
        .append(fees).append('|').append(taxes).append('|').append(cashFlow).append('|')
        .append(correctionCost).append('|').append(parked).append('|').append(parkReason).append('|')
        .append(anomalyCount).append('|').append(prunedOrderNos).append('\n');
    new TreeMap<>(openOrders).values().forEach(o -> canonical(o, sb));
    closedOrders.forEach(o -> canonical(o, sb));
    new TreeMap<>(positions).values().forEach(p -> sb.append(p).append('\n'));
    sb.append(new TreeSet<>(appliedCorrections));
    if (!protections.equals(Protections.NONE)) {
      // Only books that ever armed a protective order render them: every earlier state keeps its hash.
      sb.append('\n').append(protections.canonical());
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  private static void canonical(Order o, StringBuilder sb) {
    sb.append(o.id()).append(',');
    spec(o.spec(), sb);
    sb.append(',').append(o.price()).append(',')
        .append(o.status()).append(',').append(o.orderNo()).append(',').append(o.branchNo()).append(',')
        .append(o.previousOrderNos()).append(',').append(o.filledQuantity()).append(',')
        .append(o.filledValue()).append(',').append(o.cancelledQuantity()).append(',')
        .append(o.inferredUnmatched()).append(',').append(new TreeSet<>(o.seenExecKeys())).append(',')
        .append(o.pendingPrice()).append(',').append(o.lastMessage()).append(',')
        .append(o.requestedAt()).append(',').append(o.updatedAt()).append('\n');
  }

  /**
   * The spec as the record rendered itself before it had a venue, with the venue appended only when
   * it is not KRX: so every state today's journals can produce keeps its hash, and a change to
   * {@code OrderSpec.toString} can never change one.
   */
  private static void spec(OrderSpec s, StringBuilder sb) {
    sb.append("OrderSpec[symbol=").append(s.symbol()).append(", side=").append(s.side()).append(", type=")
        .append(s.type()).append(", quantity=").append(s.quantity()).append(", price=").append(s.price());
    if (s.venue() != Venue.KRX) {
      sb.append(", venue=").append(s.venue());
    }
    if (s.stopPrice() != 0) {
      sb.append(", stop=").append(s.stopPrice());
    }
    sb.append(']');
  }

  /**
   * The Seoul date of {@code t}: {@code LocalDate.ofInstant(t, Asia/Seoul)}, without the zone
   * rules' search for the instants past the zone's last offset change (the fold asks once per
   * order leaving the closed window).
   */
  static LocalDate krxDay(Instant t) {
    if (KRX_FIXED_FROM != null && !t.isBefore(KRX_FIXED_FROM)) {
      return LocalDate.ofEpochDay(Math.floorDiv(t.getEpochSecond() + KRX_FIXED_OFFSET, 86_400L));
    }
    return LocalDate.ofInstant(t, KRX_ZONE);
  }

  /** From this instant on the zone's offset never changes again (null if its rules still change it). */
  private static final Instant KRX_FIXED_FROM;
  private static final long KRX_FIXED_OFFSET;

  static {
    java.time.zone.ZoneRules rules = KRX_ZONE.getRules();
    List<java.time.zone.ZoneOffsetTransition> changes = rules.getTransitions();
    if (rules.getTransitionRules().isEmpty() && !changes.isEmpty()) {
      KRX_FIXED_FROM = changes.get(changes.size() - 1).getInstant();
      KRX_FIXED_OFFSET = rules.getOffset(KRX_FIXED_FROM).getTotalSeconds();
    } else {
      KRX_FIXED_FROM = null;
      KRX_FIXED_OFFSET = 0;
    }
  }

  private static long seqOf(ClientOrderId id) {
    String v = id.value();
    long fast = ClientOrderId.trailingSequence(v); // every id the engine makes: no substring, no parse
    if (fast >= 0) {
      return fast;
    }
    int dash = v.lastIndexOf('-');
    try {
      return dash < 0 ? 0 : Long.parseLong(v.substring(dash + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Builder for one fold step; confined to {@link #apply}, so the state itself stays immutable. */
  private static final class Mut {
    final AgentState s;
    long eventCount;
    long nextOrderSeq;
    Map<String, Order> open;
    List<Order> closed;
    Map<String, Position> positions;
    long fees;
    long taxes;
    long cashFlow;
    long correctionCost;
    boolean parked;
    String parkReason;
    List<Anomaly> anomalies;
    long anomalyCount;
    Set<String> corrections;
    PrunedOrderNos pruned;
    Protections protections;

    Mut(AgentState s) {
      this.s = s;
      eventCount = s.eventCount;
      nextOrderSeq = s.nextOrderSeq;
      open = s.openOrders;
      closed = s.closedOrders;
      positions = s.positions;
      fees = s.fees;
      taxes = s.taxes;
      cashFlow = s.cashFlow;
      correctionCost = s.correctionCost;
      parked = s.parked;
      parkReason = s.parkReason;
      anomalies = s.anomalies;
      anomalyCount = s.anomalyCount;
      corrections = s.appliedCorrections;
      pruned = s.prunedOrderNos;
      protections = s.protections;
    }

    void request(OrderRequested r) {
      long seq = seqOf(r.orderId());
      // Every id in the books has a sequence number below nextOrderSeq (requests and denials raise
      // it), so a new id at or past it cannot be a repeat: the scan of up to CLOSED_KEPT closed
      // orders is skipped on the fold's hot path and only an id from the past is looked up.
      boolean mayRepeat = seq < nextOrderSeq;
      nextOrderSeq = Math.max(nextOrderSeq, seq + 1);
      if (mayRepeat && s.order(r.orderId()).isPresent()) {
        anomaly(r.orderId().value(), "order id requested twice");
        return;
      }
      putOpen(Order.requested(r.orderId(), r.spec(), r.recordedAt()));
    }

    void orderEvent(OrderEvent e) {
      String id = e.orderId().value();
      Order current = open.get(id);
      boolean wasOpen = current != null;
      if (current == null) {
        current = s.order(e.orderId()).orElse(null);
      }
      if (current == null) {
        if (e instanceof OrderFilled f) {
          // Money moved even if we lost track of the order: book it, and say so.
          anomaly(id, "fill for an order this agent does not know; position updated");
          book(f, f.quantity(), f.price());
        } else if (!(e instanceof ModifyRejected m && OrderTransitions.countOnly(null, m))) {
          anomaly(id, e.getClass().getSimpleName() + " for an unknown order");
        }
        return;
      }
      OrderTransitions.Step step = OrderTransitions.next(current, e);
      if (step.anomaly() != null) {
        anomaly(id, step.anomaly());
      }
      if (step.filledQuantity() > 0 && e instanceof OrderFilled f) {
        book(f, step.filledQuantity(), step.fillPrice());
        protections = protections.entryFilled(f.orderId(), step.filledQuantity(), f.recordedAt());
      }
      Order next = step.order();
      if (next == current) {
        return;
      }
      if (next.status().isTerminal()) {
        if (wasOpen) {
          removeOpen(id);
          close(next);
        } else {
          replaceClosed(next);
        }
      } else if (wasOpen) {
        putOpen(next);
      } else {
        // A closed order came back to life (e.g. a fill on a FAILED order): it is live after all.
        List<Order> c = new ArrayList<>(closed);
        c.removeIf(o -> o.id().equals(next.id()));
        closed = Collections.unmodifiableList(c);
        putOpen(next);
      }
    }

    void book(OrderFilled f, long qty, long price) {
      long fee = f.quantity() == 0 ? 0 : f.fee() * qty / f.quantity();
      long tax = f.quantity() == 0 ? 0 : f.tax() * qty / f.quantity();
      fees += fee;
      taxes += tax;
      long value = qty * price;
      cashFlow += (f.side().sign() > 0 ? -value : value) - fee - tax;
      Position p = positions.get(f.symbol().code());
      if (p == null) {
        p = Position.flat(f.symbol());
      }
      putPosition(p.trade(f.side().sign() * qty, price));
    }

    void correct(PositionCorrected c) {
      if (corrections.contains(c.correctionId())) {
        return; // the same reconciliation finding, seen again after a restart
      }
      Position p = positions.getOrDefault(c.symbol().code(), Position.flat(c.symbol()));
      Position q = p.correctedTo(c.newQuantity(), c.newAveragePrice());
      correctionCost += q.costBasis() - p.costBasis();
      putPosition(q);
      Set<String> n = new TreeSet<>(corrections);
      n.add(c.correctionId());
      corrections = Collections.unmodifiableSet(n);
    }

    void putOpen(Order o) {
      open = SortedArrayMap.of(open).with(o.id().value(), o);
    }

    void removeOpen(String id) {
      open = SortedArrayMap.of(open).without(id);
    }

    void close(Order o) {
      pruned = prunedBeforeClosing(closed, pruned);
      closed = ClosedWindow.append(closed, o, CLOSED_KEPT); // shares the window's array: no copy per close
    }

    void replaceClosed(Order o) {
      List<Order> c = new ArrayList<>(closed);
      c.replaceAll(x -> x.id().equals(o.id()) ? o : x);
      closed = Collections.unmodifiableList(c);
    }

    void putPosition(Position p) {
      positions = SortedArrayMap.of(positions).with(p.symbol().code(), p);
    }

    void anomaly(String orderId, String what) {
      anomalyCount++;
      List<Anomaly> a = new ArrayList<>(anomalies.subList(Math.max(0, anomalies.size() + 1 - ANOMALIES_KEPT),
          anomalies.size()));
      a.add(new Anomaly(eventCount, orderId, what));
      anomalies = Collections.unmodifiableList(a);
    }

    AgentState build() {
      return new AgentState(s.agentId, eventCount, nextOrderSeq, open, closed, positions, fees, taxes, cashFlow,
          correctionCost, parked, parkReason, anomalies, anomalyCount, corrections, pruned, protections);
    }
  }
}
