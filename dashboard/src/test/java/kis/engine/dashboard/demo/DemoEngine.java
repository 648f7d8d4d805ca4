package kis.engine.dashboard.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kis.engine.dashboard.AgentDetail;
import kis.engine.dashboard.AgentRow;
import kis.engine.dashboard.AgentRunState;
import kis.engine.dashboard.ConnectionStatus;
import kis.engine.dashboard.ControlResult;
import kis.engine.dashboard.EngineControl;
import kis.engine.dashboard.EngineView;
import kis.engine.dashboard.FillView;
import kis.engine.dashboard.DiskStatus;
import kis.engine.dashboard.KillSwitchStatus;
import kis.engine.dashboard.LevelState;
import kis.engine.dashboard.MarketClock;
import kis.engine.dashboard.Operator;
import kis.engine.dashboard.OrderView;
import kis.engine.dashboard.PnlPoint;
import kis.engine.dashboard.ReconcileStatus;
import kis.journal.AgentId;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.OrderStatus;

/**
 * An in-memory engine for the dashboard's API, alert and status tests, where exact, deterministic
 * values matter: a few agents whose prices move on each {@link #tick()}, and controls that change
 * their state as the real engine would. Thread-safe (one lock); deterministic for a given seed and
 * clock. The page against the real engine is {@code DashboardBrowserTest}.
 */
public final class DemoEngine implements EngineView, EngineControl {
  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  private final Clock clock;
  private final Random random;
  private final Map<String, DemoAgent> agents = new LinkedHashMap<>();
  private ConnectionStatus connection;
  private ReconcileStatus reconcile = ReconcileStatus.never();
  private DiskStatus disk = DiskStatus.unknown();
  private KillSwitchStatus killSwitch = KillSwitchStatus.off();
  private final List<String> controlLog = new ArrayList<>();

  /** Mutable state of one demo agent; guarded by the engine's lock. */
  private static final class DemoAgent {
    final String id;
    final Symbol symbol;
    final String strategy;
    AgentRunState state = AgentRunState.RUNNING;
    String risk = "OK";
    kis.engine.dashboard.ProtectiveView protective = kis.engine.dashboard.ProtectiveView.NONE;
    long position;
    long averagePrice;
    long lastPrice;
    long realized;
    final List<OrderView> open = new ArrayList<>();
    final List<OrderView> closed = new ArrayList<>();
    final List<FillView> fills = new ArrayList<>();
    final List<PnlPoint> pnl = new ArrayList<>();
    final List<String> events = new ArrayList<>();

    DemoAgent(String id, Symbol symbol, String strategy, long price, long position) {
      this.id = id;
      this.symbol = symbol;
      this.strategy = strategy;
      this.lastPrice = price;
      this.averagePrice = price;
      this.position = position;
    }

    long unrealized() {
      return position * (lastPrice - averagePrice);
    }
  }

  public DemoEngine(Clock clock, long seed) {
    this.clock = clock;
    this.random = new Random(seed);
    Instant now = clock.instant();
    LevelState live = new LevelState(LevelState.LIVE, now, "");
    this.connection = new ConnectionStatus(live, live, live, 0, 20);
    add(new DemoAgent("samsung-mr", Symbol.of("005930"), "mean-reversion", 71_000, 100));
    add(new DemoAgent("hynix-mom", Symbol.of("000660"), "momentum", 182_000, 20));
    add(new DemoAgent("naver-grid", Symbol.of("035420"), "grid", 201_500, 0));
    for (DemoAgent a : agents.values()) {
      if (a.position > 0) {
        OrderView o = order(a, Side.BUY, a.position, a.lastPrice, OrderStatus.FILLED, a.position, now);
        a.closed.add(o);
        a.fills.add(new FillView(now, o.clientOrderId(), a.symbol, Side.BUY, a.position, a.lastPrice));
        a.events.add(now + " OrderFilled " + o.clientOrderId() + " " + a.position + "@" + a.lastPrice);
      }
      OrderView working = order(a, Side.SELL, 10, a.lastPrice + a.lastPrice / 100 / 100 * 100,
          OrderStatus.WORKING, 0, now);
      a.open.add(working);
      a.events.add(now + " OrderAccepted " + working.clientOrderId() + " ODNO " + working.orderNo());
      a.pnl.add(new PnlPoint(now, 0));
    }
  }

  private void add(DemoAgent a) {
    agents.put(a.id, a);
  }

  private int orderSeq;

  private OrderView order(DemoAgent a, Side side, long qty, long price, OrderStatus st, long filled, Instant at) {
    orderSeq++;
    return new OrderView(a.id + "-" + orderSeq, String.format("%010d", 8_000_000 + orderSeq), a.symbol, side,
        OrderType.LIMIT, price, qty, filled, filled == 0 ? 0 : price, st, null, at, at);
  }

