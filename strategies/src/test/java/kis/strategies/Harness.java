package kis.strategies;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.CostModel;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.FillSource;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderEvent;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.state.AgentState;
import kis.strategies.event.Bar;
import kis.strategies.event.InvestorFlow;
import kis.strategies.event.OrderUpdate;
import kis.strategies.event.SessionClosed;
import kis.strategies.event.SessionOpened;
import kis.strategies.event.StrategyEvent;

/** Drives one strategy by hand: events in, intents out, with a hand-cranked agent state. */
public final class Harness {
  public static final LocalDate DAY = LocalDate.of(2026, 3, 2);
  public final AgentId agent = new AgentId("t1");
  public final Strategy strategy;
  public AgentState state = AgentState.empty("t1");
  private Instant now = at(DAY, LocalTime.of(9, 0));
  private long orderNo = 1;

  public Harness(Strategy strategy) {
    this.strategy = strategy;
  }

  public static Instant at(LocalDate date, LocalTime time) {
    return ZonedDateTime.of(date, time, StrategyContext.KST).toInstant();
  }

  /** The {@code i}-th one-minute bar of {@link #DAY} (ends at 09:01 + i minutes). */
  public static Bar bar(String symbol, int i, long open, long high, long low, long close, long volume) {
    return new Bar(Symbol.of(symbol), at(DAY, LocalTime.of(9, 1)).plusSeconds(60L * i), Bar.MINUTE, open, high,
        low, close, volume);
  }

  /** A flat-ish bar that closes at {@code close}. */
  public static Bar bar(String symbol, int i, long close, long volume) {
    return bar(symbol, i, close, close, close, close, volume);
  }

  public static InvestorFlow flow(String symbol, int day, long foreignNet) {
    LocalDate d = DAY.plusDays(day);
    return new InvestorFlow(Symbol.of(symbol), at(d, LocalTime.of(18, 0)), d, foreignNet, 0, 0);
  }

  public static SessionOpened open(int day) {
    return new SessionOpened(DAY.plusDays(day), at(DAY.plusDays(day), LocalTime.of(9, 0)));
  }

  public static SessionClosed close(int day) {
    return new SessionClosed(DAY.plusDays(day), at(DAY.plusDays(day), LocalTime.of(15, 30)));
  }

  public StrategyContext ctx() {
    return new StrategyContext(agent, now, state);
  }

  public List<Intent> send(StrategyEvent e) {
    now = e.time();
    List<Intent> out = strategy.onEvent(e, ctx());
    if (out == null) {
      throw new AssertionError("strategy answered null");
    }
    return out;
  }

  /** Journals the placements among {@code intents} as accepted and working; returns their ids. */
  public List<ClientOrderId> accept(List<Intent> intents) {
    List<ClientOrderId> ids = new ArrayList<>();
    for (Intent i : intents) {
      if (i instanceof Intent.Place p) {
        ClientOrderId id = ClientOrderId.of(agent, state.nextOrderSeq());
        apply(new OrderRequested(id, p.spec(), p.reason(), now));
        deliver(new OrderAccepted(id, new OrderNo(Long.toString(orderNo++)), "00950", "090000", false, now));
        ids.add(id);
      }
    }
    return ids;
  }

  /** Journals the placements as accepted and completely filled at {@code price}. */
  public void fill(List<Intent> intents, long price) {
    List<ClientOrderId> ids = accept(intents);
    for (ClientOrderId id : ids) {
      OrderSpec spec = state.order(id).orElseThrow().spec();
      long fee = CostModel.KIS_2026.fee(spec.quantity() * price);
      long tax = CostModel.KIS_2026.tax(spec.side(), spec.quantity() * price);
      deliver(new OrderFilled(id, state.order(id).orElseThrow().orderNo(), spec.symbol(), spec.side(),
          spec.quantity(), price, fee, tax, id + "-x", "090000", FillSource.NOTICE, now));
    }
  }

  private void apply(AgentEvent e) {
    state = state.apply(e);
  }

  private void deliver(OrderEvent e) {
    apply(e);
    List<Intent> reaction = send(new OrderUpdate(e));
    if (!reaction.isEmpty()) {
      throw new AssertionError("unexpected reaction to " + e + ": " + reaction);
    }
  }
}
