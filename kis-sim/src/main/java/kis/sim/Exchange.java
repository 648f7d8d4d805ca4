package kis.sim;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import kis.journal.CostModel;
import kis.journal.KrxTick;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;
import kis.journal.calendar.SinglePriceMatch;
import kis.journal.calendar.VolatilityInterruption;
import kis.journal.calendar.VenueSession;

/**
 * The simulated KRX market and the one account trading on it: order validation as KIS does it,
 * price/time matching of the account's orders against a synthetic book and against trade prints,
 * fees and tax, and the session's day roll. Every public method is synchronized; the result
 * depends only on the seed and the order of calls, so tests can assert fills exactly.
 */
final class Exchange {
  /** Where market data and execution notices go (the websocket hub). Called under the lock. */
  interface Listener {
    /** Prints on one book ({@link Venue#KRX} or {@link Venue#NXT}). */
    void onTrades(Symbol symbol, Venue book, List<String> records);

    void onBook(Symbol symbol, Venue book, String record);

    void onNotice(ExecutionNotice notice);

    /** A stock's market-operation status on KRX ({@code H0STMKO0}): sent when a VI starts and when it ends. */
    default void onMarketStatus(Symbol symbol, String record) {}
  }

  /**
   * @param venue {@code EXCG_ID_DVSN_CD}: KRX, NXT or SOR
   * @param afterMarket sent with a KRX after-market code (41-43)
   * @param stopPrice {@code CNDT_PRIC}, a stop-limit's (22) trigger; 0 when blank (ignored for other types)
   */
  record OrderRequest(Symbol symbol, Side side, OrderType type, long qty, long price, Venue venue,
      boolean afterMarket, long stopPrice) {
    OrderRequest(Symbol symbol, Side side, OrderType type, long qty, long price, Venue venue, boolean afterMarket) {
      this(symbol, side, type, qty, price, venue, afterMarket, 0);
    }

    OrderRequest(Symbol symbol, Side side, OrderType type, long qty, long price) {
      this(symbol, side, type, qty, price, Venue.KRX, false, 0);
    }
  }

  /**
   * @param venue {@code EXCG_ID_DVSN_CD} of the revise or cancel: it must name the original order's venue
   * @param stopPrice {@code CNDT_PRIC} of a revise to a stop-limit (22): its new trigger; 0 when blank
   */
  record RevisionRequest(String orgno, String orgOdno, boolean cancel, OrderType type, long qty, boolean all,
      long price, Venue venue, long stopPrice) {
    RevisionRequest(String orgno, String orgOdno, boolean cancel, OrderType type, long qty, boolean all, long price,
        Venue venue) {
      this(orgno, orgOdno, cancel, type, qty, all, price, venue, 0);
    }

    RevisionRequest(String orgno, String orgOdno, boolean cancel, OrderType type, long qty, boolean all, long price) {
      this(orgno, orgOdno, cancel, type, qty, all, price, Venue.KRX, 0);
    }
  }

  sealed interface Result permits Accepted, Rejected {}

  record Accepted(String orgno, String odno, String time) implements Result {}

  /** @param message the reply's {@code msg1} when it names particulars (null: the rejection's own) */
  record Rejected(Rejection reason, String message) implements Result {
    Rejected(Rejection reason) {
      this(reason, null);
    }
  }

  static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");
  static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
  private static final Set<OrderType> SUPPORTED = EnumSet.of(OrderType.LIMIT, OrderType.MARKET,
      OrderType.IOC_LIMIT, OrderType.FOK_LIMIT, OrderType.IOC_MARKET, OrderType.FOK_MARKET, OrderType.STOP_LIMIT);

  final Flavour flavour;
  final String orgno;
  final CostModel costs = CostModel.KIS_2026;
  final SessionClock clock;
  final Map<Symbol, Instrument> instruments = new LinkedHashMap<>();
  /** The second book of the stocks that also trade on NXT. */
  final Map<Symbol, Instrument> nxtInstruments = new LinkedHashMap<>();
  final Account account;
  final List<SimOrder> orders = new ArrayList<>();
  final List<Fill> fills = new ArrayList<>();
  long nextOdno = 1;
  long nextFillSeq = 1;
  private long printSeq;
  /**
   * Whether KRX's opening and closing call auctions are simulated (the real flavour in KRX mode).
   * The paper server's handling of them is unconfirmed (kis-api.md §8), so the VTS flavour keeps
   * refusing orders before 09:00 (장시작전) and matches continuously until 15:30.
   */
  final boolean callAuctions;
  /** The call auctions already matched ({@code date/phase}), so each matches once. */
  private final Set<String> uncrossed = new HashSet<>();
  LocalDate tradingDate;
  /** The calibrated model's intraday activity (unused by the tick walk). */
  private final IntradayProfile profile;
  /** Keeps each NXT book's crowd on KRX's price (a few ticks apart) while KRX prints. */
  private final NxtArbitrage arbitrage;
  private Listener listener = new Listener() {
    @Override public void onTrades(Symbol symbol, Venue book, List<String> records) { }

    @Override public void onBook(Symbol symbol, Venue book, String record) { }

    @Override public void onNotice(ExecutionNotice notice) { }
  };