  /** Moves every price one step (a few ticks), records a P&L point, and sometimes fills an order. */
  public synchronized void tick() {
    Instant now = clock.instant();
    for (DemoAgent a : agents.values()) {
      long step = Math.max(1, a.lastPrice / 2000) * (random.nextInt(5) - 2);
      a.lastPrice = Math.max(1000, a.lastPrice + step);
      a.pnl.add(new PnlPoint(now, a.realized + a.unrealized()));
      if (a.pnl.size() > 400) {
        a.pnl.remove(0);
      }
      if (a.state == AgentRunState.RUNNING && random.nextInt(10) == 0) {
        long qty = 1 + random.nextInt(5);
        Side side = a.position > 0 && random.nextBoolean() ? Side.SELL : Side.BUY;
        applyFill(a, side, qty, a.lastPrice, now);
      }
    }
  }

  private void applyFill(DemoAgent a, Side side, long qty, long price, Instant now) {
    OrderView o = order(a, side, qty, price, OrderStatus.FILLED, qty, now);
    if (side == Side.BUY) {
      a.averagePrice = (a.averagePrice * a.position + price * qty) / (a.position + qty);
      a.position += qty;
    } else {
      long q = Math.min(qty, a.position);
      a.realized += q * (price - a.averagePrice);
      a.position -= q;
    }
    a.closed.add(0, o);
    a.fills.add(0, new FillView(now, o.clientOrderId(), a.symbol, side, qty, price));
    a.events.add(0, now + " OrderFilled " + o.clientOrderId() + " " + side + " " + qty + "@" + price);
    trim(a.closed);
    trim(a.fills);
    trim(a.events);
  }

  private static void trim(List<?> l) {
    while (l.size() > 50) {
      l.remove(l.size() - 1);
    }
  }

  // ---- test hooks: make the conditions alerts are about ----

  public synchronized void setLevel(String level, LevelState st) {
    ConnectionStatus c = connection;
    connection = switch (level) {
      case "token" -> new ConnectionStatus(st, c.websocket(), c.session(), c.restCallsLastSecond(),
          c.restCallsPerSecondLimit());
      case "websocket" -> new ConnectionStatus(c.token(), st, c.session(), c.restCallsLastSecond(),
          c.restCallsPerSecondLimit());
      default -> new ConnectionStatus(c.token(), c.websocket(), st, c.restCallsLastSecond(),
          c.restCallsPerSecondLimit());
    };
  }

  public synchronized void setRisk(String agent, String risk) {
    agents.get(agent).risk = risk;
  }

  public synchronized void setProtective(String agent, kis.engine.dashboard.ProtectiveView view) {
    agents.get(agent).protective = view;
  }

  public synchronized void setReconcile(ReconcileStatus r) {
    reconcile = r;
  }

  /** What the controls were asked, oldest first, as {@code action agent by operator}. */
  public synchronized List<String> controlLog() {
    return List.copyOf(controlLog);
  }

  // ---- EngineView ----

  @Override
  public synchronized List<AgentRow> agents() {
    return agents.values().stream().map(this::row).toList();
  }

  private AgentRow row(DemoAgent a) {
    int working = (int) a.open.stream().filter(o -> o.status().isLive()).count();
    return new AgentRow(a.id, List.of(a.symbol), a.strategy, a.state, a.position, a.averagePrice, a.realized,
        a.unrealized(), working, a.fills.isEmpty() ? null : a.fills.get(0), a.risk).withProtective(a.protective);
  }

  @Override
  public synchronized Optional<AgentDetail> agent(AgentId id) {
    DemoAgent a = agents.get(id.value());
    if (a == null) {
      return Optional.empty();
    }
    return Optional.of(new AgentDetail(row(a), a.open, a.closed, a.fills, a.pnl, a.events));
  }

  @Override
  public synchronized ConnectionStatus connection() {
    return connection;
  }

  @Override
  public synchronized ReconcileStatus lastReconcile() {
    return reconcile;
  }

  @Override
  public synchronized DiskStatus disk() {
    return disk;
  }

  /** What the disk watch would say next. */
  public synchronized void disk(DiskStatus d) {
    disk = d;
  }

  @Override
  public synchronized KillSwitchStatus killSwitch() {
    return killSwitch;
  }

  private String phase = "CONTINUOUS";

  @Override
  public synchronized MarketClock clock() {
    return new MarketClock(phase, ZonedDateTime.ofInstant(clock.instant(), SEOUL));
  }

  /** The market's phase from now on (CONTINUOUS at first). */
  public synchronized void setPhase(String phase) {
    this.phase = phase;
  }

