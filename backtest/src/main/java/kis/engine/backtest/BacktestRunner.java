package kis.engine.backtest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kis.journal.risk.DayCounters;
import kis.journal.risk.OwnLimits;
import kis.journal.ClientOrderId;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.CancelRequested;
import kis.journal.event.OrderCancelled;
import kis.journal.event.OrderEvent;
import kis.journal.event.OrderExpired;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.event.ReviseRequested;
import kis.journal.state.AgentState;
import kis.journal.state.Position;
import kis.strategies.BarsFromTrades;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.OrderUpdate;
import kis.strategies.event.PhaseChanged;
import kis.strategies.event.ProtectiveUpdate;
import kis.strategies.event.Trade;
import kis.journal.event.ProtectiveEvent;
import kis.strategies.event.SessionClosed;
import kis.strategies.event.SessionOpened;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.TimerFired;
import kis.journal.Venue;
import kis.journal.calendar.MarketCalendar;
import kis.journal.calendar.OrderLifetime;

/**
 * Runs one strategy over historical data on a simulated clock, through the same fold as the live
 * agent ({@link AgentState#apply}) with a {@link SimulatedBroker} in place of KIS. Single-threaded
 * and allocation-light: no actors and no journal in the loop.
 *
 * <p>The clock is the data's: before each market event at time t the runner delivers, in time order,
 * everything due by then: {@code SessionOpened} at 09:00 of each trading day (t at or after it),
 * the strategy's timers (t at or after them) and {@code SessionClosed} at 15:30 (t strictly after
 * it, so a bar stamped 15:30 still belongs to the session), followed by the expiry of every order
 * still open. Then the event's fills, then the event itself. After the last event the last session
 * closes.
 *
 * <p>On a day whose tape follows the session table ({@link SessionTape}) the strategy is also told
 * each venue's {@code PhaseChanged} (from NXT's 08:00 and KRX's 08:30 call on) and a stock's VI, each
 * before whatever else is due at its instant; the open and close are the calendar's of that day, and
 * the close waits for the closing auction's match when its minute bar ends after 15:30. On a day
 * replayed whole (its tape prints after the close: NXT's and KRX's after-markets) the close expires
 * only what its venue cancelled by then (journal's {@link OrderLifetime}, as the live day roll: a
 * regular KRX order at 15:30, an NXT, SOR or KRX after-market order at 20:00), and the rest expires
 * at the day's end, after which the day's equity is booked.
 */
public final class BacktestRunner {
  /** KRX's regular open and close from the one calendar; every data day is a session (the data says which days traded). */
  static final LocalTime OPEN = MarketCalendar.defaults().regularHours(Venue.KRX).open();
  static final LocalTime CLOSE = MarketCalendar.defaults().regularHours(Venue.KRX).close();
  private static final int MAX_ROUNDS_PER_EVENT = 10_000;
  /** When each venue cancels its orders, from the same session table as the live day roll. */
  private static final OrderLifetime LIFETIME = new OrderLifetime(MarketCalendar.defaults());

  private final Strategy strategy;
  private final String name;
  private final BacktestConfig cfg;
  private final SimulatedBroker broker;
  /** The sessions history shows (auctions, VIs), and the phase changes the strategy is told. */
  private final SessionTape tape;
  private final List<PhaseChanged> phases;
  private int nextPhase;
  private final List<AgentEvent> journal = new ArrayList<>();
  private final List<BacktestResult.Fill> fills = new ArrayList<>();
  private final List<BacktestResult.RoundTrip> trips = new ArrayList<>();
  private final Map<Symbol, Trip> openTrips = new HashMap<>();
  private EquityCurve equity;
  private final List<BacktestResult.DailyEquity> daily = new ArrayList<>();
  private final TreeMap<String, Instant> timers = new TreeMap<>();
  private AgentState state;
  /** Today's order count and start-of-day books, for the agent's own limits; null without them. */
  private DayCounters counters;
  private Instant now;
  private LocalDate session;
  private Instant sessionClose;
  /** The day whose after-market is still replayed after its close, and when that ends; null otherwise. */
  private LocalDate evening;
  private Instant eveningEnd;
  private int nextOpenIndex = -1;
  private Instant nextOpen;
  private long dropped;
  private long lastSampleMinute = Long.MIN_VALUE;
  /** The positions of {@link #heldOf} not flat: equity is sampled every new minute, positions change far less often. */
  private Position[] held = new Position[0];
  private Map<String, Position> heldOf;

