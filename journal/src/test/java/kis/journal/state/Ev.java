package kis.journal.state;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import kis.journal.ClientOrderId;
import kis.journal.CostModel;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.CancelRequested;
import kis.journal.event.FillSource;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderCancelled;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderExpired;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderInDoubt;
import kis.journal.event.OrderRejected;
import kis.journal.event.OrderRequested;
import kis.journal.event.OrderRevised;
import kis.journal.event.PositionCorrected;
import kis.journal.event.ReviseRequested;

/** Terse event factories for fold tests: one symbol, one clock tick, KIS 2026 costs. */
final class Ev {
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Instant T = Instant.parse("2026-11-24T01:00:00Z");
  static final CostModel COSTS = CostModel.KIS_2026;

  private Ev() {}

  static ClientOrderId id(int n) {
    return new ClientOrderId("a1-" + n);
  }

  static OrderNo no(int n) {
    return OrderNo.of(String.valueOf(n));
  }

  static OrderRequested buy(int n, long qty, long price) {
    return new OrderRequested(id(n), OrderSpec.limit(SAMSUNG, Side.BUY, qty, price), "test", T);
  }

  static OrderRequested sell(int n, long qty, long price) {
    return new OrderRequested(id(n), OrderSpec.limit(SAMSUNG, Side.SELL, qty, price), "test", T);
  }

  static OrderDenied denied(int n) {
    return new OrderDenied(id(n), OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000), RejectReason.KRX_TICK_SIZE,
        "off grid", T);
  }

  static OrderAccepted accepted(int n) {
    return new OrderAccepted(id(n), no(1000 + n), "06010", "090001", false, T);
  }

  static OrderRejected rejected(int n) {
    return new OrderRejected(id(n), "40570000", "주문가능금액을 초과 했습니다", T);
  }

  static OrderInDoubt inDoubt(int n) {
    return new OrderInDoubt(id(n), "timeout", T);
  }

  static InDoubtResolved found(int n) {
    return new InDoubtResolved(id(n), Optional.of(no(1000 + n)), "06010", T);
  }

  static InDoubtResolved notFound(int n) {
    return new InDoubtResolved(id(n), Optional.empty(), null, T);
  }

  static OrderFilled fill(int n, Side side, long qty, long price, String execKey) {
    return fill(n, side, qty, price, execKey, FillSource.NOTICE);
  }

  static OrderFilled fill(int n, Side side, long qty, long price, String execKey, FillSource source) {
    long value = qty * price;
    return new OrderFilled(id(n), no(1000 + n), SAMSUNG, side, qty, price, COSTS.fee(value),
        COSTS.tax(side, value), execKey, "0930", source, T);
  }

  static ReviseRequested reviseRequested(int n, long price) {
    return new ReviseRequested(id(n), price, T);
  }

  static OrderRevised revised(int n, int newNo, long price) {
    return new OrderRevised(id(n), no(newNo), price, false, T);
  }

  static CancelRequested cancelRequested(int n) {
    return new CancelRequested(id(n), "test", T);
  }

  static OrderCancelled cancelled(int n) {
    return new OrderCancelled(id(n), false, T);
  }

  static ModifyRejected modifyRejected(int n) {
    return new ModifyRejected(id(n), "40330000", "모의투자 정정/취소할 수량이 없습니다.", T);
  }

  static OrderExpired expired(int n) {
    return new OrderExpired(id(n), LocalDate.of(2026, 11, 24), T);
  }

  static PositionCorrected corrected(long qty, long avg, String correctionId) {
    return new PositionCorrected(SAMSUNG, qty, avg, correctionId, "balance differs", T);
  }
}
