package kis.actors.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;

/**
 * Routes execution notices ({@code H0STCNI0}/{@code H0STCNI9}) by KIS order number to the agent
 * that owns the order. The order number is known only once KIS's reply to the order lands, and
 * a notice can beat the reply: a notice for an unknown number is therefore held while any send
 * is still awaiting its reply, and released when the reply {@link #register registers} the
 * number. A held notice goes to the reconciler when its hold times out, when the hold is full
 * (oldest first), or as soon as no send is awaiting a reply (nothing can claim it any more). A
 * notice for an unknown number with no send in flight goes to the reconciler at once. A notice
 * whose key was seen before is a duplicate and changes nothing.
 *
 * <p>A notice handed to the reconciler is also kept (the most recent {@code maxHeld}) until its
 * number is registered, and then goes to the owner too. The reconciler books an order's shares
 * from the account's cumulative total as inferred fills, which a later notice for the order
 * matches rather than adds to (the fold's rule: that notice may be the late one of the same
 * shares). The notice the reconciler was handed is the one that matches them; were it withheld,
 * the next notice of the order, a different execution, would be matched instead and its shares
 * missed until the next run.
 *
 * <p>Deterministic and free of I/O: time is passed in. Not thread-safe: one gateway actor owns it.
 *
 * @param <N> the parsed notice (kis-connector's type); the router only carries it
 */
public final class NoticeRouter<N> {
  private final int maxHeld;
  private final Duration holdTimeout;
  private final int dedupCapacity;

  private final Map<OrderNo, AgentId> owners = new HashMap<>();
  private final Set<ClientOrderId> awaitingReply = new HashSet<>();
  private final Deque<HeldNotice<N>> held = new ArrayDeque<>();
  /** Notices handed to the reconciler, for the owner once a registration names their number. */
  private final Deque<HeldNotice<N>> unowned = new ArrayDeque<>();
  private final LinkedHashSet<String> seen = new LinkedHashSet<>();

  private record HeldNotice<N>(OrderNo orderNo, N notice, Instant since) {}

  /**
   * @param maxHeld the most notices held at once
   * @param holdTimeout how long a notice waits for its reply before the reconciler gets it
   * @param dedupCapacity how many notice keys are remembered for duplicate detection (oldest forgotten first)
   */
  public NoticeRouter(int maxHeld, Duration holdTimeout, int dedupCapacity) {
    if (maxHeld < 1 || dedupCapacity < 1 || holdTimeout.isNegative() || holdTimeout.isZero()) {
      throw new IllegalArgumentException("maxHeld, dedupCapacity and holdTimeout must be positive");
    }
    this.maxHeld = maxHeld;
    this.holdTimeout = holdTimeout;
    this.dedupCapacity = dedupCapacity;
  }

  /** An order (or revise, or cancel) is about to be sent; its reply will name a number. */
  public void sendStarted(ClientOrderId order) {
    awaitingReply.add(order);
  }

  /**
   * The send of {@code order} is over: replied (after {@link #register}), rejected, or in doubt.
   * When no send is left awaiting a reply, every held notice goes to the reconciler.
   */
  public List<Routing<N>> sendSettled(ClientOrderId order) {
    awaitingReply.remove(order);
    if (!awaitingReply.isEmpty()) {
      return List.of();
    }
    List<Routing<N>> out = new ArrayList<>();
    while (!held.isEmpty()) {
      out.add(toReconciler(held.removeFirst(), "no send awaits a reply that could own it"));
    }
    return out;
  }

  /**
   * KIS's reply names {@code no} as {@code owner}'s order. Returns the notices held for it, in
   * arrival order. The first registration of a number wins; a conflicting one is ignored.
   */
  public List<Routing<N>> register(OrderNo no, AgentId owner) {
    owners.putIfAbsent(no, owner);
    AgentId actual = owners.get(no);
    List<Routing<N>> out = new ArrayList<>();
    release(unowned, no, actual, out);
    release(held, no, actual, out);
    return out;
  }

