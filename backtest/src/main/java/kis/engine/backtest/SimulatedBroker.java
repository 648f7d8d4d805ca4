package kis.engine.backtest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kis.journal.risk.OwnLimits;
import kis.journal.risk.DayCounters;
import kis.journal.risk.MarketFacts;
import kis.journal.risk.PreTrade;
import kis.journal.risk.RiskDecision;
import kis.journal.risk.SymbolFacts;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.PriceLimits;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;
import kis.journal.calendar.SinglePriceMatch;
import kis.journal.event.CancelRequested;
import kis.journal.event.FillSource;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderCancelled;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderEvent;
import kis.journal.event.OrderExpired;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.event.OrderRevised;
import kis.journal.event.ReviseRequested;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.strategies.Intent;
import kis.strategies.StrategyContext;
import kis.strategies.event.Bar;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.Trade;

/**
 * The backtest's account and exchange in one: it answers intents with the events the live agent
 * journals for the same outcome, and fills working orders against historical trades and bars.
 *
 * <p>Per intent, in two phases like the live agent (write-ahead first, then the exchange's
 * answer): a placement becomes {@code OrderRequested} then {@code OrderAccepted}, or
 * {@code OrderDenied} when a pre-trade check fails: the live engine's {@link PreTrade} rules
 * (session and order type, tick grid, ±30 % band, shares free to sell), then the backtest
 * account's cash, then the agent's own limits through {@link OwnLimits#check}; a cancel becomes
 * {@code CancelRequested} then {@code OrderCancelled}; a revise
 * {@code ReviseRequested} then {@code OrderRevised} under a new order number, or {@code ModifyRejected}
 * with the reason when the agent's limits refuse what it adds ({@link OwnLimits#checkRevise}, as
 * live). Intents that the live
 * agent would refuse before journaling anything (cancel an order that is not working) are dropped.
 *
 * <p>Fill model, applied to events after the one on which the order was placed:
 * <ul>
 *   <li>market orders fill at the next trade's price, or the next bar's open;
 *   <li>bars: a limit order marketable at the next open (buy limit at or above it) fills at the
 *       open; a resting limit fills when the bar trades through it (low strictly below a buy limit,
 *       high strictly above a sell limit) at the limit, or at the open if the bar gapped through it;
 *   <li>trade prints: a limit order that crossed the last print when it arrived (a buy above it, a
 *       sell below it) takes the next print at that print's price if the print is at or through its
 *       limit; any other limit order rests in the book and fills at its limit when a print goes
 *       through it (strictly below a buy, above a sell), or also when a print touches it if
 *       {@link BacktestConfig#fillsAtTouch()}. A print through a resting order fills it at the
 *       limit, not at the print's price: on a real exchange the seller would have hit our bid first,
 *       and kis-sim fills it the same way;
 *   <li>all our orders on a symbol together take at most {@code participation} of the event's
 *       volume, in order of placement; the rest waits for later events (partial fills).
 * </ul>
 * Fees and tax of each fill come from the {@link kis.journal.CostModel}.
 *
 * <p>On a day whose tape follows the session table ({@link SessionTape}) the phase of the order's
 * venue at that moment replaces the continuous model's "open from 09:00 to 15:30" in the checks, and
 * KRX's calls (the opening and closing auctions, a VI) match at their single price
 * ({@link #matchInSession}); on a day replayed whole that includes NXT's pre- and after-market and
 * KRX's after-market, and orders expire by their venue's close
 * ({@link #expire(AgentState, LocalDate, Instant, Map)}).
 */
final class SimulatedBroker {
  static final String BRANCH = "00950";

