package kis.strategies.builtin;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.Position;
import kis.strategies.BaseStrategy;
import kis.strategies.Intent;
import kis.strategies.StrategyContext;
import kis.strategies.StrategyParams;
import kis.strategies.WarmUp;
import kis.strategies.event.Bar;
import kis.strategies.indicator.VolumeRatio;

/**
 * Volume trigger: buys when a bar's volume spikes (relative to the recent average and, if the
 * float is configured, to the floating shares) and the price confirms the move; sells after a
 * holding period, at a take-profit or at a stop-loss. Long only (KRX cash account).
 *
 * <p>Entry, on a bar of {@code symbol} while flat with no open orders:
 * <ul>
 *   <li>{@code volume >= volume-ratio × mean(volume of the previous lookback-bars bars)};
 *   <li>if {@code float-shares > 0}: {@code volume >= min-float-turnover × float-shares};
 *   <li>{@code close > open} and {@code close >= previous close × (1 + min-price-change)}.
 * </ul>
 * Bars come from the feed or, where it brings only trades (live), are built from them by the host
 * ({@code BarsFromTrades}); the old {@code bars-from-trades} parameter is accepted and ignored.
 * Exit, on a bar while holding with no open orders: {@code hold-bars} bars since entry, or close at
 * or above average cost × (1 + take-profit), or at or below average cost × (1 − stop-loss).
 */
public final class VolumeTrigger extends BaseStrategy {
  public static final String NAME = "volume-trigger";

  /** Validated parameters. */
  public record Params(
      Symbol symbol,
      long quantity,
      int lookbackBars,
      double volumeRatio,
      long floatShares,
      double minFloatTurnover,
      double minPriceChange,
      int holdBars,
      double takeProfit,
      double stopLoss,
      String orderType,
      boolean barsFromTrades) {}

  private final Params p;
  private final OrderStyle style;
  private final VolumeRatio ratio;
  private long previousClose;
  private int barsHeld;

  public VolumeTrigger(Params p) {
    super();
    this.p = p;
    this.style = OrderStyle.of(p.orderType());
    this.ratio = new VolumeRatio(p.lookbackBars());
  }

  public static VolumeTrigger fromConfig(Config c) {
    StrategyParams r = StrategyParams.of(NAME, "strategy.params", c);
    Params p = new Params(
        r.symbol("symbol"),
        r.longIn("quantity", null, 1, Long.MAX_VALUE),
        r.intIn("lookback-bars", 20, 2, 10_000),
        r.doubleIn("volume-ratio", 3.0, 1.0, 1e6),
        r.longIn("float-shares", 0L, 0, Long.MAX_VALUE),
        r.doubleIn("min-float-turnover", 0.0001, 0, 1),
        r.doubleIn("min-price-change", 0.005, 0, 1),
        r.intIn("hold-bars", 30, 1, 1_000_000),
        r.doubleIn("take-profit", 0.02, 0, 10),
        r.doubleIn("stop-loss", 0.01, 0, 1),
        r.oneOf("order-type", "market", OrderStyle.NAMES),
        r.bool("bars-from-trades", false));
    r.validate();
    return new VolumeTrigger(p);
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(p.symbol());
  }

  @Override
  protected List<Intent> onBar(Bar bar, StrategyContext ctx) {
    if (!bar.symbol().equals(p.symbol())) {
      return List.of();
    }
    double volumeRatio = ratio.update(bar.volume());
    long prevClose = previousClose;
    previousClose = bar.close();
    Position pos = ctx.position(p.symbol());
    if (pos.quantity() > 0) {
      barsHeld++;
    } else {
      barsHeld = 0;
    }
    if (ctx.hasOpenOrders(p.symbol())) {
      return List.of();
    }
    if (pos.quantity() > 0) {
      return exit(bar, pos, ctx);
    }
    if (isSpike(bar, volumeRatio) && isConfirmed(bar, prevClose)) {
      String why = "volume " + FixedPoint.format(volumeRatio, 1) + "x average, close " + bar.close();
      return List.of(new Intent.Place(style.spec(p.symbol(), Side.BUY, p.quantity(), bar.close()), why));
    }
    return List.of();
  }

  private boolean isSpike(Bar bar, double volumeRatio) {
    if (!ratio.isReady() || volumeRatio < p.volumeRatio()) {
      return false;
    }
    return p.floatShares() == 0 || bar.volume() >= p.minFloatTurnover() * p.floatShares();
  }

  private boolean isConfirmed(Bar bar, long prevClose) {
    return prevClose > 0 && bar.close() > bar.open() && bar.close() >= prevClose * (1 + p.minPriceChange());
  }

  private List<Intent> exit(Bar bar, Position pos, StrategyContext ctx) {
    long avg = pos.averagePrice();
    String why = null;
    if (bar.close() >= avg * (1 + p.takeProfit())) {
      why = "take profit at " + bar.close();
    } else if (bar.close() <= avg * (1 - p.stopLoss())) {
      why = "stop loss at " + bar.close();
    } else if (barsHeld >= p.holdBars()) {
      why = "held " + barsHeld + " bars";
    }
    long qty = ctx.sellableQuantity(p.symbol());
    if (why == null || qty <= 0) {
      return List.of();
    }
    return List.of(new Intent.Place(style.spec(p.symbol(), Side.SELL, qty, bar.close()), why));
  }

  @Override
  public WarmUp warmUp() {
    return WarmUp.bars(ratio.count(), ratio.needed());
  }
}