  Exchange(SimConfig cfg, SessionClock clock) {
    this.flavour = cfg.flavour();
    this.orgno = flavour == Flavour.VTS ? "00950" : "06010";
    this.callAuctions = flavour == Flavour.REAL;
    this.clock = clock;
    this.account = new Account(cfg.initialCash());
    ZonedDateTime now = clock.now();
    this.profile = new IntradayProfile(clock.mode(), clock.calendar(), callAuctions);
    this.arbitrage = new NxtArbitrage(cfg.seed());
    for (InstrumentSpec s : cfg.universe()) {
      instruments.put(s.symbol(), crowd(new Instrument(s, cfg.seed(), now.toLocalDate()), cfg, Venue.KRX));
      if (cfg.nxtSymbols().contains(s.symbol())) {
        // Its own seed: its prints, sizes and book differ from KRX's, so SOR has a better price to
        // find; its crowd follows KRX's price while KRX prints (NxtArbitrage).
        nxtInstruments.put(s.symbol(), crowd(new Instrument(s, cfg.seed() * 7919 + 17, now.toLocalDate()), cfg,
            Venue.NXT));
      }
    }
    tradingDate = now.toLocalDate();
    if (clock.mode() == SessionMode.KRX) {
      backfillToday(cfg.seed(), now);
    }
    // Auctions that ended before the simulator started are not replayed (e.g. over restored orders).
    clock.calendar().hours(Venue.KRX, tradingDate).ifPresent(day -> day.sessions().forEach(sess -> {
      if (!now.toLocalTime().isBefore(sess.end())) {
        uncrossed.add(tradingDate + "/" + sess.phase());
      }
    }));
  }

  /** Gives a book its calibrated crowd when the model asks for one, seeded by the seed, the stock and the book. */
  private static Instrument crowd(Instrument inst, SimConfig cfg, Venue book) {
    if (cfg.priceModel() == PriceModel.CALIBRATED) {
      inst.walk = new CalibratedWalk(inst.spec, new Random(cfg.seed() * 0x9E3779B97F4A7C15L
          + inst.spec.symbol().code().hashCode() * 31L + book.ordinal()));
    }
    return inst;
  }

  /** The book of {@code symbol} that printed last (KRX's until NXT's prints later), for integrated (UN) quotes. */
  Instrument integrated(Symbol symbol) {
    Instrument k = instruments.get(symbol);
    Instrument n = nxtInstruments.get(symbol);
    return n != null && n.lastPrintSeq > k.lastPrintSeq ? n : k;
  }

  /** A simulator started mid-session shows the day's minute bars since each book's first session. */
  private void backfillToday(long seed, ZonedDateTime now) {
    LocalTime until = now.toLocalTime().withSecond(0).withNano(0);
    for (Venue v : new Venue[] {Venue.KRX, Venue.NXT}) {
      List<LocalTime> minutes = new ArrayList<>();
      for (LocalTime t : PastMinuteBars.minutes(v, tradingDate, clock.calendar())) {
        if (t.isBefore(until)) {
          minutes.add(t);
        }
      }
      Map<Symbol, Instrument> books = v == Venue.NXT ? nxtInstruments : instruments;
      books.forEach((s, inst) -> inst.backfill(minutes,
          new Random(seed * 1_000_003L + s.code().hashCode() * 31L + tradingDate.toEpochDay() + v.ordinal())));
    }
  }

  /** The book of {@code symbol} on {@code venue} (KRX or NXT), or null when it does not trade there. */
  Instrument book(Symbol symbol, Venue venue) {
    return venue == Venue.NXT ? nxtInstruments.get(symbol) : instruments.get(symbol);
  }

  synchronized void listener(Listener l) {
    this.listener = l;
  }

  /**
   * Runs {@code read} under the lock, for consistent snapshots of the market as of now: sessions
   * that ended since the last call (the clock may have been stepped) expire their orders first.
   */
  synchronized <T> T read(Supplier<T> read) {
    ensureDay(clock.now());
    return read.get();
  }

  // ---------------------------------------------------------------- orders

