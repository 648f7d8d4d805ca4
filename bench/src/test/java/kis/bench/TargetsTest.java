package kis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kis.bench.Targets.Status;
import kis.bench.Targets.Verdict;
import org.junit.jupiter.api.Test;

class TargetsTest {

  /** A run that meets every target by a margin, as RESULT lines would give it. */
  private static Map<String, Double> passing() {
    Map<String, Double> m = new HashMap<>();
    m.put("journal.agents", 10.0);
    m.put("journal.group", 20_000.0);
    m.put("journal.raw1", 8_000.0);
    m.put("journal.rawN", 30_000.0);
    m.put("journal.vsRaw1", 2.5);
    m.put("journal.vsRawN", 0.66);
    m.put("tto.p99", 2_000_000.0);
    m.put("tto.p999", 4_000_000.0);
    m.put("tto.bareP99", 800_000.0);
    m.put("tto.rawSyncP99", 1_500_000.0);
    m.put("recovery.agents", 100.0);
    m.put("recovery.events", 1_000_000.0);
    m.put("recovery.ms", 1_700.0);
    m.put("recovery.floorMs", 1_300.0);
    m.put("restart.cycles", 10.0);
    m.put("restart.agents", 10.0);
    m.put("restart.hogThreads", 1.0);
    m.put("restart.failures", 0.0);
    m.put("restart.medianMs", 2_400.0);
    m.put("restart.p90Ms", 2_900.0);
    m.put("restart.maxMs", 3_100.0);
    m.put("restart.floorMs", 600.0);
    m.put("restart.appCds", 1.0);
    m.put("restart.cpuMedianMs", 4_000.0);
    m.put("dead.trials", 5.0);
    m.put("dead.maxDetectS", 4.4);
    m.put("dead.fixedMedianS", 61.0);
    m.put("dead.quietMinutes", 10.0);
    m.put("dead.quietReconnects", 0.0);
    m.put("backtest.perCpu", 13_000_000.0);
    m.put("backtest.bare", 100_000_000.0);
    m.put("sweep.threads", 2.0);
    m.put("sweep.speedup", 1.85);
    m.put("sweep.oneMs", 10_000.0);
    m.put("sweep.poolMs", 5_400.0);
    m.put("backtest.digestCases", 9.0);
    m.put("backtest.digestChanged", 0.0);
    return m;
  }

  private static Verdict row(List<Verdict> rows, String prefix) {
    return rows.stream().filter(v -> v.figure().startsWith(prefix)).findFirst().orElseThrow();
  }

  private static List<Verdict> judge(Map<String, Double> m) {
    return Targets.judge(new Targets.Results(m));
  }

  @Test
  void everyRowOfTheIssueIsPrintedAndARunMeetingEveryTargetIsMet() {
    List<Verdict> rows = judge(passing());
    assertEquals(11, rows.size());
    for (Verdict v : rows) {
      assertEquals(Status.MET, v.status(), v.toString());
    }
  }

  @Test
  void theDigestRowIsMetOnlyWhenNoCaseChangedAndNoFigureWithoutTheCheck() {
    Map<String, Double> m = passing();
    Verdict v = row(judge(m), "  same, BacktestDigest");
    assertEquals("0 of 9 cases changed", v.measured());
    assertTrue(v.figure().contains("9 cases at 60 days"), v.figure());
    m.put("backtest.digestChanged", 1.0);
    assertEquals(Status.MISSED, row(judge(m), "  same, BacktestDigest").status());
    m.remove("backtest.digestChanged");
    assertEquals(Status.NO_FIGURE, row(judge(m), "  same, BacktestDigest").status());
  }

  @Test
  void restartToLiveIsJudgedOnTheMedianOfTheLoopWithItsMaxShownBesideIt() {
    Map<String, Double> m = passing(); // median 2,400 ms, max 3,100 ms: one slow restart of ten
    Verdict v = row(judge(m), "restart to LIVE");
    assertEquals(Status.MET, v.status());
    assertTrue(v.measured().contains("2,400 ms median") && v.measured().contains("max 3,100 ms"), v.measured());
    assertEquals("4.00x", v.ratio()); // over the --version floor of the same run
    assertTrue(v.figure().contains("1 CPU hog thread(s)") && v.figure().contains("10 SIGKILL restarts")
        && v.figure().contains("AppCDS"), v.figure());
    m.put("restart.medianMs", 3_000.0); // the target is strictly under 3 s
    assertEquals(Status.MISSED, row(judge(m), "restart to LIVE").status());
  }

  @Test
  void aRestartThatNeverReachedLiveMissesWhateverTheMedianOfTheOthers() {
    Map<String, Double> m = passing();
    m.put("restart.failures", 1.0);
    Verdict v = row(judge(m), "restart to LIVE");
    assertEquals(Status.MISSED, v.status());
    assertTrue(v.measured().startsWith("1 of 10 restarts never LIVE"), v.measured());
    m.remove("restart.medianMs"); // every restart failed: still a verdict, not NO FIGURE
    assertEquals(Status.MISSED, row(judge(m), "restart to LIVE").status());
    m.put("restart.failures", 0.0);
    assertEquals(Status.NO_FIGURE, row(judge(m), "restart to LIVE").status());
  }