  private final BacktestConfig cfg;
  /** The sessions history shows; {@link SessionTape#NONE} keeps the continuous model everywhere. */
  private final SessionTape tape;
  private final Set<ClientOrderId> fresh = new HashSet<>();
  /** Orders that arrived while their book was in a call (auction or VI), until the call's end. */
  private final Set<ClientOrderId> inCall = new HashSet<>();
  /** Limit orders that crossed the last print when they arrived (placed or revised). */
  private final Set<ClientOrderId> crossedOnArrival = new HashSet<>();
  /** Last and base price per symbol, updated in place: the loop touches it on every event. */
  private final Map<Symbol, Quote> quotes = new HashMap<>();
  private Symbol lastQuoted; // the data hands the same Symbol instance event after event
  private Quote lastQuote;
  private final Map<ClientOrderId, String> reasons = new HashMap<>();
  /** Revises the agent's limits refused, answered as {@code ModifyRejected} in phase two. */
  private final Map<ClientOrderId, RiskDecision.Deny> deniedRevises = new HashMap<>();
  private long orderNoSeq = 1;
  private long execSeq = 1;

  SimulatedBroker(BacktestConfig cfg) {
    this(cfg, SessionTape.NONE);
  }

  SimulatedBroker(BacktestConfig cfg, SessionTape tape) {
    this.cfg = cfg;
    this.tape = tape;
  }

  long lastPrice(Symbol s) {
    Quote q = s == lastQuoted ? lastQuote : quotes.get(s);
    return q == null ? 0 : q.last;
  }

  String reason(ClientOrderId id) {
    return reasons.getOrDefault(id, "");
  }

  /**
   * Forget a closed order's reason: the map held every order's of the run (tens of thousands), and
   * each fill's look-up missed the cache on its way through it.
   */
  void forget(ClientOrderId id) {
    reasons.remove(id);
  }

  /** The day's close becomes the next day's base price for the ±30 % limits. */
  void rollDay() {
    for (Quote q : quotes.values()) {
      q.base = q.last;
    }
  }

  /** Phase one: the write-ahead event for an order intent, or null when it is dropped. */
  OrderEvent request(Intent intent, AgentState state, Instant now, boolean sessionOpen, DayCounters today) {
    if (intent instanceof Intent.Place p) {
      ClientOrderId id = ClientOrderId.of(cfg.agentId(), state.nextOrderSeq());
      Denial no = placement(p.spec(), state, sessionOpen, today, now);
      if (no != null) {
        return new OrderDenied(id, p.spec(), no.reason(), no.detail(), now);
      }
      reasons.put(id, p.reason()); // only what can fill needs its reason
      return new OrderRequested(id, p.spec(), p.reason(), now);
    }
    if (intent instanceof Intent.Cancel c) {
      return modifiable(state, c.orderId()) ? new CancelRequested(c.orderId(), c.reason(), now) : null;
    }
    if (intent instanceof Intent.Revise r) {
      Order o = state.order(r.orderId()).orElse(null);
      if (!modifiable(state, r.orderId()) || !o.spec().type().carriesPrice() || !priceOk(o.spec().symbol(), r.newPrice())) {
        return null;
      }
      if (cfg.limits() != OwnLimits.NONE) {
        // The live guard's check for what the revise adds; refused, it is answered as live: ModifyRejected.
        cfg.limits().checkRevise(o, r.newPrice(), state, marketFacts(), today)
            .map(d -> (RiskDecision.Deny) d).ifPresent(d -> deniedRevises.put(r.orderId(), d));
      }
      return new ReviseRequested(r.orderId(), r.newPrice(), now);
    }
    throw new IllegalArgumentException("not an order intent: " + intent);
  }

  /**
   * The checks a placement passes here, in the live order (the venue's and the books' rules, the
   * backtest account's cash, the agent's own limits): for a strategy's order, a bracket's entry and
   * a protective order's child at trigger time alike.
   */
  RiskDecision check(OrderSpec spec, AgentState state, boolean sessionOpen, DayCounters today, Instant now) {
    Denial no = placement(spec, state, sessionOpen, today, now);
    return no == null ? RiskDecision.ALLOW : RiskDecision.deny(no.reason(), no.detail());
  }

  /** Keep the reason of an order placed outside {@link #request} (a bracket's entry, a protective child). */
  void placed(OrderRequested r) {
    reasons.put(r.orderId(), r.reason());
  }

