package kis.bench;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import kis.engine.backtest.BacktestConfig;
import kis.engine.backtest.BacktestResult;
import kis.engine.backtest.BacktestRunner;
import kis.engine.backtest.MarketData;
import kis.engine.backtest.SyntheticMarket;
import kis.engine.backtest.SyntheticPrints;
import kis.journal.Symbol;
import kis.strategies.Strategy;
import kis.strategies.registry.StrategyRegistry;

/**
 * A SHA-256 over everything a backtest produces (journal, fills, round trips, equity curve, daily
 * equity, final state, summary), for a handful of strategies and fill models. Not a figure: run it
 * before and after a performance change to the backtest path, and every line must stay the same.
 *
 * <p>The last case is the bench's run with a hundredth of the cash: most of its entries are cash
 * denials, the path a long run of the bench spends its time on, which the first cases only reach
 * after a thousand days. {@code BacktestDigestPinTest} pins every line at a small size.
 *
 * <p>Usage: {@code java -cp bench.jar kis.bench.BacktestDigest [days=300]}.
 */
public final class BacktestDigest {
  private BacktestDigest() {}

  public static void main(String[] args) {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    lines(days).forEach(System.out::println);
  }

  /** One line per case: its name, journal and fill counts, and the SHA-256 of everything it produced. */
  static List<String> lines(int days) {
    MarketData bars = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(42, days));
    Map<Symbol, Long> start = new LinkedHashMap<>();
    start.put(Symbol.of("005930"), 70_000L);
    start.put(Symbol.of("005935"), 57_000L);
    MarketData prints = SyntheticPrints.generate(new SyntheticPrints.Spec(7, LocalDateTime.of(2026, 3, 3, 9, 0),
        days * 300, start, 3, 50, 0.05));
    BacktestConfig cfg = BacktestConfig.defaults();
    List<String> out = new ArrayList<>();
    out.add(digest("bench volatility-band market", BacktestThroughput.strategy(), bars, cfg));
    out.add(digest("volatility-band breakout limit stop", strategy("volatility-band",
        "symbol=005930, quantity=7, window=30, k=1.5, mode=breakout, stop-loss=0.01, order-type=limit"), bars, cfg));
    out.add(digest("volatility-band on prints, limit, touch", strategy("volatility-band",
        "symbol=005935, quantity=3, window=10, k=1.0, order-type=limit, bars-from-trades=true"), prints,
        cfg.withFillsAtTouch(true).withParticipation(0.5)));
    out.add(digest("pair-spread", strategy("pair-spread", "notional=5000000, window=60, entry-z=1.5"), bars, cfg));
    out.add(digest("volume-trigger", strategy("volume-trigger", "symbol=005930, quantity=5"), bars, cfg));
    out.add(digest("foreign-follower", strategy("foreign-follower", "symbol=005930, quantity=5, entry-net-buy=1000"),
        bars, cfg));
    out.add(digest("moving-average-cross", strategy("kis.strategies.examples.MovingAverageCross",
        "symbol=005930, quantity=4, fast=5, slow=20"), bars, cfg));
    out.add(digest("limit-chaser on prints", strategy("kis.strategies.examples.LimitChaser",
        "symbol=005930, quantity=2, patience=3, revises=2"), prints, cfg.withParticipation(0.3)));
    out.add(digest("bench volatility-band, cash denials", BacktestThroughput.strategy(), bars,
        cfg.withCash(cfg.initialCash() / 100)));
    return out;
  }

  private static Strategy strategy(String type, String params) {
    return StrategyRegistry.create(type, ConfigFactory.parseString(params));
  }

  private static String digest(String name, Strategy s, MarketData data, BacktestConfig cfg) {
    BacktestResult r = BacktestRunner.run(s, name, data, cfg, (d, t) -> { });
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    update(md, r.journal());
    update(md, r.fills());
    update(md, r.roundTrips());
    update(md, r.equity());
    update(md, r.daily());
    update(md, r.finalState().stateHash());
    update(md, r.summary());
    update(md, r.marketEvents() + "/" + r.droppedIntents());
    return String.format(Locale.ROOT, "%-40s journal %7d fills %6d  %s", name, r.journal().size(), r.fills().size(),
        HexFormat.of().formatHex(md.digest()));
  }

  private static void update(MessageDigest md, Object o) {
    if (o instanceof Iterable<?> it) {
      for (Object x : it) {
        md.update(String.valueOf(x).getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
    } else {
      md.update(String.valueOf(o).getBytes(StandardCharsets.UTF_8));
    }
  }
}