  synchronized Result place(OrderRequest r) {
    ZonedDateTime now = clock.now();
    ensureDay(now);
    if (flavour == Flavour.VTS && (r.venue() != Venue.KRX || r.afterMarket())) {
      return new Rejected(Rejection.PAPER_KRX_ONLY);
    }
    Instrument krx = instruments.get(r.symbol());
    if (krx == null || (flavour == Flavour.VTS && krx.base < 1_000)) {
      return new Rejected(Rejection.NOT_TRADABLE);
    }
    if (r.venue() == Venue.NXT && !nxtInstruments.containsKey(r.symbol())) {
      return new Rejected(Rejection.NOT_ON_NXT);
    }
    if (!SimVenues.takesType(r.venue(), r.type(), r.afterMarket())) {
      return new Rejected(Rejection.VENUE_ORDER_TYPE, Rejection.VENUE_ORDER_TYPE.message(flavour)
          .replace("{venue}", r.venue().name()));
    }
    boolean auction = r.venue() == Venue.KRX && !r.afterMarket() && inCall(r.symbol(), Venue.KRX, now);
    Venue book = auction ? Venue.KRX : route(r, now);
    if (auction && !SimVenues.auctionType(r.type())) {
      return new Rejected(Rejection.BAD_ORDER_TYPE);
    }
    if (book == null) {
      return new Rejected(sessionRejection(r.venue(), now));
    }
    Instrument inst = book(r.symbol(), book);
    if (!SUPPORTED.contains(r.type())) {
      return new Rejected(Rejection.BAD_ORDER_TYPE);
    }
    if (r.qty() <= 0) {
      return new Rejected(Rejection.BAD_QUANTITY);
    }
    Rejection priceCheck = checkPrice(inst, r.type(), r.price());
    if (priceCheck == null && r.type() == OrderType.STOP_LIMIT) {
      priceCheck = checkStop(inst, r.side(), r.stopPrice());
    }
    if (priceCheck != null) {
      return new Rejected(priceCheck);
    }
    if (r.side() == Side.BUY) {
      if (reserve(inst, r.type(), r.price(), r.qty()) > availableCash()) {
        return new Rejected(Rejection.INSUFFICIENT_CASH);
      }
    } else if (r.qty() > sellableQty(r.symbol())) {
      return new Rejected(Rejection.INSUFFICIENT_SHARES);
    }
    String time = HHMMSS.format(now);
    SimOrder o = new SimOrder(newOdno(), "", SimOrder.Kind.NEW, tradingDate, time, r.symbol(), r.side(), r.type(),
        r.qty(), r.type().carriesPrice() ? r.price() : 0);
    o.requested = r.venue();
    o.book = book;
    o.afterMarket = r.afterMarket();
    o.stopPrice = r.type() == OrderType.STOP_LIMIT ? r.stopPrice() : 0;
    orders.add(o);
    notice(o, "0", false, o.qty, o.price, "2", false, time);
    if (!auction && !o.waitingForTrigger()) {
      matchIncoming(inst, o, time);
    }
    return new Accepted(orgno, o.odno, time);
  }

  synchronized Result reviseOrCancel(RevisionRequest r) {
    ZonedDateTime now = clock.now();
    ensureDay(now);
    if (flavour == Flavour.VTS && r.venue() != Venue.KRX) {
      return new Rejected(Rejection.PAPER_KRX_ONLY);
    }
    SimOrder orig = null;
    for (SimOrder o : orders) {
      if (o.odno.equals(r.orgOdno()) && o.kind != SimOrder.Kind.CANCEL && o.date.equals(tradingDate)) {
        orig = o;
      }
    }
    if (orig == null || !orgno.equals(r.orgno())) {
      return new Rejected(Rejection.NO_ORIGINAL_ORDER);
    }
    // KIS sends a revise or cancel to the exchange named, and refuses one naming another than the
    // original's: "취소주문 불가합니다. 원주문 거래소[NXT] 취소주문 거래소[KRX]" (a live log).
    if (r.venue() != orig.requested && r.venue() != orig.book) {
      String what = r.cancel() ? "취소" : "정정";
      return new Rejected(Rejection.WRONG_VENUE, what + "주문 불가합니다. 원주문 거래소[" + orig.book + "] " + what
          + "주문 거래소[" + r.venue() + "]");
    }
    boolean auction = !orig.afterMarket && inCall(orig.symbol, orig.book, now);
    if (!auction && !SimVenues.bookOpenFor(orig.book, clock.phase(orig.book, now), orig.afterMarket)) {
      return new Rejected(sessionRejection(orig.book, now));
    }
    long rem = orig.remaining();
    long q = r.all() ? rem : r.qty();
    if (rem == 0 || q > rem) {
      return new Rejected(Rejection.NOTHING_TO_CANCEL);
    }
    if (q <= 0) {
      return new Rejected(Rejection.BAD_QUANTITY);
    }
    Instrument inst = book(orig.symbol, orig.book);
    String time = HHMMSS.format(now);
    if (r.cancel()) {
      orig.cancelled += q;
      SimOrder row = new SimOrder(newOdno(), orig.odno, SimOrder.Kind.CANCEL, tradingDate, time, orig.symbol,
          orig.side, orig.type, q, orig.price).sameVenueAs(orig);
      row.cancelled = q;
      orders.add(row);
      notice(row, "2", false, q, orig.price, "2", false, time);
      return new Accepted(orgno, row.odno, time);
    }
    OrderType type = r.type() == null ? orig.type : r.type();
    // A stop-limit is revised as one (22, a new CNDT_PRIC or its own) only while it waits for its
    // trigger; once triggered it is a limit order in the book and revised like one.
    boolean stop = type == OrderType.STOP_LIMIT;
    if (stop ? !orig.waitingForTrigger() : type != OrderType.LIMIT && type != OrderType.MARKET
        || !SimVenues.takesType(orig.book, type, orig.afterMarket) || orig.afterMarket && type != OrderType.LIMIT) {
      return new Rejected(Rejection.BAD_ORDER_TYPE);
    }
    long stopPrice = stop ? (r.stopPrice() > 0 ? r.stopPrice() : orig.stopPrice) : 0;
    Rejection priceCheck = checkPrice(inst, type, r.price());
    if (priceCheck == null && stop) {
      priceCheck = checkStop(inst, orig.side, stopPrice);
    }
    if (priceCheck != null) {
      return new Rejected(priceCheck);
    }
    if (orig.side == Side.BUY) {
      long extra = reserve(inst, type, r.price(), q) - reserve(inst, orig.type, orig.price, q);
      if (extra > availableCash()) {
        return new Rejected(Rejection.INSUFFICIENT_CASH);
      }
    }
    orig.revised += q;
    SimOrder row = new SimOrder(newOdno(), orig.odno, SimOrder.Kind.REVISE, tradingDate, time, orig.symbol,
        orig.side, type, q, type.carriesPrice() ? r.price() : 0).sameVenueAs(orig);
    row.first = orig.first;
    row.stopPrice = stopPrice;
    orders.add(row);
    notice(row, "1", false, q, row.price, "2", false, time);
    if (!auction && !row.waitingForTrigger()) {
      matchIncoming(inst, row, time);
    }
    return new Accepted(orgno, row.odno, time);
  }