  private Denial placement(OrderSpec spec, AgentState state, boolean sessionOpen, DayCounters today, Instant now) {
    Denial no = denial(spec, state, phase(spec, sessionOpen, now));
    if (no == null && cfg.limits() != OwnLimits.NONE) {
      no = cfg.limits().check(spec, state, marketFacts(), today)
          .map(d -> (RiskDecision.Deny) d).map(d -> new Denial(d.reason(), d.detail())).orElse(null);
    }
    return no;
  }

  /** Phase two: what the exchange answers to a write-ahead event (nothing for a denial). */
  OrderEvent respond(OrderEvent request, AgentState state, Instant now) {
    String time = hhmmss(now);
    if (request instanceof OrderRequested r) {
      arrive(r.orderId(), r.spec(), r.spec().price(), now);
      return new OrderAccepted(r.orderId(), nextOrderNo(), BRANCH, time, false, now);
    }
    if (request instanceof CancelRequested c) {
      fresh.remove(c.orderId());
      crossedOnArrival.remove(c.orderId());
      inCall.remove(c.orderId());
      return new OrderCancelled(c.orderId(), false, now);
    }
    if (request instanceof ReviseRequested r) {
      RiskDecision.Deny denied = deniedRevises.remove(r.orderId());
      if (denied != null) {
        return new ModifyRejected(r.orderId(), denied.reason().name(), denied.detail(), now);
      }
      state.order(r.orderId()).ifPresent(o -> arrive(r.orderId(), o.spec(), r.newPrice(), now));
      return new OrderRevised(r.orderId(), nextOrderNo(), r.newPrice(), false, now);
    }
    return null;
  }

  /**
   * An order (or its revised price) reaches the market: note whether it crosses the last print, and
   * whether its book is in a call (then it waits for the call's single-price match).
   */
  private void arrive(ClientOrderId id, OrderSpec spec, long limit, Instant now) {
    fresh.add(id);
    long last = lastPrice(spec.symbol());
    if (last == 0 || (spec.side() == Side.BUY ? limit > last : limit < last)) {
      crossedOnArrival.add(id);
    } else {
      crossedOnArrival.remove(id);
    }
    if (!tape.isEmpty() && tape.follows(now)
        && !tape.phase(spec.venue(), spec.symbol(), now).matchesContinuously()) {
      inCall.add(id);
    } else {
      inCall.remove(id);
    }
  }

  /** Fills for working orders on the event's symbol; also updates the last price. */
  List<OrderFilled> match(MarketEvent e, AgentState state, Instant now) {
    if (!tape.isEmpty() && tape.follows(now) && (e instanceof Trade || e instanceof Bar)) {
      return matchInSession(e, state, now);
    }
    long volume;
    long ref;
    long low;
    long high;
    if (e instanceof Trade t) {
      volume = t.quantity();
      ref = t.price();
      low = ref;
      high = ref;
    } else if (e instanceof Bar b) {
      volume = b.volume();
      ref = b.open();
      low = b.low();
      high = b.high();
    } else {
      return List.of();
    }
    long last = e instanceof Trade t ? t.price() : ((Bar) e).close();
    if (state.openOrders().isEmpty()) { // most events: nothing to fill
      quote(e.symbol()).last = last;
      return List.of();
    }
    List<OrderFilled> fills = new ArrayList<>();
    long budget = (long) Math.floor(volume * cfg.participation());
    List<Order> working = new ArrayList<>();
    for (Order o : state.openOrders().values()) {
      if (o.spec().symbol().equals(e.symbol()) && o.status().isModifiable()) {
        working.add(o);
      }
    }
    working.sort(BY_SEQ);
    for (Order o : working) {
      boolean first = fresh.remove(o.id());
      boolean crossing = first && crossedOnArrival.remove(o.id());
      long price = e instanceof Trade ? printFillPrice(o, crossing, ref)
          : fillPrice(o, first, ref, low, high);
      long qty = Math.min(o.remainingQuantity(), budget);
      if (price <= 0 || qty <= 0) {
        continue;
      }
      budget -= qty;
      fills.add(fill(o, qty, price, now));
    }
    quote(e.symbol()).last = last;
    return fills;
  }

