package kis.journal.state;

import kis.journal.JournalSerializable;
import kis.journal.Symbol;

/**
 * Holdings of one symbol at average cost. {@code costBasis} is the won paid for the shares held
 * (negative for a short, which KRX cash accounts should never show; kept total rather than
 * failing). Integer arithmetic throughout: what is not taken out of the cost basis on a partial
 * sale stays in it, so cost is conserved exactly.
 *
 * <p>A position has no venue on purpose: shares bought on one venue are the account's holding and
 * can be sold on any venue that lists the symbol, so there is one position per symbol; the venue
 * of each trade is on its order ({@code OrderSpec.venue}) and its fills ({@code OrderFilled.venue}).
 */
public record Position(Symbol symbol, long quantity, long costBasis, long realizedPnl)
    implements JournalSerializable {

  public static Position flat(Symbol symbol) {
    return new Position(symbol, 0, 0, 0);
  }

  /** Average price in won (rounded down), 0 when flat. */
  public long averagePrice() {
    return quantity == 0 ? 0 : costBasis / quantity;
  }

  /** Unrealized P&L at {@code markPrice}, before exit costs. */
  public long unrealizedPnl(long markPrice) {
    return quantity * markPrice - costBasis;
  }

  /** Apply a signed quantity change (+ buy, − sell) at {@code price}. */
  public Position trade(long signedQty, long price) {
    if (signedQty == 0) {
      return this;
    }
    if (quantity == 0 || Long.signum(quantity) == Long.signum(signedQty)) {
      return new Position(symbol, quantity + signedQty, costBasis + signedQty * price, realizedPnl);
    }
    long close = Math.min(Math.abs(signedQty), Math.abs(quantity));
    long costOut = costBasis * close / Math.abs(quantity);
    long realized = realizedPnl + Long.signum(quantity) * close * price - costOut;
    long q = quantity + Long.signum(signedQty) * close;
    Position closed = new Position(symbol, q, q == 0 ? 0 : costBasis - costOut, realized);
    long rest = signedQty + Long.signum(quantity) * close;
    return rest == 0 ? closed : closed.trade(rest, price);
  }

  /** Adopt the account's figures (reconciliation); realized P&L so far is kept. */
  public Position correctedTo(long newQuantity, long newAveragePrice) {
    return new Position(symbol, newQuantity, newQuantity * newAveragePrice, realizedPnl);
  }
}