  /**
   * The book an order goes to now, or null when none takes it: KRX or NXT as named, and for SOR
   * the open book with the better price for the order (the lower ask for a buy, the higher bid for
   * a sell; KRX on a tie or when the stock has no NXT book).
   */
  private Venue route(OrderRequest r, ZonedDateTime now) {
    if (r.venue() != Venue.SOR) {
      return SimVenues.bookOpenFor(r.venue(), clock.phase(r.venue(), now), r.afterMarket()) ? r.venue() : null;
    }
    boolean krxOpen = SimVenues.bookOpenFor(Venue.KRX, clock.phase(Venue.KRX, now), false)
        && !inCall(r.symbol(), Venue.KRX, now);
    boolean nxtOpen = nxtInstruments.containsKey(r.symbol())
        && SimVenues.bookOpenFor(Venue.NXT, clock.phase(Venue.NXT, now), false);
    if (!krxOpen || !nxtOpen) {
      return krxOpen ? Venue.KRX : nxtOpen ? Venue.NXT : null;
    }
    Instrument k = instruments.get(r.symbol());
    Instrument n = nxtInstruments.get(r.symbol());
    if (r.side() == Side.BUY) {
      return n.bestAsk() > 0 && (k.bestAsk() == 0 || n.bestAsk() < k.bestAsk()) ? Venue.NXT : Venue.KRX;
    }
    return n.bestBid() > k.bestBid() ? Venue.NXT : Venue.KRX;
  }

  /** Whether {@code book} is in a KRX call auction now (only when auctions are simulated). */
  boolean inAuction(Venue book, ZonedDateTime now) {
    return callAuctions && SimVenues.krxAuction(book, clock.phase(book, now));
  }

  /** Whether {@code symbol}'s book on {@code book} is in a call now: KRX's auctions or a VI on it. */
  boolean inCall(Symbol symbol, Venue book, ZonedDateTime now) {
    if (inAuction(book, now)) {
      return true;
    }
    Instrument inst = book == Venue.KRX ? instruments.get(symbol) : null;
    return callAuctions && inst != null && inst.viEnd != null && now.isBefore(inst.viEnd);
  }

  /** Why {@code venue} takes no order now: before its first session of the day "not open yet", after it "closed". */
  private Rejection sessionRejection(Venue venue, ZonedDateTime now) {
    return clock.calendar().hours(venue, now.toLocalDate())
        .filter(day -> now.toLocalTime().isBefore(venue == Venue.KRX
            ? day.session(MarketPhase.CONTINUOUS).orElseThrow().start() : day.opens()))
        .isPresent() ? Rejection.MARKET_NOT_OPEN : Rejection.MARKET_CLOSED;
  }

  private static Rejection checkPrice(Instrument inst, OrderType type, long price) {
    if (!type.carriesPrice()) {
      return null;
    }
    if (!KrxTick.isOnGrid(price)) {
      return Rejection.OFF_TICK;
    }
    return inst.limits.contains(price) ? null : Rejection.PRICE_LIMIT;
  }