  private BacktestRunner(Strategy strategy, String name, BacktestConfig cfg, SessionTape tape) {
    this.strategy = strategy;
    this.name = name;
    this.cfg = cfg;
    this.tape = tape;
    this.phases = tape.timeline();
    this.broker = new SimulatedBroker(cfg, tape);
    this.state = AgentState.empty(cfg.agentId().value());
    this.counters = cfg.limits() == OwnLimits.NONE ? null
        : DayCounters.startOf(LocalDate.MIN, state);
  }

  /**
   * Runs {@code strategy} over {@code data}; throws if the strategy throws. A strategy that consumes
   * bars gets one-minute bars built from the trades of every symbol the data has no minute bars for,
   * by the same {@link BarsFromTrades} as the live strategy host.
   */
  public static BacktestResult run(Strategy strategy, String name, MarketData data, BacktestConfig cfg,
      ProgressListener progress) {
    MarketData mine = data.only(strategy.symbols());
    Strategy fed = strategy;
    if (strategy.consumesBars()) {
      Set<Symbol> build = mine.symbolsWithTradesOnly(); // bar data: not wrapped, the loop stays as it was
      fed = build.isEmpty() ? strategy : BarsFromTrades.around(strategy, build::contains);
    }
    return new BacktestRunner(fed, name, cfg, mine.sessionTape()).loop(mine, progress);
  }

  /**
   * How many of the data's days follow KRX's session table, so run with its auctions and VIs
   * ({@link SessionTape}); the others run the continuous model. For the command's summary.
   */
  public static int daysFollowingSessionTable(MarketData data) {
    return data.sessionTape().days();
  }

  private BacktestResult loop(MarketData data, ProgressListener progress) {
    List<LocalDate> days = data.tradingDates();
    // A point per new minute and per session close: one per event and day with minute bars.
    equity = new EquityCurve(cfg.initialCash(), (int) Math.min(data.size() + days.size() + 1L, 1 << 21));
    int nextDay = 0;
    long total = data.size();
    long done = 0;
    long step = Math.max(1, total / 200);
    long untilProgress = step; // a countdown, not a division per event
    for (MarketEvent e : data.events()) {
      nextDay = advance(e.time(), days, nextDay, tape.isClosingMatch(e));
      now = e.time();
      List<OrderFilled> filled = broker.match(e, state, now);
      for (int i = 0; i < filled.size(); i++) { // by index: no iterator per event, most events fill nothing
        journalAndTell(filled.get(i));
      }
      if (e instanceof Trade t && !state.protections().armed().isEmpty()) {
        // Protective orders are judged on the print before the strategy sees it, as live.
        carryOut(ProtectiveOrders.onPrint(t, state, broker, session != null, today(), now));
      }
      answer(e);
      sample();
      done++;
      if (--untilProgress == 0) {
        untilProgress = step;
        progress.progress(done, total);
      }
    }
    if (!days.isEmpty()) {
      LocalDate lastDay = days.get(days.size() - 1);
      advance(kst(lastDay, tape.end(lastDay).orElse(CLOSE)).plusNanos(1), days, nextDay, false);
    }
    progress.progress(total, total);
    long finalEquity = equityNow();
    Summary summary = Summary.of(cfg.initialCash(), finalEquity, equity.maxDrawdown(), daily, trips, fills.size(),
        state.fees(), state.taxes(), state.netRealizedPnl());
    // The curve is read-only once the loop is done: no copy (it holds one point per minute bar).
    return new BacktestResult(name, cfg, state, List.copyOf(journal), List.copyOf(fills), List.copyOf(trips),
        equity, List.copyOf(daily), total, dropped, summary);
  }

