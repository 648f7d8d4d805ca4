package kis.strategies.builtin;

import com.typesafe.config.Config;
import java.time.Instant;
import java.util.ArrayList;
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
import kis.strategies.indicator.BollingerBand;

/**
 * Common versus preferred spread (Samsung Electronics 005930 / 005935 by default). The spread is
 * {@code ln(preferred / common)}, sampled once per bar period when both legs have a bar for it,
 * and judged by its z-score against the previous {@code window} samples.
 *
 * <p>A KRX cash account cannot short, so the strategy holds the cheap leg and switches when the
 * spread swings: both legs are managed together.
 * <ul>
 *   <li>Flat: z at or below {@code -entry-z} (preferred cheap) buys the preferred;
 *       z at or above {@code entry-z} buys the common.
 *   <li>Holding preferred: z at or above {@code entry-z} sells it and buys the common in the same
 *       answer; otherwise z back to {@code -exit-z} or above sells it.
 *   <li>Holding common: the mirror image.
 *   <li>Holding both (one side of a switch failed): sell the rich leg.
 * </ul>
 * Bars come from the feed or, where it brings only trades (live), are built from them by the host
 * ({@code BarsFromTrades}); the old {@code bars-from-trades} parameter is accepted and ignored.
 * Each buy is {@code notional} won's worth; nothing new is decided while either leg has an open
 * order, so a switch is never stacked on an unfinished one.
 */
public final class PairSpread extends BaseStrategy {
  public static final String NAME = "pair-spread";

  /** Validated parameters. */
  public record Params(Symbol common, Symbol preferred, long notional, int window, double entryZ, double exitZ,
      String orderType, boolean barsFromTrades) {}

  private final Params p;
  private final OrderStyle style;
  private final BollingerBand spread;
  private long commonClose;
  private long preferredClose;
  private Instant commonTime;
  private Instant preferredTime;
  private Instant sampledAt;

  public PairSpread(Params p) {
    super();
    this.p = p;
    this.style = OrderStyle.of(p.orderType());
    this.spread = new BollingerBand(p.window(), 1.0);
  }

  public static PairSpread fromConfig(Config c) {
    StrategyParams r = StrategyParams.of(NAME, "strategy.params", c);
    Symbol common = r.symbol("common", "005930");
    Symbol preferred = r.symbol("preferred", "005935");
    r.check(common == null || !common.equals(preferred), "preferred", "must differ from common");
    long notional = r.longIn("notional", null, 1, Long.MAX_VALUE);
    int window = r.intIn("window", 60, 2, 100_000);
    double entry = r.doubleIn("entry-z", 2.0, 0.01, 100);
    double exit = r.doubleIn("exit-z", 0.0, -100, 100);
    r.check(exit < entry, "exit-z", "must be below entry-z (" + entry + "), got " + exit);
    String type = r.oneOf("order-type", "market", OrderStyle.NAMES);
    boolean fromTrades = r.bool("bars-from-trades", false);
    r.validate();
    return new PairSpread(new Params(common, preferred, notional, window, entry, exit, type, fromTrades));
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(p.common(), p.preferred());
  }

  @Override
  protected List<Intent> onBar(Bar bar, StrategyContext ctx) {
    if (bar.symbol().equals(p.common())) {
      commonClose = bar.close();
      commonTime = bar.time();
    } else if (bar.symbol().equals(p.preferred())) {
      preferredClose = bar.close();
      preferredTime = bar.time();
    } else {
      return List.of();
    }
    if (commonTime == null || !commonTime.equals(preferredTime) || commonTime.equals(sampledAt)) {
      return List.of();
    }
    sampledAt = commonTime;
    double s = Math.log((double) preferredClose / commonClose);
    List<Intent> out = spread.isReady() && !ctx.hasOpenOrders(p.common()) && !ctx.hasOpenOrders(p.preferred())
        ? decide(spread.zScore(s), ctx) : List.of();
    spread.update(s);
    return out;
  }

  private List<Intent> decide(double z, StrategyContext ctx) {
    boolean holdsPref = ctx.position(p.preferred()).quantity() > 0;
    boolean holdsCommon = ctx.position(p.common()).quantity() > 0;
    String zs = "z " + FixedPoint.format(z, 2);
    List<Intent> out = new ArrayList<>(2);
    if (holdsPref && holdsCommon) {
      sell(z >= 0 ? p.preferred() : p.common(), ctx, "unwind both legs, " + zs, out);
    } else if (holdsPref) {
      if (z >= p.entryZ()) {
        sell(p.preferred(), ctx, "switch to common, " + zs, out);
        buy(p.common(), commonClose, "switch to common, " + zs, out);
      } else if (z >= -p.exitZ()) {
        sell(p.preferred(), ctx, "spread back, " + zs, out);
      }
    } else if (holdsCommon) {
      if (z <= -p.entryZ()) {
        sell(p.common(), ctx, "switch to preferred, " + zs, out);
        buy(p.preferred(), preferredClose, "switch to preferred, " + zs, out);
      } else if (z <= p.exitZ()) {
        sell(p.common(), ctx, "spread back, " + zs, out);
      }
    } else if (z <= -p.entryZ()) {
      buy(p.preferred(), preferredClose, "preferred cheap, " + zs, out);
    } else if (z >= p.entryZ()) {
      buy(p.common(), commonClose, "common cheap, " + zs, out);
    }
    return out;
  }

  private void buy(Symbol symbol, long price, String why, List<Intent> out) {
    long qty = p.notional() / price;
    if (qty > 0) {
      out.add(new Intent.Place(style.spec(symbol, Side.BUY, qty, price), why));
    }
  }

  private void sell(Symbol symbol, StrategyContext ctx, String why, List<Intent> out) {
    long qty = ctx.sellableQuantity(symbol);
    if (qty > 0) {
      long price = symbol.equals(p.common()) ? commonClose : preferredClose;
      out.add(new Intent.Place(style.spec(symbol, Side.SELL, qty, price), why));
    }
  }

  @Override
  public WarmUp warmUp() {
    return WarmUp.bars(spread.count(), spread.period());
  }
}