  /**
   * A stop-limit's {@code CNDT_PRIC}: present, on the tick grid and inside the day's band, and not
   * yet reached by the book's last print (a buy's above it, a sell's below it): a stop that would
   * trigger at once is refused rather than turned into a limit order (the simulator's reading of
   * KRX's and NXT's rule; see the README).
   */
  private static Rejection checkStop(Instrument inst, Side side, long stopPrice) {
    if (stopPrice <= 0) {
      return Rejection.STOP_PRICE_MISSING;
    }
    if (!KrxTick.isOnGrid(stopPrice)) {
      return Rejection.OFF_TICK;
    }
    if (!inst.limits.contains(stopPrice)) {
      return Rejection.PRICE_LIMIT;
    }
    boolean reached = side == Side.BUY ? inst.last >= stopPrice : inst.last <= stopPrice;
    return reached ? Rejection.STOP_PRICE_REACHED : null;
  }

  /** Cash a buy ties up: limit price, or the upper limit for a market order (KIS does the same). */
  private long reserve(Instrument inst, OrderType type, long price, long qty) {
    long px = type.carriesPrice() ? price : inst.limits.upper();
    long value = px * qty;
    return value + costs.fee(value);
  }

  long availableCash() {
    long reserved = 0;
    for (SimOrder o : orders) {
      if (o.side == Side.BUY && o.open()) {
        reserved += reserve(instruments.get(o.symbol), o.type, o.price, o.remaining());
      }
    }
    return account.cash - reserved;
  }

  long sellableQty(Symbol s) {
    long pending = 0;
    for (SimOrder o : orders) {
      if (o.side == Side.SELL && o.symbol.equals(s) && o.open()) {
        pending += o.remaining();
      }
    }
    return account.qty(s) - pending;
  }

  private String newOdno() {
    return String.format("%010d", nextOdno++);
  }

  // ---------------------------------------------------------------- matching

  /** A new (or revised) order meets the synthetic book at once if it is marketable. */
  private void matchIncoming(Instrument inst, SimOrder o, String time) {
    boolean ioc = o.type == OrderType.IOC_LIMIT || o.type == OrderType.IOC_MARKET;
    boolean fok = o.type == OrderType.FOK_LIMIT || o.type == OrderType.FOK_MARKET;
    if (fok && available(inst, o) < o.remaining()) {
      long q = o.remaining();
      o.cancelled += q;
      notice(o, "0", true, q, o.price, "3", false, time);
      return;
    }
    List<Instrument.Print> prints = new ArrayList<>();
    sweepBook(inst, o, time, prints);
    if ((ioc || fok) && o.remaining() > 0) {
      long q = o.remaining();
      o.cancelled += q;
      notice(o, "0", false, q, o.price, "3", false, time);
    }
    publish(inst, prints, time);
  }

  private long available(Instrument inst, SimOrder o) {
    long sum = 0;
    for (int i = 0; i < Instrument.LEVELS; i++) {
      long px = o.side == Side.BUY ? inst.askPx[i] : inst.bidPx[i];
      if (px == 0 || (!o.marketable() && (o.side == Side.BUY ? px > o.price : px < o.price))) {
        break;
      }
      sum += o.side == Side.BUY ? inst.askQty[i] : inst.bidQty[i];
    }
    return sum;
  }

  /** Takes liquidity from the synthetic book level by level within the order's limit. */
  private void sweepBook(Instrument inst, SimOrder o, String time, List<Instrument.Print> prints) {
    boolean buy = o.side == Side.BUY;
    long[] px = buy ? inst.askPx : inst.bidPx;
    long[] qty = buy ? inst.askQty : inst.bidQty;
    for (int i = 0; i < Instrument.LEVELS && o.remaining() > 0; i++) {
      if (px[i] == 0 || (!o.marketable() && (buy ? px[i] > o.price : px[i] < o.price))) {
        break;
      }
      long take = Math.min(o.remaining(), qty[i]);
      if (take > 0) {
        fill(inst, o, px[i], take, time);
        qty[i] -= take;
        prints.add(new Instrument.Print(px[i], take, buy));
      }
    }
  }

  /**
   * Trade prints from outside (generator or a test) hit the account's resting orders first, at the
   * orders' limit prices, up to each print's quantity. The book is then rebuilt around the last
   * print, and only market orders still open take from it: a resting limit order has met the print
   * that went through it, and on a real exchange that print could not have happened beside it, so
   * its remainder keeps resting until later prints (the backtest's fill model does the same; the
   * backtest-live parity test in engine depends on it).
   */
  synchronized void trade(Symbol symbol, List<Instrument.Print> prints) {
    trade(symbol, Venue.KRX, prints);
  }