  /** {@code agent} gets a fill now, as a tick sometimes gives one. */
  public synchronized void fill(String agent, Side side, long qty, long price) {
    applyFill(agents.get(agent), side, qty, price, clock.instant());
  }

  // ---- EngineControl ----

  @Override
  public CompletionStage<ControlResult> pause(AgentId agent, Operator who) {
    return onAgent("pause", agent, who, a -> {
      if (a.state == AgentRunState.PARKED || a.state == AgentRunState.FAILED) {
        return ControlResult.refused(a.id + " is " + a.state);
      }
      a.state = AgentRunState.PAUSED;
      return ControlResult.done(a.id + " paused");
    });
  }

  @Override
  public CompletionStage<ControlResult> resume(AgentId agent, Operator who) {
    return onAgent("resume", agent, who, a -> {
      if (killSwitch.engaged()) {
        return ControlResult.refused("kill switch is engaged");
      }
      a.state = AgentRunState.RUNNING;
      return ControlResult.done(a.id + " running");
    });
  }

  @Override
  public CompletionStage<ControlResult> park(AgentId agent, Operator who) {
    return onAgent("park", agent, who, a -> {
      a.state = AgentRunState.PARKED;
      a.events.add(0, clock.instant() + " AgentParked by " + who.name());
      return ControlResult.done(a.id + " parked");
    });
  }

  @Override
  public CompletionStage<ControlResult> cancelOrders(AgentId agent, Operator who) {
    return onAgent("cancel-orders", agent, who, a -> {
      int n = a.open.size();
      for (OrderView o : a.open) {
        a.closed.add(0, new OrderView(o.clientOrderId(), o.orderNo(), o.symbol(), o.side(), o.type(), o.price(),
            o.quantity(), o.filledQuantity(), o.averageFillPrice(), OrderStatus.CANCELLED, "cancelled by "
            + who.name(), o.requestedAt(), clock.instant()));
      }
      a.open.clear();
      return ControlResult.done(n + " order(s) cancelled");
    });
  }

  /** As the real engine: only a parked agent without open orders; its books start empty. */
  @Override
  public CompletionStage<ControlResult> freshStart(AgentId agent, Operator who, boolean handover) {
    return onAgent(handover ? "fresh-start-handover" : "fresh-start", agent, who, a -> {
      if (a.state != AgentRunState.PARKED || !a.open.isEmpty()) {
        return ControlResult.refused(a.id + " cannot start afresh: park it and cancel its orders first");
      }
      if (a.position != 0 && !handover) {
        return ControlResult.refused(a.id + " cannot start afresh: it holds " + a.position
            + " share(s): close the position first, or hand it over (handover=true)");
      }
      long kept = handover ? a.position : 0;
      a.position = kept;
      a.realized = 0;
      a.closed.clear();
      a.fills.clear();
      a.pnl.clear();
      a.events.clear();
      a.state = AgentRunState.RUNNING;
      return ControlResult.done(a.id + " started afresh" + (kept != 0 ? " holding " + kept + " share(s) handed over" : ""));
    });
  }

  @Override
  public synchronized CompletionStage<ControlResult> killSwitchOn(Operator who, String reason) {
    controlLog.add("kill-switch-on by " + who.name());
    killSwitch = new KillSwitchStatus(true, clock.instant(), who.name(), reason);
    agents.values().forEach(a -> {
      if (a.state == AgentRunState.RUNNING) {
        a.state = AgentRunState.PAUSED;
      }
      a.open.clear();
    });
    return CompletableFuture.completedFuture(ControlResult.done("kill switch engaged"));
  }

  @Override
  public synchronized CompletionStage<ControlResult> killSwitchReset(Operator who) {
    controlLog.add("kill-switch-reset by " + who.name());
    if (!killSwitch.engaged()) {
      return CompletableFuture.completedFuture(ControlResult.done("kill switch was not engaged"));
    }
    killSwitch = KillSwitchStatus.off();
    return CompletableFuture.completedFuture(ControlResult.done("kill switch released; agents stay paused"));
  }

  @Override
  public synchronized CompletionStage<ControlResult> reconcile(Operator who) {
    controlLog.add("reconcile by " + who.name());
    reconcile = new ReconcileStatus(clock.instant(), "CLEAN", List.of());
    return CompletableFuture.completedFuture(ControlResult.done("reconciled: clean"));
  }

  private synchronized CompletionStage<ControlResult> onAgent(String action, AgentId id, Operator who,
      java.util.function.Function<DemoAgent, ControlResult> f) {
    controlLog.add(action + " " + id + " by " + who.name());
    DemoAgent a = agents.get(id.value());
    ControlResult r = a == null ? ControlResult.refused("no agent " + id) : f.apply(a);
    return CompletableFuture.completedFuture(r);
  }
}