  /**
   * Fills on a day whose tape follows the session table ({@link SessionTape}). A single-price
   * match (the opening or closing auction's print, a VI's) fills the orders in its call at the
   * single price by {@link SinglePriceMatch}: every KRX order working on the stock (an order resting
   * from continuous trading joins the call, as on KRX), and SOR's in the auctions (routed to KRX's
   * call); our share of the match is capped by {@code participation} of its volume as any print's.
   * Other prints fill, by the continuous model, only the orders whose book matches continuously at
   * the print (no continuous fill inside an auction, a VI, a halt or after the close).
   */
  private List<OrderFilled> matchInSession(MarketEvent e, AgentState state, Instant now) {
    long last = e instanceof Trade t ? t.price() : ((Bar) e).close();
    if (state.openOrders().isEmpty()) {
      quote(e.symbol()).last = last;
      return List.of();
    }
    long volume = e instanceof Trade t ? t.quantity() : ((Bar) e).volume();
    long ref = e instanceof Trade t ? t.price() : ((Bar) e).open();
    long low = e instanceof Trade ? ref : ((Bar) e).low();
    long high = e instanceof Trade ? ref : ((Bar) e).high();
    Instant at = SessionTape.start(e);
    long budget = (long) Math.floor(volume * cfg.participation());
    List<Order> working = new ArrayList<>();
    for (Order o : state.openOrders().values()) {
      if (o.spec().symbol().equals(e.symbol()) && o.status().isModifiable()) {
        working.add(o);
      }
    }
    working.sort(BY_SEQ);
    List<OrderFilled> fills = new ArrayList<>();
    SessionTape.Uncross u = tape.uncross(e);
    if (u != null) {
      List<SinglePriceMatch.Entry<Order>> call = new ArrayList<>();
      for (Order o : working) {
        if (joins(o.spec().venue(), u.call())) {
          call.add(new SinglePriceMatch.Entry<>(o, o.spec().side(), o.spec().type() == OrderType.MARKET, o.price(),
              o.remainingQuantity()));
          rests(o.id()); // whatever the match leaves rests in the book after it
        }
      }
      for (SinglePriceMatch.Allocation<Order> a : SinglePriceMatch.allocate(u.price(), call, budget)) {
        budget -= a.quantity();
        fills.add(fill(a.order(), a.quantity(), u.price(), now));
      }
      working.removeIf(o -> joins(o.spec().venue(), u.call()));
    }
    for (Order o : working) {
      // Both ends of a bar: an order placed as a call began (at the bar's end) did not meet the minute before it.
      if (!tape.phase(o.spec().venue(), o.spec().symbol(), at).matchesContinuously()
          || !tape.phase(o.spec().venue(), o.spec().symbol(), e.time()).matchesContinuously()) {
        continue; // in a call, halted or closed: nothing trades continuously
      }
      if (inCall.contains(o.id())) {
        rests(o.id()); // its call ended without a match it took part in: a resting order now
      }
      boolean first = fresh.remove(o.id());
      boolean crossing = first && crossedOnArrival.remove(o.id());
      long price = e instanceof Trade ? printFillPrice(o, crossing, ref) : fillPrice(o, first, ref, low, high);
      long qty = Math.min(o.remainingQuantity(), budget);
      if (price <= 0 || qty <= 0) {
        continue;
      }
      budget -= qty;
      fills.add(fill(o, qty, price, now));
    }
    quote(e.symbol()).last = last;
    return fills;
  }

  /** Whether an order on {@code venue} is in the call a match of {@code call} ends. */
  private static boolean joins(Venue venue, SessionTape.Call call) {
    switch (venue) {
      case KRX:
        return true;
      case SOR:
        return call != SessionTape.Call.VOLATILITY_INTERRUPTION; // in KRX's auctions SOR routes to KRX (assumed)
      default:
        return false; // NXT has no call auctions; KRX's VI does not stop NXT's book
    }
  }