  /** Prints on one book ({@code KRX} or {@code NXT}); they cross only that book's resting orders. */
  synchronized void trade(Symbol symbol, Venue venue, List<Instrument.Print> prints) {
    ZonedDateTime now = clock.now();
    ensureDay(now);
    Instrument inst = book(symbol, venue);
    String time = HHMMSS.format(now);
    List<String> records = new ArrayList<>();
    List<SimOrder> triggered = new ArrayList<>();
    for (Instrument.Print p : prints) {
      if (venue == Venue.KRX && triggersVi(inst, p, now)) {
        break; // the print does not happen: KRX switches the stock to a single-price call instead
      }
      crossResting(inst, p, time);
      inst.lastPrintSeq = ++printSeq;
      inst.record(p, time);
      records.add(RealtimeFrames.trade(inst, p, time, tradingDate));
      triggered.addAll(triggerStops(symbol, venue, p.price(), time));
    }
    inst.regenerateBook();
    List<Instrument.Print> extra = new ArrayList<>();
    for (SimOrder o : openOrders(symbol, venue)) {
      // Market orders still open, and stops that triggered now: both arrive at the rebuilt book.
      if ((o.marketable() || triggered.contains(o)) && inst.viEnd == null) {
        sweepBook(inst, o, time, extra);
      }
    }
    for (Instrument.Print p : extra) {
      inst.record(p, time);
      records.add(RealtimeFrames.trade(inst, p, time, tradingDate));
    }
    listener.onTrades(symbol, venue, records);
    listener.onBook(symbol, venue, RealtimeFrames.book(inst, time, ownDepth(inst, venue)));
  }

  /**
   * KRX's volatility interruption (krx-nxt-2026.md §5), in continuous trading on the real flavour:
   * a print 6 % or more from the last trade (dynamic; the simulator treats every stock as a
   * non-KOSPI200 one) or 10 % or more from the day's reference (static: the opening price, or the
   * base before the first trade) starts a two-minute single-price call instead of printing. Only
   * on the market's sessions ({@code session-mode = KRX}): an always-open simulator trades every
   * book continuously, and its day never ends, so a walk that drifted 10 % from the open would
   * otherwise halt its stock in one VI after another.
   */
  private boolean triggersVi(Instrument inst, Instrument.Print p, ZonedDateTime now) {
    if (!callAuctions || clock.mode() != SessionMode.KRX || clock.phase(Venue.KRX, now) != MarketPhase.CONTINUOUS) {
      return false;
    }
    if (inst.viEnd != null) {
      return true; // prints wait for the VI's match
    }
    long ref = inst.open == 0 ? inst.base : inst.open;
    if (!VolatilityInterruption.triggered(ref, inst.last, p.price())) {
      return false;
    }
    inst.viEnd = now.plus(VolatilityInterruption.DURATION);
    inst.viPrice = p.price();
    listener.onMarketStatus(inst.spec.symbol(), RealtimeFrames.marketStatus(inst.spec.symbol(), true));
    return true;
  }

  /** Ends each VI whose two minutes are up: its call matches at the triggering price, then trading goes on. */
  private void uncrossDueVis(ZonedDateTime now) {
    for (Instrument inst : instruments.values()) {
      if (inst.viEnd != null && !now.isBefore(inst.viEnd)) {
        String time = HHMMSS.format(inst.viEnd);
        inst.viEnd = null;
        listener.onMarketStatus(inst.spec.symbol(), RealtimeFrames.marketStatus(inst.spec.symbol(), false));
        uncross(inst, inst.viPrice, time, true);
      }
    }
  }

  /**
   * The stop-limits on {@code venue}'s book of {@code symbol} that a print at {@code price} triggers
   * (a buy stop at or above its {@code CNDT_PRIC}, a sell stop at or below it): from now on each is
   * a limit order at its {@code ORD_UNPR} in the book, behind the prints that triggered it. Only
   * that book's continuous prints trigger (an auction's or a VI's single-price match does not),
   * and KIS sends no notice for it; inquiries show the time ({@code stpm_efct_occr_dtmd}).
   */
  private List<SimOrder> triggerStops(Symbol symbol, Venue venue, long price, String time) {
    List<SimOrder> out = new ArrayList<>();
    for (SimOrder o : orders) {
      if (o.symbol.equals(symbol) && o.book == venue && o.open() && o.waitingForTrigger()
          && (o.side == Side.BUY ? price >= o.stopPrice : price <= o.stopPrice)) {
        o.triggeredAt = time;
        out.add(o);
      }
    }
    return out;
  }

  private void crossResting(Instrument inst, Instrument.Print p, String time) {
    long left = p.qty();
    for (SimOrder o : openOrders(inst.spec.symbol(), venueOf(inst))) {
      if (left == 0) {
        break;
      }
      boolean crosses = o.marketable() || (o.side == Side.BUY ? o.price >= p.price() : o.price <= p.price());
      if (!crosses) {
        continue;
      }
      long q = Math.min(left, o.remaining());
      fill(inst, o, o.marketable() ? p.price() : o.price, q, time);
      left -= q;
    }
  }

  /** Open orders of a stock in priority: market first, then best price, then time. */
  private List<SimOrder> openOrders(Symbol s, Venue book) {
    List<SimOrder> open = new ArrayList<>();
    for (SimOrder o : orders) {
      if (o.symbol.equals(s) && o.book == book && o.inBook()) {
        open.add(o);
      }
    }
    open.sort(Comparator.comparing((SimOrder o) -> !o.marketable())
        .thenComparingLong(o -> o.side == Side.BUY ? -o.price : o.price)
        .thenComparing(o -> o.odno));
    return open;
  }