  private static <N> void release(Deque<HeldNotice<N>> from, OrderNo no, AgentId owner, List<Routing<N>> out) {
    for (Iterator<HeldNotice<N>> it = from.iterator(); it.hasNext(); ) {
      HeldNotice<N> h = it.next();
      if (h.orderNo().equals(no)) {
        it.remove();
        out.add(new Routing.ToAgent<>(owner, h.notice()));
      }
    }
  }

  /** The agent that owns {@code no}, if registered. */
  public Optional<AgentId> owner(OrderNo no) {
    return Optional.ofNullable(owners.get(no));
  }

  /**
   * Route one notice.
   *
   * @param noticeKey identifies the report (for example order number, fill time, quantity and
   *     cumulative quantity), so the same report arriving twice is recognised
   * @return the routing of this notice, preceded by any older held notice it pushed out of a full hold
   */
  public List<Routing<N>> onNotice(OrderNo no, String noticeKey, N notice, Instant now) {
    return onNotice(no, Optional.empty(), noticeKey, notice, now);
  }

  /**
   * Route one notice that may name an original order ({@code OODER_NO}, set on revise and cancel
   * notices): if the original's owner is known, the notice goes there at once and its own number
   * is registered to the same owner.
   */
  public List<Routing<N>> onNotice(OrderNo no, Optional<OrderNo> original, String noticeKey, N notice,
      Instant now) {
    if (seen.contains(noticeKey)) {
      return List.of(new Routing.Duplicate<>());
    }
    remember(noticeKey);
    AgentId owner = owners.get(no);
    if (owner == null && original.isPresent()) {
      owner = owners.get(original.get());
      if (owner != null) {
        owners.put(no, owner);
      }
    }
    if (owner != null) {
      return List.of(new Routing.ToAgent<>(owner, notice));
    }
    if (awaitingReply.isEmpty()) {
      return List.of(toReconciler(new HeldNotice<>(no, notice, now), "no agent owns it"));
    }
    List<Routing<N>> out = new ArrayList<>();
    if (held.size() >= maxHeld) {
      out.add(toReconciler(held.removeFirst(), "hold full"));
    }
    held.addLast(new HeldNotice<>(no, notice, now));
    out.add(new Routing.Held<>());
    return out;
  }

  /** Notices held longer than the timeout, handed to the reconciler. */
  public List<Routing<N>> expire(Instant now) {
    List<Routing<N>> out = new ArrayList<>();
    while (!held.isEmpty() && !now.isBefore(held.peekFirst().since().plus(holdTimeout))) {
      out.add(toReconciler(held.removeFirst(), "no reply registered it within " + holdTimeout.toMillis() + " ms"));
    }
    return out;
  }

  /** When the oldest held notice times out, for the owner's timer. */
  public Optional<Instant> nextExpiry() {
    return held.isEmpty() ? Optional.empty() : Optional.of(held.peekFirst().since().plus(holdTimeout));
  }

  public int heldCount() {
    return held.size();
  }

  /** Notices handed to the reconciler and kept for an owner a later registration may name. */
  public int unownedCount() {
    return unowned.size();
  }

  /** Day roll: KIS order numbers restart each day, so ownership and seen keys are dropped. */
  public List<Routing<N>> dayRoll() {
    List<Routing<N>> out = new ArrayList<>();
    while (!held.isEmpty()) {
      out.add(toReconciler(held.removeFirst(), "day roll"));
    }
    owners.clear();
    unowned.clear();
    seen.clear();
    awaitingReply.clear();
    return out;
  }

  private Routing<N> toReconciler(HeldNotice<N> h, String why) {
    if (unowned.size() >= maxHeld) {
      unowned.removeFirst();
    }
    unowned.addLast(h);
    return new Routing.ToReconciler<>(h.notice(), why + " (order " + h.orderNo() + ")");
  }

  private void remember(String key) {
    seen.add(key);
    if (seen.size() > dedupCapacity) {
      Iterator<String> it = seen.iterator();
      it.next();
      it.remove();
    }
  }
}