  /** The order is a plain resting order from now on: not fresh, not crossing, not in a call. */
  private void rests(ClientOrderId id) {
    inCall.remove(id);
    fresh.remove(id);
    crossedOnArrival.remove(id);
  }

  private OrderFilled fill(Order o, long qty, long price, Instant now) {
    long value = qty * price;
    Side side = o.spec().side();
    return new OrderFilled(o.id(), o.orderNo(), o.spec().symbol(), side, qty, price,
        cfg.costs().fillFee(o.filledValue(), value), cfg.costs().fillTax(side, o.filledValue(), value),
        "SIM-" + execSeq++, hhmmss(now), FillSource.NOTICE, now, o.spec().venue());
  }

  /** Session end: every order still open expires (KIS cancels them overnight). */
  List<OrderExpired> expire(AgentState state, LocalDate date, Instant now) {
    fresh.clear();
    crossedOnArrival.clear();
    inCall.clear();
    if (state.openOrders().isEmpty()) {
      return List.of();
    }
    return state.openOrders().values().stream()
        .sorted(BY_SEQ)
        .map(o -> new OrderExpired(o.id(), date, now))
        .toList();
  }

  /**
   * A venue closed: the open orders it cancelled expire, those requested on a venue of
   * {@code closedBy} before its instant (the live day roll's rule, {@code OrderLifetime.closedBy});
   * orders of other venues, or placed since, stay.
   */
  List<OrderExpired> expire(AgentState state, LocalDate date, Instant now, Map<Venue, Instant> closedBy) {
    List<OrderExpired> out = new ArrayList<>();
    List<Order> open = new ArrayList<>(state.openOrders().values());
    open.sort(BY_SEQ);
    for (Order o : open) {
      Instant cut = closedBy.get(Venue.orDefault(o.spec().venue()));
      if (cut != null && o.requestedAt().isBefore(cut)) {
        rests(o.id());
        out.add(new OrderExpired(o.id(), date, now));
      }
    }
    return out;
  }

  /** The price a trade print at {@code print} fills {@code o} at, or 0; see the class comment. */
  private long printFillPrice(Order o, boolean crossing, long print) {
    if (o.spec().type() == OrderType.MARKET) {
      return print;
    }
    long limit = o.price();
    boolean buy = o.spec().side() == Side.BUY;
    boolean through = buy ? print < limit : print > limit;
    if (crossing) {
      return through || print == limit ? print : 0;
    }
    return through || (print == limit && cfg.fillsAtTouch()) ? limit : 0;
  }

  private static long fillPrice(Order o, boolean first, long ref, long low, long high) {
    if (o.spec().type() == OrderType.MARKET) {
      return ref;
    }
    long limit = o.price();
    if (o.spec().side() == Side.BUY) {
      if (ref < limit || (first && ref == limit)) {
        return ref;
      }
      return low < limit ? limit : 0;
    }
    if (ref > limit || (first && ref == limit)) {
      return ref;
    }
    return high > limit ? limit : 0;
  }

  /** Last and base prices as the live risk guard sees them (only built for a placement under agent limits). */
  private MarketFacts marketFacts() {
    Map<Symbol, SymbolFacts> m = new HashMap<>();
    quotes.forEach((sym, q) -> {
      if (q.last > 0) {
        m.put(sym, SymbolFacts.of(q.last, q.base > 0 ? q.base : q.last));
      }
    });
    return MarketFacts.of(m);
  }

  /** Why a pre-trade check refuses an order. */
  private record Denial(RejectReason reason, String detail) {}

  /**
   * The phase an order meets: on a day whose tape follows the session table, its venue's (and a
   * KRX stock's VI); otherwise the continuous model's, continuous trading from the open to the close.
   */
  private MarketPhase phase(OrderSpec spec, boolean sessionOpen, Instant now) {
    if (!tape.isEmpty() && tape.follows(now)) {
      return tape.phase(spec.venue(), spec.symbol(), now);
    }
    return sessionOpen ? MarketPhase.CONTINUOUS : MarketPhase.CLOSED;
  }