  private void publish(Instrument inst, List<Instrument.Print> prints, String time) {
    if (prints.isEmpty()) {
      return;
    }
    List<String> records = new ArrayList<>();
    for (Instrument.Print p : prints) {
      inst.lastPrintSeq = ++printSeq;
      inst.record(p, time);
      records.add(RealtimeFrames.trade(inst, p, time, tradingDate));
    }
    Venue venue = venueOf(inst);
    listener.onTrades(inst.spec.symbol(), venue, records);
    listener.onBook(inst.spec.symbol(), venue, RealtimeFrames.book(inst, time, ownDepth(inst, venue)));
  }

  private Venue venueOf(Instrument inst) {
    return nxtInstruments.get(inst.spec.symbol()) == inst ? Venue.NXT : Venue.KRX;
  }

  private Map<Long, long[]> ownDepth(Instrument inst, Venue venue) {
    Map<Long, long[]> m = new LinkedHashMap<>();
    for (SimOrder o : openOrders(inst.spec.symbol(), venue)) {
      if (!o.marketable()) {
        long[] q = m.computeIfAbsent(o.price, k -> new long[2]);
        q[o.side == Side.SELL ? 0 : 1] += o.remaining();
      }
    }
    return m;
  }

  private void fill(Instrument inst, SimOrder o, long price, long qty, String time) {
    long value = price * qty;
    // Fee and tax are rounded down on the order's cumulative amount (original and revises), each
    // fill paying the increase (CostModel): the same whether the engine books notices or inquiries.
    long before = o.first.chainFilledAmount;
    long fee = costs.fillFee(before, value);
    long tax = costs.fillTax(o.side, before, value);
    o.first.chainFilledAmount += value;
    if (o.side == Side.BUY) {
      account.applyBuy(o.symbol, qty, value, fee + tax);
    } else {
      account.applySell(o.symbol, qty, value, fee + tax);
    }
    o.filled += qty;
    o.filledAmount += value;
    fills.add(new Fill(nextFillSeq++, o.odno, tradingDate, time, o.symbol, o.side, qty, price, fee, tax));
    notice(o, o.kind == SimOrder.Kind.REVISE ? "1" : "0", false, qty, price, "2", true, time);
  }

  private void notice(SimOrder o, String rctf, boolean refused, long qty, long price, String acpt, boolean fill,
      String time) {
    listener.onNotice(new ExecutionNotice(o.odno, o.orgOdno, o.side, rctf, o.type, o.symbol, qty, price, time,
        refused, fill, acpt, o.qty, o.price, instruments.get(o.symbol).spec.name(), o.ordDvsn(),
        SimVenues.exgGb(o.requested, o.book), o.stopPrice));
  }

  // ---------------------------------------------------------------- market and session

  /** One price-generator step of {@code realSeconds} for every stock, if the market is open. */
  synchronized void generatorTick(double realSeconds) {
    ZonedDateTime now = clock.now();
    ensureDay(now);
    double dt = realSeconds * clock.compression();
    boolean krx = clock.phase(Venue.KRX, now).matchesContinuously()
        || !callAuctions && clock.phase(Venue.KRX, now) == MarketPhase.CLOSING_AUCTION;
    MarketPhase nxtPhase = clock.phase(Venue.NXT, now);
    boolean nxt = nxtPhase.matchesContinuously();
    for (Instrument inst : instruments.values()) {
      boolean krxPrints = krx && inst.viEnd == null;
      if (krxPrints) {
        printCrowd(inst, Venue.KRX, now, dt, true);
      }
      Instrument n = nxtInstruments.get(inst.spec.symbol());
      if (nxt && n != null) {
        printCrowd(n, Venue.NXT, now, dt, !arbitrage.steer(inst, n, krxPrints, nxtPhase, dt));
      }
    }
  }

  /**
   * The crowd's prints on {@code inst} for the {@code dt} seconds of market time ending {@code now}:
   * the tick walk prints at every step, the calibrated model at its own rate (a quiet stock's step
   * often has none, and then nothing is sent). With {@code moveValue} false the book's value was
   * set for this step (an NXT book following KRX's) and the model only prints around it.
   */
  private void printCrowd(Instrument inst, Venue book, ZonedDateTime now, double dt, boolean moveValue) {
    List<Instrument.Print> prints = inst.walk == null ? inst.generate(dt, moveValue)
        : inst.walk.step(inst, profile.step(now, dt), moveValue);
    if (!prints.isEmpty()) {
      trade(inst.spec.symbol(), book, prints);
    }
  }

  /** Checks for the session's end and the day roll; called periodically and before every order. */
  synchronized void checkSession() {
    ensureDay(clock.now());
  }

  private void ensureDay(ZonedDateTime now) {
    if (clock.mode() == SessionMode.KRX) {
      if (callAuctions) {
        uncrossDueVis(now);
        uncrossDueAuctions(now);
      }
      expireEndedSessions(now);
    }
    LocalDate date = now.toLocalDate();
    if (!date.equals(tradingDate)) {
      rollDay(date);
    }
  }

