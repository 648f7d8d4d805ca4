package kis.strategies;

import java.util.List;
import kis.strategies.event.Bar;
import kis.strategies.event.InvestorFlow;
import kis.strategies.event.OrderBookUpdate;
import kis.strategies.event.OrderUpdate;
import kis.strategies.event.PhaseChanged;
import kis.strategies.event.ProtectiveUpdate;
import kis.strategies.event.SessionClosed;
import kis.strategies.event.SessionOpened;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.TimerFired;
import kis.strategies.event.Trade;

/**
 * A {@link Strategy} with one overridable method per event type; each answers nothing unless
 * overridden. Java 17 has no pattern switch, so this saves every strategy the same if-chain.
 *
 * <p>A subclass that overrides {@link #onBar} {@linkplain #consumesBars() consumes bars}: where its
 * feed brings trades only (a live agent, a trade CSV), the host builds one-minute bars from them
 * ({@link BarsFromTrades}) and {@code onBar} is called right after the trade that completed each.
 */
public abstract class BaseStrategy implements Strategy {
  /** Whether a class overrides {@code onBar}: looked up once per class. */
  private static final ClassValue<Boolean> OVERRIDES_ON_BAR = overrides("onBar", Bar.class);
  private static final ClassValue<Boolean> OVERRIDES_ON_FLOW = overrides("onInvestorFlow", InvestorFlow.class);

  private static ClassValue<Boolean> overrides(String method, Class<?> event) {
    return new ClassValue<>() {
      @Override
      protected Boolean computeValue(Class<?> type) {
        for (Class<?> c = type; c != null && c != BaseStrategy.class; c = c.getSuperclass()) {
          try {
            c.getDeclaredMethod(method, event, StrategyContext.class);
            return true;
          } catch (NoSuchMethodException notHere) {
            // look in the superclass
          }
        }
        return false;
      }
    };
  }

  protected BaseStrategy() {}

  /**
   * Deprecated: the argument is ignored. It used to make this class build bars from trades
   * itself; the host now does that for every strategy that {@linkplain #consumesBars() consumes
   * bars}, so {@code true} is the default and {@code false} no longer switches it off. Use
   * {@link #BaseStrategy()}.
   */
  protected BaseStrategy(boolean barsFromTrades) {
    this();
  }

  /** True when the class overrides {@link #onBar}; override to say otherwise. */
  @Override
  public boolean consumesBars() {
    return OVERRIDES_ON_BAR.get(getClass());
  }

  /** True when the class overrides {@link #onInvestorFlow}; override to say otherwise. */
  @Override
  public boolean consumesInvestorFlows() {
    return OVERRIDES_ON_FLOW.get(getClass());
  }

  @Override
  public final List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    List<Intent> out;
    if (event instanceof Trade t) {
      out = onTrade(t, ctx);
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
    } else if (event instanceof ProtectiveUpdate p) {
      out = onProtectiveUpdate(p, ctx);
    } else if (event instanceof PhaseChanged p) {
      out = onPhaseChanged(p, ctx);
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

  /** One of your protective orders was armed, trailed, fired or cancelled. */
  protected List<Intent> onProtectiveUpdate(ProtectiveUpdate update, StrategyContext ctx) {
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

  /** The agent's venue entered another session phase (pre-market, an auction, continuous, after-market...). */
  protected List<Intent> onPhaseChanged(PhaseChanged change, StrategyContext ctx) {
    return List.of();
  }
}
