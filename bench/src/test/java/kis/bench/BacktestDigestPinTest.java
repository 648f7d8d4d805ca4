package kis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every backtest output stays what it was: the digest of each {@link BacktestDigest} case (journal,
 * fills, round trips, equity curve, daily equity, final state hash, summary) at
 * {@link BacktestDigest#PINNED_DAYS} days, as {@link BacktestDigest#PINNED} holds them from the code
 * before the issue-17 speed-ups (run-all's "BacktestDigest unchanged" row checks the same lines). A
 * change that moves any of them changed what a backtest reports, which an optimisation must never
 * do; re-pin only for a change meant to alter results, and say so in its commit.
 */
class BacktestDigestPinTest {
  @Test
  void everyCaseDigestsAsBeforeTheSpeedUps() {
    assertEquals(BacktestDigest.PINNED, BacktestDigest.lines(BacktestDigest.PINNED_DAYS));
  }

  @Test
  void aChangedMissingOrExtraLineCountsAsOneChange() {
    List<String> pinned = List.of("a", "b", "c");
    assertEquals(0, BacktestDigest.changed(pinned, List.of("a", "b", "c")));
    assertEquals(1, BacktestDigest.changed(pinned, List.of("a", "x", "c")));
    assertEquals(1, BacktestDigest.changed(pinned, List.of("a", "b")));
    assertEquals(2, BacktestDigest.changed(pinned, List.of("a", "x", "c", "d")));
  }
}