  /**
   * KRX's call auctions match once, at the open and at the close, at a single price: every KRX
   * order marketable at it fills there in full (the synthetic crowd takes the other side), as in
   * KRX's single-price rule where all matched orders trade at one price. The simulator's single
   * price is the crowd's reference, the last price; the match prints one trade at it.
   */
  private void uncrossDueAuctions(ZonedDateTime now) {
    LocalDate today = now.toLocalDate();
    if (!today.equals(tradingDate)) {
      return; // the day roll comes first
    }
    clock.calendar().hours(Venue.KRX, today).ifPresent(day -> {
      for (MarketPhase p : new MarketPhase[] {
          MarketPhase.PRE_OPEN, MarketPhase.CLOSING_AUCTION}) {
        day.session(p).ifPresent(s -> {
          String key = today + "/" + p;
          if (!now.toLocalTime().isBefore(s.end()) && uncrossed.add(key)) {
            uncross(HHMMSS.format(s.end()));
          }
        });
      }
    });
  }

  private void uncross(String time) {
    for (Instrument inst : instruments.values()) {
      if (inst.viEnd != null) {
        inst.viEnd = null; // an auction's match ends a VI running into it
        listener.onMarketStatus(inst.spec.symbol(), RealtimeFrames.marketStatus(inst.spec.symbol(), false));
      }
      uncross(inst, inst.last, time, false);
    }
  }

  /** One book's single-price match at {@code px}: orders marketable at it fill there; one print (always after a VI). */
  private void uncross(Instrument inst, long px, String time, boolean printAlways) {
    {
      long qty = 0;
      List<SinglePriceMatch.Entry<SimOrder>> call = new ArrayList<>();
      for (SimOrder o : openOrders(inst.spec.symbol(), Venue.KRX)) {
        if (!o.afterMarket) {
          call.add(new SinglePriceMatch.Entry<>(o, o.side, o.marketable(), o.price, o.remaining()));
        }
      }
      // The crowd takes the other side of every order that takes part, in full.
      for (SinglePriceMatch.Allocation<SimOrder> a : SinglePriceMatch.allocate(px, call, Long.MAX_VALUE)) {
        fill(inst, a.order(), px, a.quantity(), time);
        qty += a.quantity();
      }
      if (qty > 0 || printAlways) {
        publish(inst, List.of(new Instrument.Print(px, Math.max(1, qty), true)), time);
        inst.regenerateBook();
      }
    }
  }

  /**
   * Each order lives until its own session ends: a KRX regular order until KRX's close, a KRX
   * after-market order until the after-market's end, an NXT order until NXT's last session ends
   * (20:00), so an NXT order survives 15:30.
   */
  private void expireEndedSessions(ZonedDateTime now) {
    for (SimOrder o : orders) {
      if (o.open() && o.date.equals(now.toLocalDate()) && !now.toLocalTime().isBefore(sessionEnd(o, now.toLocalDate()))) {
        o.cancelled += o.remaining();
        o.expired = true;
      }
    }
  }

  private LocalTime sessionEnd(SimOrder o, LocalDate date) {
    LocalTime never = LocalTime.MAX;
    return clock.calendar().hours(o.book, date).map(day -> {
      if (o.book == Venue.KRX) {
        MarketPhase p = o.afterMarket ? MarketPhase.AFTER_MARKET
            : MarketPhase.CLOSING_AUCTION;
        return day.session(p).map(VenueSession::end).orElse(never);
      }
      return day.closes();
    }).orElse(never);
  }

  /** {@link #expireOpenOrders}, asked for from outside (a test's day roll). */
  synchronized void expireOpenOrdersNow() {
    expireOpenOrders();
  }

  /** KIS cancels unfilled orders after the session; they show as cancelled, with no notice. */
  private void expireOpenOrders() {
    for (SimOrder o : orders) {
      if (o.open()) {
        o.cancelled += o.remaining();
        o.expired = true;
      }
    }
  }

  private void rollDay(LocalDate date) {
    expireOpenOrders();
    for (Instrument inst : instruments.values()) {
      inst.closeDay(tradingDate);
      inst.startDay(inst.last, date);
      Instrument n = nxtInstruments.get(inst.spec.symbol());
      if (n != null) {
        // NXT's band is ±30 % of KRX's previous close (krx-nxt-2026.md §1.1).
        n.closeDay(tradingDate);
        n.startDay(inst.base, date);
      }
    }
    account.rollDay();
    tradingDate = date;
  }

  /** Expires today's open orders and moves the clock to the next day, same time of day. */
  synchronized void endOfDay() {
    expireOpenOrders();
    clock.advance(Duration.ofDays(1));
    ensureDay(clock.now());
  }

  synchronized void advanceClock(Duration d) {
    clock.advance(d);
    ensureDay(clock.now());
  }

  Instrument instrument(Symbol s) {
    return instruments.get(s);
  }
}