  @Test
  void journalIsMissedWhenEitherRawRatioFallsShortAndMetExactlyAtTheTarget() {
    Map<String, Double> m = passing();
    m.put("journal.vsRaw1", 1.99);
    m.put("journal.vsRawN", 0.5);
    List<Verdict> rows = judge(m);
    assertEquals(Status.MISSED, row(rows, "journal write").status());
    assertEquals(Status.MET, row(rows, "  same, vs raw at 10").status());
  }

  @Test
  void tickToOrderBudgetIsTheBareP99PlusTheRawSyncedWriteP99OfTheSameRun() {
    Map<String, Double> m = passing();
    m.put("tto.bareP99", 1_000_000.0);
    m.put("tto.rawSyncP99", 2_000_000.0);
    m.put("tto.p99", 3_000_000.0); // exactly the budget
    m.put("tto.p999", 6_000_001.0); // just past 2x the budget
    List<Verdict> rows = judge(m);
    assertEquals(Status.MET, row(rows, "tick-to-order").status());
    assertEquals("1.00x", row(rows, "tick-to-order").ratio());
    assertEquals(Status.MISSED, row(rows, "  same, p99.9").status());
    m.put("tto.p99", 3_000_001.0);
    assertEquals(Status.MISSED, row(judge(m), "tick-to-order").status());
  }

  @Test
  void recoveryNeedsBothUnderTwoSecondsAndWithinHalfASecondOfTheFloor() {
    Map<String, Double> m = passing();
    m.put("recovery.ms", 1_900.0);
    m.put("recovery.floorMs", 1_300.0); // 600 ms over the floor
    assertEquals(Status.MISSED, row(judge(m), "crash to trading").status());
    m.put("recovery.ms", 2_100.0);
    m.put("recovery.floorMs", 1_900.0); // within the floor's 500 ms, but over 2 s
    assertEquals(Status.MISSED, row(judge(m), "crash to trading").status());
    m.put("recovery.ms", 1_800.0);
    m.put("recovery.floorMs", 1_300.0);
    assertEquals(Status.MET, row(judge(m), "crash to trading").status());
  }

  @Test
  void recoverySaysItsFiguresAreMediansOfHowManyChildren() {
    Map<String, Double> m = passing();
    m.put("recovery.children", 5.0);
    Verdict v = row(judge(m), "crash to trading");
    assertEquals("1,700 ms median of 5", v.measured());
    assertTrue(v.baseline().startsWith("1,300 ms median of 5 floor"), v.baseline());
  }

  @Test
  void deadStreamJudgesTheSlowestTrialAndAnyQuietFeedReconnectIsMissed() {
    Map<String, Double> m = passing();
    m.put("dead.maxDetectS", 5.0);
    m.put("dead.quietReconnects", 1.0);
    List<Verdict> rows = judge(m);
    assertEquals(Status.MISSED, row(rows, "dead stream").status());
    assertEquals(Status.MISSED, row(rows, "  same, quiet feed").status());
  }

  @Test
  void deadStreamWithoutItsFixedLimitBaselineIsStillJudgedButShowsNoRatio() {
    Map<String, Double> m = passing();
    m.remove("dead.fixedMedianS");
    Verdict v = row(judge(m), "dead stream");
    assertEquals(Status.MET, v.status());
    assertEquals("-", v.ratio());
  }

  @Test
  void backtestRatioIsPerCpuOverTheBareReadAndTheSweepNeedsTwoThreads() {
    Map<String, Double> m = passing();
    m.put("backtest.perCpu", 11_900_000.0);
    assertEquals(Status.MISSED, row(judge(m), "backtest,").status());
    m.put("sweep.threads", 1.0);
    assertEquals(Status.NOT_MEASURED, row(judge(m), "  same, --sweep").status());
    m.put("sweep.threads", 2.0);
    m.put("sweep.speedup", 1.79);
    assertEquals(Status.MISSED, row(judge(m), "  same, --sweep").status());
  }

  @Test
  void aFigureNoProgramPrintedIsNoFigureNeverMetOrMissed() {
    Map<String, Double> m = passing();
    m.remove("journal.vsRawN");
    m.remove("recovery.floorMs");
    m.put("tto.bareP99", -1.0); // a percentile of no samples
    List<Verdict> rows = judge(m);
    assertEquals(Status.NO_FIGURE, row(rows, "journal write").status());
    assertEquals(Status.NO_FIGURE, row(rows, "crash to trading").status());
    assertEquals(Status.NO_FIGURE, row(rows, "tick-to-order").status());
  }

  @Test
  void resultLinesParseIntoFiguresAndAStrayWordIsNoFigure() {
    Targets.Results r = ResultLine.parse(List.of("ROW|x|y", "RESULT journal.vsRaw1=2.5 journal.group=abc",
        "some prose", "RESULT run.cores=2"));
    assertEquals(2.5, r.v("journal.vsRaw1"));
    assertEquals(2.0, r.v("run.cores"));
    assertFalse(r.has("journal.group"));
  }

  @Test
  void aRunIsQuietOnlyWhenTheLoadStayedWithinHalfTheCoresAtBothEnds() {
    Map<String, Double> m = new HashMap<>(Map.of("run.cores", 2.0, "run.loadStart", 0.4, "run.loadEnd", 1.0));
    assertTrue(Targets.quiet(new Targets.Results(m)));
    m.put("run.loadEnd", 1.1);
    assertFalse(Targets.quiet(new Targets.Results(m)));
    assertTrue(Targets.load(new Targets.Results(m)).contains("NOT QUIET"));
    m.remove("run.loadStart");
    assertFalse(Targets.quiet(new Targets.Results(m)));
  }
}