  /**
   * Delivers session boundaries, phase changes and timers due before an event at {@code t}; the
   * close waits while {@code holdClose} (the event is the closing auction's match, whose minute bar
   * ends after the close).
   */
  private int advance(Instant t, List<LocalDate> days, int nextDay, boolean holdClose) {
    for (int steps = 0; ; steps++) {
      if (steps > MAX_ROUNDS_PER_EVENT) {
        throw new IllegalStateException(name + " keeps setting timers that are already due at " + now);
      }
      // A day replayed whole ends (its evening's orders expire) before the next one opens.
      Instant open = nextDay < days.size() && session == null && evening == null ? openOf(days, nextDay) : null;
      Instant close = session != null ? sessionClose : evening != null ? eveningEnd : null;
      Map.Entry<String, Instant> timer = earliestTimer();
      Instant timerAt = timer == null ? null : timer.getValue();
      PhaseChanged phase = nextPhase < phases.size() ? phases.get(nextPhase) : null;
      Instant phaseAt = phase == null ? null : phase.time();
      // A phase change comes first among what is due at one instant: the open, a timer, the close.
      boolean phaseDue = phaseAt != null && !t.isBefore(phaseAt) && (open == null || !open.isBefore(phaseAt))
          && (timerAt == null || !timerAt.isBefore(phaseAt)) && (close == null || !close.isBefore(phaseAt));
      boolean openDue = open != null && !t.isBefore(open) && (timerAt == null || !timerAt.isBefore(open));
      boolean closeDue = close != null && t.isAfter(close) && !holdClose
          && (timerAt == null || timerAt.isAfter(close));
      if (phaseDue) {
        nextPhase++;
        now = max(now, phaseAt);
        answer(phase);
      } else if (openDue) {
        session = days.get(nextDay++);
        sessionClose = kst(session, tape.close(session).orElse(CLOSE));
        now = max(now, open);
        answer(new SessionOpened(session, now));
      } else if (closeDue && session == null) {
        endEvening(close);
      } else if (closeDue) {
        closeSession(close);
      } else if (timerAt != null && !t.isBefore(timerAt)) {
        timers.remove(timer.getKey());
        now = max(now, timerAt);
        answer(new TimerFired(timer.getKey(), now));
      } else {
        return nextDay;
      }
    }
  }

  private void closeSession(Instant close) {
    LocalDate day = session;
    now = max(now, close);
    session = null; // what the strategy answers to the close is too late for this session
    answer(new SessionClosed(day, now));
    Instant end = kst(day, tape.end(day).orElse(CLOSE));
    if (end.isAfter(close)) {
      // The day goes on after KRX's close: only what its venue cancelled by now expires.
      evening = day;
      eveningEnd = end;
      for (OrderEvent x : broker.expire(state, day, now, LIFETIME.closedBy(now))) {
        journalAndTell(x);
      }
      carryOut(ProtectiveOrders.housekeeping(state, now));
      broker.rollDay(); // the regular close is the next day's base price
      return;
    }
    for (OrderEvent x : broker.expire(state, day, now)) {
      journalAndTell(x);
    }
    carryOut(ProtectiveOrders.housekeeping(state, now));
    broker.rollDay();
    endDay(day);
  }

  /** The end of a day replayed whole: what is still open expires as its venues close. */
  private void endEvening(Instant end) {
    LocalDate day = evening;
    now = max(now, end);
    evening = null;
    for (OrderEvent x : broker.expire(state, day, now, LIFETIME.closedBy(now))) {
      journalAndTell(x);
    }
    carryOut(ProtectiveOrders.housekeeping(state, now));
    endDay(day);
  }

  /** The day's equity, booked once its last venue closed. */
  private void endDay(LocalDate day) {
    daily.add(new BacktestResult.DailyEquity(day, equityNow()));
    lastSampleMinute = Long.MIN_VALUE;
    sample();
  }

