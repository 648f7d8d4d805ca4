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
 * equity, final state, summary), for a handful of strategies and fill models. Run it before and
 * after a performance change to the backtest path, and every line must stay the same.
 *
 * <p>The last case is the bench's run with a hundredth of the cash: most of its entries are cash
 * denials, the path a long run of the bench spends its time on, which the first cases only reach
 * after a thousand days.
 *
 * <p>{@link #PINNED} holds every line at {@link #PINNED_DAYS} days as the code before issue 17's
 * speed-ups printed them; {@code BacktestDigestPinTest} ({@code mvn verify}) and {@code check}
 * (run-all's "BacktestDigest unchanged" row) both compare against it.
 *
 * <p>Usage: {@code java -cp bench.jar kis.bench.BacktestDigest [days=300]}, or
 * {@code ... BacktestDigest check}: the cases at {@link #PINNED_DAYS} days against {@link #PINNED}, a
 * {@code RESULT backtest.digestCases=N backtest.digestChanged=M} line, and each changed line.
 */
public final class BacktestDigest {
  private BacktestDigest() {}

  /** The days of {@link #PINNED}. */
  static final int PINNED_DAYS = 60;

  /**
   * {@code java -cp bench.jar kis.bench.BacktestDigest 60}, before any change to the backtest path.
   * Re-pin only for a change meant to alter results, and say so in its commit.
   */
  static final List<String> PINNED = List.of(
      "bench volatility-band market             journal    3012 fills   1003  "
          + "ce7efa8bc70ca34580245b9a8cdacd75cfab97ba87019020d7e0e6ed338b38b5",
      "volatility-band breakout limit stop      journal    2547 fills    848  "
          + "25c3890d44547622e0e9a2308a74a635b24d5b65db031d2135d8f6fbc8b13aa6",
      "volatility-band on prints, limit, touch  journal     190 fills     66  "
          + "a43753ac6322e7e440a260d498dd114d819ed9a9ccda00016ceb3fc065ce2532",
      "pair-spread                              journal    3090 fills   1026  "
          + "863ac189586e0cdeb5649d7aa4acfdd6b432b26571b572ae48c3a34880ad8cb5",
      "volume-trigger                           journal     228 fills     76  "
          + "40dc3cac365fb696ad522db350196b0c11ef6afc5e71b82da6d5af2e1e795fbf",
      "foreign-follower                         journal      24 fills      8  "
          + "cc234a77997d183385d9381e8c6228050814983d4d9f43d10467d02ea65ad8ad",
      "moving-average-cross                     journal    4530 fills   1504  "
          + "ec0caf393b99fc7a85e3eaba59d11f37706ea84af69c97227aa7d78846c12edd",
      "limit-chaser on prints                   journal    7614 fills   1907  "
          + "2a94843a39cd9f2b921e45a872f25a16ae4f99832ef7ca4d80afbbaf775ae4d1",
      "bench volatility-band, cash denials      journal    2795 fills    754  "
          + "8f2cdf4297590f1520546144a621c1835e5def187dc0fe7f76734c2cac290de5");

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("check")) {
      check();
      return;
    }
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    lines(days).forEach(System.out::println);
  }

  /** Runs the cases at {@link #PINNED_DAYS} days and prints how many differ from {@link #PINNED}. */
  static void check() {
    List<String> now = lines(PINNED_DAYS);
    int changed = changed(PINNED, now);
    for (int i = 0; i < Math.max(PINNED.size(), now.size()); i++) {
      String was = i < PINNED.size() ? PINNED.get(i) : "(none)";
      String is = i < now.size() ? now.get(i) : "(none)";
      System.err.println((was.equals(is) ? "same     " : "CHANGED  ") + is + (was.equals(is) ? "" : "\n  pinned " + was));
    }
    ResultLine.print("backtest.digestCases", PINNED.size(), "backtest.digestChanged", changed);
  }

  /** How many lines differ between the pinned and the new lines, a missing or extra line counting as one. */
  static int changed(List<String> pinned, List<String> now) {
    int changed = Math.abs(pinned.size() - now.size());
    for (int i = 0; i < Math.min(pinned.size(), now.size()); i++) {
      if (!pinned.get(i).equals(now.get(i))) {
        changed++;
      }
    }
    return changed;
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
