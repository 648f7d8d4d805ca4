package kis.strategies.builtin;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.strategies.BaseStrategy;
import kis.strategies.Intent;
import kis.strategies.StrategyContext;
import kis.strategies.StrategyParams;
import kis.strategies.WarmUp;
import kis.strategies.event.Bar;
import kis.strategies.event.InvestorFlow;
import kis.strategies.event.SessionClosed;
import kis.strategies.event.SessionOpened;
import kis.strategies.event.Trade;
import kis.strategies.indicator.RollingSum;

/**
 * Foreign follower: follows net buying by foreign investors (KIS investor flows). Long only.
 *
 * <ul>
 *   <li>Buy {@code quantity} when flat and, over the last {@code lookback-days} reports, foreigners
 *       bought at least {@code entry-net-buy} shares net, the last {@code min-streak} of them net
 *       buying.
 *   <li>Sell everything when the same sum falls to {@code -exit-net-sell} or below, or the last
 *       {@code min-streak} reports were all net selling.
 * </ul>
 * Daily flows are known only after the close, so a signal that arrives while the session is
 * closed is held and acted on at the next {@code SessionOpened}; a newer report replaces it.
 */
public final class ForeignFollower extends BaseStrategy {
  public static final String NAME = "foreign-follower";

  /** Validated parameters. */
  public record Params(Symbol symbol, long quantity, int lookbackDays, long entryNetBuy, long exitNetSell,
      int minStreak, String orderType) {}

  private final Params p;
  private final OrderStyle style;
  private final RollingSum netBuy;
  private boolean sessionOpen;
  private Side pending;
  private String pendingWhy;
  private long lastPrice;

  public ForeignFollower(Params p) {
    this.p = p;
    this.style = OrderStyle.of(p.orderType());
    this.netBuy = new RollingSum(p.lookbackDays());
  }

  public static ForeignFollower fromConfig(Config c) {
    StrategyParams r = StrategyParams.of(NAME, "strategy.params", c);
    Symbol symbol = r.symbol("symbol");
    long quantity = r.longIn("quantity", null, 1, Long.MAX_VALUE);
    int lookback = r.intIn("lookback-days", 5, 1, 250);
    long entry = r.longIn("entry-net-buy", null, 1, Long.MAX_VALUE);
    long exit = r.longIn("exit-net-sell", entry, 1, Long.MAX_VALUE);
    int streak = r.intIn("min-streak", 1, 1, 250);
    r.check(streak <= lookback, "min-streak", "must not exceed lookback-days (" + lookback + "), got " + streak);
    String type = r.oneOf("order-type", "market", OrderStyle.NAMES);
    r.validate();
    return new ForeignFollower(new Params(symbol, quantity, lookback, entry, exit, streak, type));
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(p.symbol());
  }

  @Override
  protected List<Intent> onTrade(Trade trade, StrategyContext ctx) {
    if (trade.symbol().equals(p.symbol())) {
      lastPrice = trade.price();
    }
    return List.of();
  }

  @Override
  protected List<Intent> onBar(Bar bar, StrategyContext ctx) {
    if (bar.symbol().equals(p.symbol())) {
      lastPrice = bar.close();
    }
    return List.of();
  }

  @Override
  protected List<Intent> onInvestorFlow(InvestorFlow flow, StrategyContext ctx) {
    if (!flow.symbol().equals(p.symbol())) {
      return List.of();
    }
    netBuy.update(flow.foreignNetBuy());
    pending = null;
    long held = ctx.position(p.symbol()).quantity();
    if (held == 0 && netBuy.isReady() && netBuy.value() >= p.entryNetBuy()
        && netBuy.streak(1) >= p.minStreak()) {
      pending = Side.BUY;
      pendingWhy = "foreign net buy " + netBuy.value() + " over " + p.lookbackDays() + " days";
    } else if (held > 0 && (netBuy.value() <= -p.exitNetSell() || netBuy.streak(-1) >= p.minStreak())) {
      pending = Side.SELL;
      pendingWhy = "foreign net sell " + netBuy.value() + ", streak " + netBuy.streak(-1);
    }
    return sessionOpen ? act(ctx) : List.of();
  }

  @Override
  protected List<Intent> onSessionOpened(SessionOpened open, StrategyContext ctx) {
    sessionOpen = true;
    return act(ctx);
  }

  @Override
  protected List<Intent> onSessionClosed(SessionClosed close, StrategyContext ctx) {
    sessionOpen = false;
    return List.of();
  }

  private List<Intent> act(StrategyContext ctx) {
    Side side = pending;
    pending = null;
    if (side == null || ctx.hasOpenOrders(p.symbol())) {
      return List.of();
    }
    OrderStyle s = lastPrice > 0 ? style : OrderStyle.MARKET;
    if (side == Side.BUY && ctx.position(p.symbol()).quantity() == 0) {
      return List.of(new Intent.Place(s.spec(p.symbol(), Side.BUY, p.quantity(), lastPrice), pendingWhy));
    }
    long qty = ctx.sellableQuantity(p.symbol());
    if (side == Side.SELL && qty > 0) {
      return List.of(new Intent.Place(s.spec(p.symbol(), Side.SELL, qty, lastPrice), pendingWhy));
    }
    return List.of();
  }

  @Override
  public WarmUp warmUp() {
    return new WarmUp(netBuy.count(), netBuy.period(), "days of investor flows");
  }
}