  private Denial denial(OrderSpec spec, AgentState state, MarketPhase phase) {
    Symbol s = spec.symbol();
    Optional<RiskDecision> no = PreTrade.check(spec, phase, band(s), state);
    if (no.isPresent()) {
      RiskDecision.Deny d = (RiskDecision.Deny) no.get();
      return new Denial(d.reason(), d.detail());
    }
    if (spec.side() == Side.SELL) {
      return null;
    }
    long px = spec.type().carriesPrice() ? spec.price() : lastPrice(s);
    long need = spec.quantity() * px + cfg.costs().fee(spec.quantity() * px);
    long cash = cfg.initialCash() + state.cashFlow() - openRemaining(state, null, Side.BUY, true);
    if (need > cash) {
      return new Denial(RejectReason.RISK_INSUFFICIENT_CASH, "needs " + need + " won, " + cash + " available");
    }
    return null;
  }

  /** Remaining shares (or won, when {@code value}) of open orders on one side. */
  private long openRemaining(AgentState state, Symbol s, Side side, boolean value) {
    long sum = 0;
    if (state.openOrders().isEmpty()) {
      return sum; // a placement while nothing is open (every cash denial of a flat book): no walk
    }
    for (Order o : state.openOrders().values()) {
      if (o.spec().side() == side && (s == null || o.spec().symbol().equals(s))) {
        long px = o.price() > 0 ? o.price() : lastPrice(o.spec().symbol());
        sum += value ? o.remainingQuantity() * px : o.remainingQuantity();
      }
    }
    return sum;
  }

  private boolean priceOk(Symbol s, long price) {
    return PreTrade.limitPrice(price, band(s)).isEmpty();
  }

  /** Today's band of {@code s}, or empty before its first print (not known, so not checked). */
  private Optional<PriceLimits> band(Symbol s) {
    Quote q = quotes.get(s);
    return q == null ? Optional.empty() : q.band();
  }

  private Quote quote(Symbol s) {
    if (s == lastQuoted) {
      return lastQuote;
    }
    Quote q = quotes.get(s);
    if (q == null) {
      q = new Quote();
      quotes.put(s, q);
    }
    lastQuoted = s;
    lastQuote = q;
    return q;
  }

  /** KIS's HHMMSS of {@code t} in KST, without a formatter: once per accept and per fill. */
  private static String hhmmss(Instant t) {
    LocalTime l = LocalTime.ofInstant(t, StrategyContext.KST);
    int v = l.getHour() * 10_000 + l.getMinute() * 100 + l.getSecond();
    char[] c = new char[6];
    for (int i = 5; i >= 0; i--) {
      c[i] = (char) ('0' + v % 10);
      v /= 10;
    }
    return new String(c);
  }

  private static boolean modifiable(AgentState state, ClientOrderId id) {
    return state.order(id).map(o -> o.status().isModifiable()).orElse(false);
  }

  private OrderNo nextOrderNo() {
    return new OrderNo(Long.toString(orderNoSeq++));
  }

  /** A symbol's last print or close (0 before the first) and the day's base price (0 before the first close). */
  private static final class Quote {
    long last;
    long base;
    /** The band of {@link #bandBase}: worked out once per base, not per placement (every cash denial asks). */
    private Optional<PriceLimits> band = Optional.empty();
    private long bandBase;

    Optional<PriceLimits> band() {
      if (base == 0) {
        return Optional.empty();
      }
      if (bandBase != base) {
        band = Optional.of(PriceLimits.forBase(base));
        bandBase = base;
      }
      return band;
    }
  }

  private static final Comparator<Order> BY_SEQ = (a, b) -> Long.compare(seq(a.id()), seq(b.id()));

  private static long seq(ClientOrderId id) {
    String v = id.value();
    long fast = ClientOrderId.trailingSequence(v);
    if (fast >= 0) {
      return fast;
    }
    return Long.parseLong(v.substring(v.lastIndexOf('-') + 1));
  }
}
