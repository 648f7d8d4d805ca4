package kis.adapter;

import java.util.Objects;
import java.util.Optional;
import kis.journal.OrderNo;
import kis.journal.Venue;

/**
 * What KIS reports about one of the account's orders, decoded ({@link KisNotices}): the shell
 * routes and applies these and never sees a KIS code. Every report names its order by KIS number;
 * a revise or cancel also names the original order it acted on, when KIS gives one.
 *
 * <p>{@link #key()} identifies the notice it came from, so the same notice delivered twice
 * (reconnect, replay) is recognised as one.
 */
public sealed interface BrokerReport {

  /** The report's identity for duplicate detection (not journaled). */
  String key();

  /** The KIS number of the order reported on, if KIS sent a readable one. */
  Optional<OrderNo> orderNo();

  /** For a revise or cancel: the order it acted on ({@code OODER_NO}), when KIS names one. */
  default Optional<OrderNo> original() {
    return Optional.empty();
  }

  /**
   * Shares of {@code orderNo} traded.
   *
   * @param execKey the fill's identity, journaled on the fill (KIS sends no execution id)
   * @param execTime {@code HHmmss}, blank when KIS sent no time
   * @param executedOn the book it executed on ({@code ORD_EXG_GB}; for a SOR order, the one the
   *     router chose); empty when the notice does not say, and the order's own venue stands
   */
  record Fill(String key, OrderNo number, long quantity, long price, String execKey, String execTime,
      Optional<Venue> executedOn) implements BrokerReport {
    public Fill {
      Objects.requireNonNull(number, "number");
      executedOn = executedOn == null ? Optional.empty() : executedOn;
      if (quantity <= 0 || price <= 0) {
        throw new IllegalArgumentException("a fill needs a positive quantity and price");
      }
    }

    /** A fill whose notice names no venue. */
    public Fill(String key, OrderNo number, long quantity, long price, String execKey, String execTime) {
      this(key, number, quantity, price, execKey, execTime, Optional.empty());
    }

    @Override
    public Optional<OrderNo> orderNo() {
      return Optional.of(number);
    }
  }

  /** KIS received the order (or revise, or cancel) and has not yet confirmed it: nothing to apply. */
  record Received(String key, OrderNo number, Optional<OrderNo> original) implements BrokerReport {
    @Override
    public Optional<OrderNo> orderNo() {
      return Optional.of(number);
    }
  }

  /** A new order confirmed by the exchange (its REST reply already reported the acceptance). */
  record Accepted(String key, OrderNo number) implements BrokerReport {
    @Override
    public Optional<OrderNo> orderNo() {
      return Optional.of(number);
    }
  }

  /** A revise confirmed: order {@code number} now carries the remainder at {@code newPrice}. */
  record Revised(String key, OrderNo number, Optional<OrderNo> original, long newPrice) implements BrokerReport {
    @Override
    public Optional<OrderNo> orderNo() {
      return Optional.of(number);
    }
  }

  /** A cancel confirmed: the original's remainder is gone. */
  record Cancelled(String key, OrderNo number, Optional<OrderNo> original) implements BrokerReport {
    @Override
    public Optional<OrderNo> orderNo() {
      return Optional.of(number);
    }
  }

  /**
   * The exchange cancelled what an IOC/FOK order left unfilled ({@code ACPT_YN = 3}). The account
   * inquiry books it; the notice alone names no quantity to apply.
   */
  record RemainderCancelled(String key, OrderNo number) implements BrokerReport {
    @Override
    public Optional<OrderNo> orderNo() {
      return Optional.of(number);
    }
  }

  /** KIS refused the order, revise or cancel ({@code RFUS_YN = 1}); its REST reply reports the refusal. */
  record Refused(String key, OrderNo number, Optional<OrderNo> original) implements BrokerReport {
    @Override
    public Optional<OrderNo> orderNo() {
      return Optional.of(number);
    }
  }

  /**
   * A notice the adapter cannot read: an unreadable order number or a code it does not know. Only
   * the account can say what happened, so it goes to the reconciler.
   *
   * @param rawOrderNo the order number as KIS sent it
   * @param why what could not be read
   */
  record Unreadable(String key, String rawOrderNo, String why) implements BrokerReport {
    @Override
    public Optional<OrderNo> orderNo() {
      try {
        return Optional.of(OrderNo.of(rawOrderNo));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }
}