  /**
   * Gives an event to the strategy and carries out its answer, and the answers to what follows,
   * breadth first: each answer's intents in two phases, then the strategy's answers to what they
   * led to, in the order they came. Answers that carry nothing out (most answers to an update: a
   * denial, an accept) are counted as rounds but never queued, so the common chain (one placement,
   * its denial or accept told back) builds no queue.
   */
  private void answer(StrategyEvent event) {
    List<Intent> intents = ask(event);
    if (intents.isEmpty()) {
      return; // most bars: nothing to carry out
    }
    Deque<List<Intent>> later = null;
    int rounds = 1;
    while (intents != null) {
      // Phase one: every write-ahead event of the answer, so its placements get consecutive ids.
      AgentEvent onlyRequest = null;
      List<AgentEvent> requests = null;
      for (int n = 0; n < intents.size(); n++) {
        Intent i = intents.get(n);
        List<AgentEvent> write = List.of();
        AgentEvent one = null; // an order intent's single request: no list for it
        if (i instanceof Intent.SetTimer t) {
          timers.put(t.key(), t.at());
          continue;
        } else if (i instanceof Intent.CancelTimer t) {
          timers.remove(t.key());
          continue;
        } else if (i instanceof Intent.Protect || i instanceof Intent.Disarm) {
          write = protective(i);
          if (write.isEmpty()) {
            dropped++;
          }
          write.forEach(this::journal);
        } else {
          OrderEvent r = broker.request(i, state, now, session != null, today());
          if (r == null) {
            dropped++;
            continue;
          }
          journal(r);
          one = r;
        }
        int written = one != null ? 1 : write.size();
        for (int w = 0; w < written; w++) {
          AgentEvent x = one != null ? one : write.get(w);
          if (onlyRequest == null && requests == null) {
            onlyRequest = x;
          } else {
            if (requests == null) {
              requests = new ArrayList<>();
              requests.add(onlyRequest);
            }
            requests.add(x);
          }
        }
      }
      // Phase two: the exchange's answers, each told to the strategy.
      int count = requests != null ? requests.size() : onlyRequest != null ? 1 : 0;
      for (int n = 0; n < count; n++) {
        List<Intent> reply = ask(exchange(requests != null ? requests.get(n) : onlyRequest));
        if (++rounds > MAX_ROUNDS_PER_EVENT) {
          throw tooManyRounds();
        }
        if (!reply.isEmpty()) {
          if (later == null) {
            later = new ArrayDeque<>();
          }
          later.add(reply);
        }
      }
      intents = later == null ? null : later.poll();
    }
  }

  private IllegalStateException tooManyRounds() {
    return new IllegalStateException(name + " keeps answering its own order updates at " + now
        + "; stopped after " + MAX_ROUNDS_PER_EVENT + " rounds");
  }

  /** The events of one write carried out (the exchange answers each request) and told to the strategy. */
  private void carryOut(List<AgentEvent> write) {
    if (write.isEmpty()) {
      return;
    }
    write.forEach(this::journal);
    for (AgentEvent e : write) {
      answer(exchange(e));
    }
  }

  /**
   * What the strategy hears of a journaled event: the exchange's answer to a write-ahead request
   * (journaled here), a denial as it is, a protective order's step as a {@link ProtectiveUpdate}.
   */
  private StrategyEvent exchange(AgentEvent e) {
    if (e instanceof ProtectiveEvent p) {
      return new ProtectiveUpdate(p);
    }
    OrderEvent r = (OrderEvent) e;
    if (!isWriteAhead(r)) {
      return new OrderUpdate(r); // a denial: nothing was sent
    }
    if (r instanceof OrderRequested q) {
      broker.placed(q);
    }
    OrderEvent reply = broker.respond(r, state, now);
    journal(reply);
    return new OrderUpdate(reply);
  }

  private List<AgentEvent> protective(Intent i) {
    if (i instanceof Intent.Disarm d) {
      return ProtectiveOrders.disarm(d, state, now);
    }
    LocalDate day = session != null ? session : now.atZone(StrategyContext.KST).toLocalDate();
    Intent.Protect p = (Intent.Protect) i;
    Instant close = kst(day, CLOSE);
    if (kst(day, tape.end(day).orElse(CLOSE)).isAfter(close) && !p.legs().isEmpty()) {
      // A day replayed whole: a day order lives as the live host's, until its venue's run ends (KRX's after-market: 20:00).
      close = LIFETIME.expiresAt(p.legs().get(0).venue(), now);
    }
    return ProtectiveOrders.arm(p, state, broker, session != null, today(), day, close, StrategyContext.KST, now);
  }

  private void journalAndTell(OrderEvent e) {
    journal(e);
    answer(new OrderUpdate(e));
  }

  private List<Intent> ask(StrategyEvent e) {
    List<Intent> out = strategy.onEvent(e, new StrategyContext(cfg.agentId(), now, state));
    if (out == null) {
      throw new IllegalStateException(name + " answered null to " + e);
    }
    return out;
  }

