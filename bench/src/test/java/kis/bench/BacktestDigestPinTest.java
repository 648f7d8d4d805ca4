package kis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every backtest output stays what it was: the digest of each {@link BacktestDigest} case (journal,
 * fills, round trips, equity curve, daily equity, final state hash, summary) at 60 days, pinned
 * from the code before the issue-17 speed-ups. A change that moves any of them changed what a
 * backtest reports, which an optimisation must never do; re-pin only for a change meant to alter
 * results, and say so in its commit.
 */
class BacktestDigestPinTest {
  static final int DAYS = 60;

  /** {@code java -cp bench.jar kis.bench.BacktestDigest 60}, before any change to the backtest path. */
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

  @Test
  void everyCaseDigestsAsBeforeTheSpeedUps() {
    assertEquals(PINNED, BacktestDigest.lines(DAYS));
  }
}
