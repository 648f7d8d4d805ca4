package kis.strategies.builtin;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.journal.state.Position;
import kis.strategies.BaseStrategy;
import kis.strategies.Intent;
import kis.strategies.StrategyContext;
import kis.strategies.StrategyParams;
import kis.strategies.WarmUp;
import kis.strategies.event.Bar;
import kis.strategies.indicator.BollingerBand;

/**
 * Volatility tracker: trades a band of {@code k} standard deviations around the mean of the last
 * {@code window} closes. The band is computed from the bars before the current one, so a bar is
 * judged against a band it did not move. Long only.
 *
 * <ul>
 *   <li>{@code mode = mean-reversion}: buy when a close falls below the lower band; sell when a close
 *       gets back to the mean.
 *   <li>{@code mode = breakout}: buy when a close rises above the upper band; sell when a close
 *       falls back below the mean.
 * </ul>
 * Bars come from the feed or, where it brings only trades (live), are built from them by the host
 * ({@code BarsFromTrades}); the old {@code bars-from-trades} parameter is accepted and ignored.
 * Either mode also sells at {@code stop-loss} below average cost (0 disables it).
 */
public final class VolatilityBand extends BaseStrategy {
  public static final String NAME = "volatility-band";

  /** Validated parameters. */
  public record Params(Symbol symbol, long quantity, int window, double k, String mode, double stopLoss,
      String orderType, boolean barsFromTrades) {}

  private final Params p;
  private final OrderStyle style;
  private final BollingerBand band;
  private final boolean breakout;
  /** A market entry is the same order every time (no price): one spec, not one per entry. */
  private final OrderSpec marketEntry;

  public VolatilityBand(Params p) {
    super();
    this.p = p;
    this.style = OrderStyle.of(p.orderType());
    this.band = new BollingerBand(p.window(), p.k());
    this.breakout = p.mode().equals("breakout");
    this.marketEntry = style == OrderStyle.MARKET ? style.spec(p.symbol(), Side.BUY, p.quantity(), 0) : null;
  }

  public static VolatilityBand fromConfig(Config c) {
    StrategyParams r = StrategyParams.of(NAME, "strategy.params", c);
    Params p = new Params(
        r.symbol("symbol"),
        r.longIn("quantity", null, 1, Long.MAX_VALUE),
        r.intIn("window", 20, 2, 100_000),
        r.doubleIn("k", 2.0, 0.01, 100),
        r.oneOf("mode", "mean-reversion", Set.of("mean-reversion", "breakout")),
        r.doubleIn("stop-loss", 0.0, 0, 1),
        r.oneOf("order-type", "market", OrderStyle.NAMES),
        r.bool("bars-from-trades", false));
    r.validate();
    return new VolatilityBand(p);
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
    // Only the books go on, never ctx: decide is too large to inline, and a context handed to a
    // method that is not inlined is allocated for every bar (the host builds one per event).
    List<Intent> out = band.isReady() ? decide(bar, ctx.state()) : List.of();
    band.update(bar.close());
    return out;
  }

  private List<Intent> decide(Bar bar, AgentState books) {
    if (StrategyContext.hasOpenOrders(books, p.symbol())) {
      return List.of();
    }
    double close = bar.close();
    double mean = band.mean();
    boolean backToMean = breakout ? close < mean : close >= mean;
    // On the entry's side of the mean without a stop-loss a holder has nothing to do, so only an
    // entry can follow there: the books' position is looked up only once the band says enter, not
    // for the half of all bars that fall on that side.
    boolean entrySideOnly = !backToMean && !(p.stopLoss() > 0);
    if (!entrySideOnly) {
      Position pos = books.position(p.symbol());
      if (pos.quantity() > 0) {
        String why = null;
        if (p.stopLoss() > 0 && close <= pos.averagePrice() * (1 - p.stopLoss())) {
          why = "stop loss at " + bar.close();
        } else if (backToMean) {
          why = "close " + bar.close() + " back to mean " + FixedPoint.format(band.mean(), 0);
        }
        if (why == null) {
          return List.of(); // most bars while holding: no exit, so no count of the shares free to sell
        }
        long qty = StrategyContext.sellableQuantity(books, p.symbol());
        return qty <= 0 ? List.of() : List.of(new Intent.Place(style.spec(p.symbol(), Side.SELL, qty, bar.close()), why));
      }
    }
    // The band's edges lie on the far side of its mean, so a close on the near side needs no
    // standard deviation (most bars): the same answer without the window's second pass.
    // Nor where the close is clearly inside the band (most of the rest), a bound tells without it.
    boolean enter = breakout ? close > mean && !band.surelyNotAboveUpper(close) && close > band.upper()
        : close < mean && !band.surelyNotBelowLower(close) && close < band.lower();
    if (!enter || entrySideOnly && books.position(p.symbol()).quantity() > 0) {
      return List.of();
    }
    // Most entries of a long run are denied for cash, and a denial never reads the reason: its text
    // is built from the values of this bar only when the order is sent.
    // (One method, not split into helpers: the host builds a StrategyContext per bar, and only while
    // this method is too large to be inlined into onBar does onBar stay small enough to be inlined
    // where the context is made, so the JIT can drop that allocation: split, it cost 18 MB per run.)
    long at = bar.close();
    boolean above = breakout;
    double lower = band.lower();
    double upper = band.upper();
    OrderSpec spec = marketEntry != null ? marketEntry : style.spec(p.symbol(), Side.BUY, p.quantity(), at);
    return List.of(new Intent.Place(spec, Intent.Reason.later(() -> entryReason(at, above, lower, upper))));
  }

  /** "close C below band L..U" (above, for a breakout), the same text as the concatenation. */
  static String entryReason(long close, boolean above, double lower, double upper) {
    StringBuilder why = new StringBuilder(48).append("close ").append(close)
        .append(above ? " above" : " below").append(" band ");
    FixedPoint.append(why, lower, 0).append("..");
    return FixedPoint.append(why, upper, 0).toString();
  }

  @Override
  public WarmUp warmUp() {
    return WarmUp.bars(band.count(), band.period());
  }
}
