package kis.journal.state;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import kis.journal.ClientOrderId;
import kis.journal.JournalSerializable;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;

/**
 * One order as the journal knows it. Immutable; {@link OrderTransitions} makes the next version.
 *
 * @param price the price it works at now (a revise changes it; 0 for priceless types)
 * @param orderNo KIS's current {@code ODNO}, null until accepted
 * @param previousOrderNos numbers it had before revises (late fills may still name them)
 * @param filledValue sum of quantity × price over its fills, for the average fill price
 * @param cancelledQuantity shares cancelled or expired; filled + cancelled never exceeds quantity
 * @param inferredUnmatched shares counted from an inquiry's cumulative total that no notice has
 *     matched yet; a late notice for them consumes this instead of counting again
 * @param seenExecKeys reports already applied, so a duplicate changes nothing
 * @param pendingPrice the price asked for by a revise in flight, 0 if none
 */
public record Order(
    ClientOrderId id,
    OrderSpec spec,
    long price,
    OrderStatus status,
    OrderNo orderNo,
    String branchNo,
    List<OrderNo> previousOrderNos,
    long filledQuantity,
    long filledValue,
    long cancelledQuantity,
    long inferredUnmatched,
    Set<String> seenExecKeys,
    long pendingPrice,
    String lastMessage,
    Instant requestedAt,
    Instant updatedAt)
    implements JournalSerializable {

  public Order {
    previousOrderNos = List.copyOf(previousOrderNos);
    seenExecKeys = Set.copyOf(seenExecKeys);
  }

  static Order requested(ClientOrderId id, OrderSpec spec, Instant at) {
    return new Order(id, spec, spec.price(), OrderStatus.REQUESTED, null, null, List.of(), 0, 0, 0, 0,
        Set.of(), 0, null, at, at);
  }

  /**
   * A placement refused before it was sent, as {@code requested(id, spec, at).withMessage(message)
   * .withStatus(DENIED, at)} in one step: a backtest whose entries are mostly cash denials folds one
   * per bar.
   */
  static Order denied(ClientOrderId id, OrderSpec spec, String message, Instant at) {
    return new Order(id, spec, spec.price(), OrderStatus.DENIED, null, null, List.of(), 0, 0, 0, 0,
        Set.of(), 0, message, at, at);
  }

  public long quantity() {
    return spec.quantity();
  }

  /** Shares still able to trade: neither filled nor cancelled. */
  public long remainingQuantity() {
    return spec.quantity() - filledQuantity - cancelledQuantity;
  }

  /** Average fill price in won (rounded down), 0 before the first fill. */
  public long averageFillPrice() {
    return filledQuantity == 0 ? 0 : filledValue / filledQuantity;
  }

  /** Whether KIS knows (or knew) this order under {@code no}. */
  public boolean knownAs(OrderNo no) {
    return no != null && (no.equals(orderNo) || previousOrderNos.contains(no));
  }

  Order withStatus(OrderStatus s, Instant at) {
    return new Order(id, spec, price, s, orderNo, branchNo, previousOrderNos, filledQuantity, filledValue,
        cancelledQuantity, inferredUnmatched, seenExecKeys, pendingPrice, lastMessage, requestedAt, at);
  }

  Order withMessage(String message) {
    return new Order(id, spec, price, status, orderNo, branchNo, previousOrderNos, filledQuantity, filledValue,
        cancelledQuantity, inferredUnmatched, seenExecKeys, pendingPrice, message, requestedAt, updatedAt);
  }

  Order withOrderNo(OrderNo no, String branch) {
    return new Order(id, spec, price, status, no, branch == null ? branchNo : branch, previousOrderNos,
        filledQuantity, filledValue, cancelledQuantity, inferredUnmatched, seenExecKeys, pendingPrice,
        lastMessage, requestedAt, updatedAt);
  }

  Order withPendingPrice(long p) {
    return new Order(id, spec, price, status, orderNo, branchNo, previousOrderNos, filledQuantity, filledValue,
        cancelledQuantity, inferredUnmatched, seenExecKeys, p, lastMessage, requestedAt, updatedAt);
  }

  Order revisedTo(OrderNo newNo, long newPrice) {
    List<OrderNo> prev = previousOrderNos;
    if (orderNo != null && !orderNo.equals(newNo) && !prev.contains(orderNo)) {
      prev = new java.util.ArrayList<>(prev);
      prev.add(orderNo);
    }
    return new Order(id, spec, newPrice, status, newNo, branchNo, prev, filledQuantity, filledValue,
        cancelledQuantity, inferredUnmatched, seenExecKeys, 0, lastMessage, requestedAt, updatedAt);
  }

  Order withFill(long qty, long price, long inferred, String execKey) {
    Set<String> keys = withKey(execKey);
    long filled = filledQuantity + qty;
    // A late fill for shares KIS executed before confirming a cancel: the fill is the truth, so the
    // cancelled count shrinks rather than the order being over-booked.
    long cancelled = Math.min(cancelledQuantity, spec.quantity() - filled);
    return new Order(id, spec, this.price, status, orderNo, branchNo, previousOrderNos, filled,
        filledValue + qty * price, cancelled, inferred, keys, pendingPrice, lastMessage, requestedAt, updatedAt);
  }

  Order withSeenKey(String execKey, long inferred) {
    Set<String> keys = withKey(execKey);
    return new Order(id, spec, price, status, orderNo, branchNo, previousOrderNos, filledQuantity, filledValue,
        cancelledQuantity, inferred, keys, pendingPrice, lastMessage, requestedAt, updatedAt);
  }

  /**
   * The seen keys and {@code execKey}: an order's first fill (most orders' only one) takes the
   * one-key set directly instead of a HashSet copied again by the constructor, once per fill folded.
   */
  private Set<String> withKey(String execKey) {
    if (seenExecKeys.isEmpty()) {
      return Set.of(execKey);
    }
    Set<String> keys = new java.util.HashSet<>(seenExecKeys);
    keys.add(execKey);
    return keys;
  }

  Order cancelRemainder() {
    return new Order(id, spec, price, status, orderNo, branchNo, previousOrderNos, filledQuantity, filledValue,
        spec.quantity() - filledQuantity, inferredUnmatched, seenExecKeys, 0, lastMessage, requestedAt, updatedAt);
  }
}