  /** The day counters the agent's limits need, today's (folded only when the agent has limits: a hot path). */
  private DayCounters today() {
    if (counters == null) {
      return null;
    }
    counters = counters.asOf(now.atZone(StrategyContext.KST).toLocalDate(), state);
    return counters;
  }

  private void journal(AgentEvent e) {
    long before = e instanceof OrderFilled f ? state.position(f.symbol()).quantity() : 0;
    if (counters != null) {
      counters = counters.apply(state, e, StrategyContext.KST);
    }
    state = state.apply(e);
    journal.add(e);
    if (e instanceof OrderFilled f) {
      Position after = state.position(f.symbol());
      fills.add(new BacktestResult.Fill(f, broker.reason(f.orderId()), after.quantity()));
      track(f, before, after);
    }
    if (e instanceof OrderFilled || e instanceof OrderExpired || e instanceof OrderCancelled) {
      ClientOrderId id = ((OrderEvent) e).orderId();
      if (!state.openOrders().containsKey(id.value())) {
        broker.forget(id); // closed: no fill reads its reason again
      }
    }
  }

  private void track(OrderFilled f, long before, Position after) {
    long costs = f.fee() + f.tax();
    if (before == 0) {
      openTrips.put(f.symbol(), new Trip(f.recordedAt(), after.realizedPnl(), 0));
    }
    Trip t = openTrips.get(f.symbol());
    if (t == null) {
      return;
    }
    t.costs += costs;
    if (after.quantity() == 0) {
      openTrips.remove(f.symbol());
      trips.add(new BacktestResult.RoundTrip(f.symbol(), t.opened, f.recordedAt(),
          after.realizedPnl() - t.realizedAtOpen - t.costs));
    }
  }

  private long equityNow() {
    long eq = cfg.initialCash() + state.cashFlow();
    if (heldOf != state.positions()) { // the fold keeps the same map while no position changes
      heldOf = state.positions();
      held = notFlat(heldOf);
    }
    for (Position p : held) {
      long px = broker.lastPrice(p.symbol());
      eq += p.quantity() * (px > 0 ? px : p.averagePrice());
    }
    return eq;
  }

  private static Position[] notFlat(Map<String, Position> positions) {
    int n = 0;
    for (Position p : positions.values()) {
      n += p.quantity() != 0 ? 1 : 0;
    }
    Position[] out = new Position[n];
    int i = 0;
    for (Position p : positions.values()) {
      if (p.quantity() != 0) {
        out[i++] = p;
      }
    }
    return out;
  }

  private void sample() {
    long minute = now.getEpochSecond() / 60;
    if (minute != lastSampleMinute) {
      lastSampleMinute = minute;
      equity.append(now, equityNow());
    }
  }

  private Map.Entry<String, Instant> earliestTimer() {
    if (timers.isEmpty()) { // asked before every event; most strategies set no timers
      return null;
    }
    Map.Entry<String, Instant> best = null;
    for (Map.Entry<String, Instant> e : timers.entrySet()) {
      if (best == null || e.getValue().isBefore(best.getValue())) {
        best = e;
      }
    }
    return best;
  }

  private static boolean isWriteAhead(OrderEvent e) {
    return e instanceof OrderRequested || e instanceof CancelRequested || e instanceof ReviseRequested;
  }

  /** The open of {@code days[i]}, converted once: the loop asks for it on every event. */
  private Instant openOf(List<LocalDate> days, int i) {
    if (nextOpenIndex != i) {
      nextOpenIndex = i;
      nextOpen = kst(days.get(i), tape.open(days.get(i)).orElse(OPEN));
    }
    return nextOpen;
  }

  private static Instant kst(LocalDate d, LocalTime t) {
    return d.atTime(t).atZone(StrategyContext.KST).toInstant();
  }

  private static Instant max(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  /** A round trip in progress. */
  private static final class Trip {
    final Instant opened;
    final long realizedAtOpen;
    long costs;

    Trip(Instant opened, long realizedAtOpen, long costs) {
      this.opened = opened;
      this.realizedAtOpen = realizedAtOpen;
      this.costs = costs;
    }
  }
}
