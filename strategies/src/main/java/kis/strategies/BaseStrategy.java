package kis.strategies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kis.journal.Symbol;
import kis.strategies.event.Bar;
import kis.strategies.event.InvestorFlow;
import kis.strategies.event.OrderBookUpdate;
import kis.strategies.event.OrderUpdate;
import kis.strategies.event.SessionClosed;
import kis.strategies.event.SessionOpened;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.TimerFired;
import kis.strategies.event.Trade;
import kis.strategies.indicator.MinuteBars;

/**
 * A {@link Strategy} with one overridable method per event type; each answers nothing unless
 * overridden. Java 17 has no pattern switch, so this saves every strategy the same if-chain.
 *
 * <p>Built with {@code barsFromTrades}, it also turns trades into one-minute bars
 * ({@link MinuteBars}) and hands each completed bar to {@link #onBar} right after the trade that
 * completed it, so a bar strategy runs where only trades arrive (a live agent's feed, a trade CSV).
 * Do not combine that with a feed that also delivers minute bars: they would count twice.
 */
public abstract class BaseStrategy implements Strategy {
  private final boolean barsFromTrades;
  private final Map<Symbol, MinuteBars> builders = new HashMap<>();

  protected BaseStrategy() {
    this(false);
  }

  protected BaseStrategy(boolean barsFromTrades) {
    this.barsFromTrades = barsFromTrades;
  }

  @Override
  public final List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    List<Intent> out;
    if (event instanceof Trade t) {
      out = onTrade(t, ctx);
      if (barsFromTrades) {
        Optional<Bar> done = builders.computeIfAbsent(t.symbol(), MinuteBars::new).add(t);
        if (done.isPresent()) {
          List<Intent> more = new ArrayList<>(out == null ? List.of() : out);
          more.addAll(onBar(done.get(), ctx));
          out = more;
        }
      }
    } else if (event instanceof Bar b) {
      out = onBar(b, ctx);
    } else if (event instanceof OrderBookUpdate u) {
      out = onOrderBook(u, ctx);
    } else if (event instanceof InvestorFlow f) {
      out = onInvestorFlow(f, ctx);
    } else if (event instanceof OrderUpdate u) {
      out = onOrderUpdate(u, ctx);
    } else if (event instanceof TimerFired t) {
      out = onTimer(t, ctx);
    } else if (event instanceof SessionOpened o) {
      out = onSessionOpened(o, ctx);
    } else if (event instanceof SessionClosed c) {
      out = onSessionClosed(c, ctx);
    } else {
      throw new IllegalStateException("unhandled event type " + event.getClass().getName());
    }
    return out == null ? List.of() : out;
  }

  protected List<Intent> onTrade(Trade trade, StrategyContext ctx) {
    return List.of();
  }

  protected List<Intent> onBar(Bar bar, StrategyContext ctx) {
    return List.of();
  }

  protected List<Intent> onOrderBook(OrderBookUpdate update, StrategyContext ctx) {
    return List.of();
  }

  protected List<Intent> onInvestorFlow(InvestorFlow flow, StrategyContext ctx) {
    return List.of();
  }

  protected List<Intent> onOrderUpdate(OrderUpdate update, StrategyContext ctx) {
    return List.of();
  }

  protected List<Intent> onTimer(TimerFired timer, StrategyContext ctx) {
    return List.of();
  }

  protected List<Intent> onSessionOpened(SessionOpened open, StrategyContext ctx) {
    return List.of();
  }

  protected List<Intent> onSessionClosed(SessionClosed close, StrategyContext ctx) {
    return List.of();
  }
}
