package kis.strategies;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveId;
import kis.journal.ProtectiveSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;

/**
 * What a strategy asks its host to do. Intents are requests, not facts: the host checks them
 * (KRX tick grid and price limits, risk limits, cash and holdings) and journals the outcome, which
 * comes back to the strategy as {@link kis.strategies.event.OrderUpdate}s.
 */
public sealed interface Intent
    permits Intent.Place, Intent.Revise, Intent.Cancel, Intent.SetTimer, Intent.CancelTimer, Intent.Protect,
        Intent.Disarm {

  /**
   * Send a new order. The host gives it the next client order id ({@code ctx.nextOrderId(i)} for
   * the {@code i}-th placement in one answer) and journals {@link #reason} with it.
   */
  record Place(OrderSpec spec, Reason why, Venue venue) implements Intent {
    public Place {
      if (spec == null) {
        throw new IllegalArgumentException("order spec is required");
      }
      why = why == null ? Reason.NONE : why;
    }

    public Place(OrderSpec spec, String reason, Venue venue) {
      this(spec, Reason.of(reason), venue);
    }

    /** A placement on the agent's venue (its {@code venue} key), or the spec's if it names one other than KRX. */
    public Place(OrderSpec spec, String reason) {
      this(spec, Reason.of(reason), null);
    }

    /** As {@link #Place(OrderSpec, String)}, with a reason whose text is worked out only if it is read. */
    public Place(OrderSpec spec, Reason why) {
      this(spec, why, null);
    }

    /** The text journaled with the order ({@code ""} for none). */
    public String reason() {
      return why.text();
    }

    /** The same placement sent to {@code other}, whatever the agent's venue. */
    public Place on(Venue other) {
      return new Place(spec, why, other);
    }

    /**
     * The order as it goes out from an agent trading on {@code agentVenue}: to this placement's
     * {@link #on venue} if it names one, else to the spec's venue if that is not the default (a
     * strategy that built {@code spec.on(NXT)} meant it), else to the agent's venue.
     */
    public OrderSpec routed(Venue agentVenue) {
      Venue to = venue != null ? venue : spec.venue() != Venue.DEFAULT ? spec.venue() : Venue.orDefault(agentVenue);
      return spec.venue() == to ? spec : spec.on(to);
    }
  }

  /**
   * Why a placement was asked for. Its text may be {@linkplain #later worked out when first read}:
   * the host reads it only for an order it sends, and a long backtest denies most entries (for
   * cash) before that, so a strategy that formats numbers into its reasons need not pay for the
   * text of an order nobody sends. Equal when the texts are.
   */
  final class Reason {
    static final Reason NONE = new Reason("", null);

    private final Supplier<String> source;
    /** The text once read; a race reads it twice from the same pure {@code source}, which is harmless. */
    private String text;

    private Reason(String text, Supplier<String> source) {
      this.text = text;
      this.source = source;
    }

    /** A reason whose text is known. */
    public static Reason of(String text) {
      return text == null || text.isEmpty() ? NONE : new Reason(text, null);
    }

    /**
     * A reason whose text {@code source} builds when it is first read. {@code source} must give the
     * same text whenever it is asked (capture values, not a strategy's changing fields).
     */
    public static Reason later(Supplier<String> source) {
      if (source == null) {
        throw new IllegalArgumentException("a reason needs its source");
      }
      return new Reason(null, source);
    }

    public String text() {
      String t = text;
      if (t == null) {
        t = source.get();
        t = t == null ? "" : t;
        text = t;
      }
      return t;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Reason r && text().equals(r.text());
    }

    @Override
    public int hashCode() {
      return text().hashCode();
    }

    @Override
    public String toString() {
      return text();
    }
  }

  /** Move the unfilled remainder of a working order to {@code newPrice} (KRX grid). */
  record Revise(ClientOrderId orderId, long newPrice) implements Intent {
    public Revise {
      if (orderId == null || newPrice <= 0) {
        throw new IllegalArgumentException("revise needs an order id and a positive price");
      }
    }
  }

  /** Cancel the unfilled remainder of a working order; filled shares stay filled. */
  record Cancel(ClientOrderId orderId, String reason) implements Intent {
    public Cancel {
      if (orderId == null) {
        throw new IllegalArgumentException("order id is required");
      }
      reason = reason == null ? "" : reason;
    }
  }

  /**
   * Deliver {@link kis.strategies.event.TimerFired} with {@code key} at {@code at}; setting a key
   * again replaces the earlier timer. A time in the past fires before the next event.
   */
  record SetTimer(String key, Instant at) implements Intent {
    public SetTimer {
      if (key == null || key.isBlank() || at == null) {
        throw new IllegalArgumentException("timer needs a key and a time");
      }
    }
  }

  /** Forget the timer {@code key}, if set. */
  record CancelTimer(String key) implements Intent {}

  /**
   * Arm protective orders the engine watches itself (they never rest at KIS): a stop, stop-limit,
   * take-profit or trailing stop ({@link ProtectiveSpec}). Two or more {@code legs} form an OCO group:
   * when one fires, the others are cancelled. With an {@code entry} (a bracket), the entry is placed
   * like any order and the legs protect the shares it fills, from its first fill on; an entry that
   * ends unfilled cancels them. The host journals the arming ({@code ProtectiveArmed}, with the
   * entry's {@code OrderRequested} in the same write) and the strategy hears every step as a
   * {@link kis.strategies.event.ProtectiveUpdate}; a fired order's child comes back as any order's
   * {@link kis.strategies.event.OrderUpdate}s.
   */
  record Protect(OrderSpec entry, List<ProtectiveSpec> legs, String reason) implements Intent {
    public Protect {
      if (legs == null || legs.isEmpty()) {
        throw new IllegalArgumentException("nothing to arm");
      }
      legs = List.copyOf(legs);
      reason = reason == null ? "" : reason;
    }
  }

  /** Cancel an armed protective order (journaled as {@code ProtectiveCancelled}); nothing if it is not armed. */
  record Disarm(ProtectiveId id, String reason) implements Intent {
    public Disarm {
      if (id == null) {
        throw new IllegalArgumentException("protective order id is required");
      }
      reason = reason == null ? "" : reason;
    }
  }

  /** Arm one protective order. */
  static Protect protect(ProtectiveSpec leg, String reason) {
    return new Protect(null, List.of(leg), reason);
  }

  /** Arm two protective orders as one-cancels-the-other. */
  static Protect oco(ProtectiveSpec a, ProtectiveSpec b, String reason) {
    return new Protect(null, List.of(a, b), reason);
  }

  /**
   * Place {@code entry} with a stop and a target that close it: both armed when the entry fills,
   * for the shares it filled, one cancelling the other.
   */
  static Protect bracket(OrderSpec entry, ProtectiveSpec stop, ProtectiveSpec target, String reason) {
    return new Protect(entry, List.of(stop, target), reason);
  }

  static Disarm disarm(ProtectiveId id, String reason) {
    return new Disarm(id, reason);
  }

  static Place buyLimit(Symbol symbol, long quantity, long price, String reason) {
    return new Place(OrderSpec.limit(symbol, Side.BUY, quantity, price), reason);
  }

  static Place sellLimit(Symbol symbol, long quantity, long price, String reason) {
    return new Place(OrderSpec.limit(symbol, Side.SELL, quantity, price), reason);
  }

  static Place buyMarket(Symbol symbol, long quantity, String reason) {
    return new Place(OrderSpec.market(symbol, Side.BUY, quantity), reason);
  }

  static Place sellMarket(Symbol symbol, long quantity, String reason) {
    return new Place(OrderSpec.market(symbol, Side.SELL, quantity), reason);
  }

  static Cancel cancel(ClientOrderId orderId, String reason) {
    return new Cancel(orderId, reason);
  }
}
