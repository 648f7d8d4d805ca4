package kis.engine.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kis.engine.backtest.BacktestConfig;
import kis.engine.backtest.BacktestResult;
import kis.engine.backtest.BacktestRunner;
import kis.engine.backtest.MarketData;
import kis.engine.backtest.ProgressListener;
import kis.journal.KrxTick;
import kis.journal.ProtectiveKind;
import kis.journal.event.AgentEvent;
import kis.journal.event.ProtectiveArmed;
import kis.journal.event.ProtectiveCancelled;
import kis.journal.event.ProtectiveTrailed;
import kis.journal.event.ProtectiveTriggered;
import kis.journal.state.AgentState;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.Trade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's parity proof: protective orders (brackets with stop-limit and take-profit exits, OCOs of
 * a trailing stop-limit and a take-profit) over one price path with a gap through a bracket's stop,
 * run through the backtest and live (the whole engine on kis-sim, as {@link BacktestLiveParityTest}):
 * the same armings, trails, triggers, cancels, children and fills, the same books, equal to kis-sim's.
 */
class ProtectiveParityTest {
  static final String PARAMS = "symbols = [\"005930\", \"000660\"], quantity = 10";
  /** How far the gap drops Samsung, and for how many of its prints. */
  static final int GAP_TICKS = 8;
  static final int GAP_PRINTS = 4;

  @TempDir Path dir;

  private static BacktestResult backtest(MarketData path) {
    return BacktestRunner.run(ProtectiveLadder.fromConfig(ConfigFactory.parseString(PARAMS)), "protective", path,
        BacktestConfig.defaults().withAgentId(BacktestLiveParityTest.AGENT)
            .withCash(BacktestLiveParityTest.INITIAL_CASH).withParticipation(1.0).withFillsAtTouch(true),
        ProgressListener.NONE);
  }

  /**
   * The parity path with a gap: Samsung drops {@link #GAP_TICKS} ticks for {@link #GAP_PRINTS} of its
   * prints from the second Samsung print after the first bracket's entry filled, then comes back.
   */
  static MarketData gappedPath() {
    MarketData plain = BacktestLiveParityTest.pricePath();
    BacktestResult r = backtest(plain);
    ProtectiveArmed stop = r.journal().stream().filter(e -> e instanceof ProtectiveArmed a
        && a.spec().kind() == ProtectiveKind.STOP && a.spec().symbol().equals(BacktestLiveParityTest.SAMSUNG))
        .map(ProtectiveArmed.class::cast).findFirst().orElseThrow();
    java.time.Instant filled = r.journal().stream().filter(e -> e instanceof kis.journal.event.OrderFilled f
        && f.orderId().equals(stop.parent())).findFirst().orElseThrow().recordedAt();
    List<MarketEvent> out = new ArrayList<>();
    int samsungAfter = 0;
    for (MarketEvent e : plain.events()) {
      Trade t = (Trade) e;
      if (t.symbol().equals(BacktestLiveParityTest.SAMSUNG) && t.time().isAfter(filled)) {
        samsungAfter++;
        if (samsungAfter >= 2 && samsungAfter < 2 + GAP_PRINTS) {
          t = new Trade(t.symbol(), t.time(), KrxTick.step(t.price(), -GAP_TICKS), t.quantity(), t.cumulativeVolume());
        }
      }
      out.add(t);
    }
    return MarketData.of(out);
  }

  @Test
  void theBacktestAndALiveRunOnKisSimFireTheSameStopsTrailsAndBracketsThroughAGap() throws Exception {
    MarketData path = gappedPath();
    BacktestResult backtest = backtest(path);
    assertExercised(backtest);
    // The backtest closes the session after the last print (its open orders expire); the live run does not.
    java.time.Instant lastPrint = path.events().get(path.events().size() - 1).time();
    List<String> expected = BacktestLiveParityTest.lines(backtest.journal().stream()
        .filter(e -> !e.recordedAt().isAfter(lastPrint)).toList());

    BacktestLiveParityTest.LiveRun live = BacktestLiveParityTest.runLive(dir, path,
        ProtectiveLadder.class.getName(), PARAMS);
    List<String> actual = BacktestLiveParityTest.lines(live.journal());
    assertEquals(expected, actual, BacktestLiveParityTest.firstDifference(expected, actual));
    AgentState b = backtest.finalState();
    AgentState l = live.state();
    assertEquals(BacktestLiveParityTest.positions(b), BacktestLiveParityTest.positions(l), "positions");
    assertEquals(b.cashFlow(), l.cashFlow(), "cash");
    assertEquals(armed(b), armed(l), "what is still armed, at which trigger");
    assertEquals(live.simHoldings(), BacktestLiveParityTest.quantities(l), "the agent's positions are kis-sim's");
    assertEquals(live.simCashChange(), l.cashFlow(), "the agent's cash flow is kis-sim's");
  }

  private static List<String> armed(AgentState s) {
    return s.protections().all().stream().map(o -> o.id() + " " + o.trigger() + " " + o.activeQuantity()).toList();
  }

  /** The path must fire what the issue names, or the comparison proves little. */
  private static void assertExercised(BacktestResult r) {
    List<AgentEvent> j = r.journal();
    String what = BacktestLiveParityTest.lines(j).toString();
    assertTrue(j.stream().anyMatch(e -> e instanceof ProtectiveTrailed), "a trailing stop trailed: " + what);
    assertTrue(count(j, ProtectiveKind.TRAILING_STOP, r) >= 1, "a trailing stop fired: " + what);
    assertTrue(count(j, ProtectiveKind.STOP, r) >= 1, "a bracket's stop fired: " + what);
    assertTrue(count(j, ProtectiveKind.TAKE_PROFIT, r) >= 1, "a take-profit fired: " + what);
    assertTrue(j.stream().anyMatch(e -> e instanceof ProtectiveCancelled c && c.reason().startsWith("OCO")),
        "an OCO partner was cancelled: " + what);
    long gapFires = j.stream().filter(e -> e instanceof ProtectiveTriggered t
        && kindOf(j, t) == ProtectiveKind.STOP && t.child().price() > t.printPrice() + 2 * KrxTick.tickSize(t.printPrice()))
        .count();
    assertTrue(gapFires >= 1, "a stop fired through the gap, far below its trigger: " + what);
  }

  private static long count(List<AgentEvent> j, ProtectiveKind kind, BacktestResult r) {
    return j.stream().filter(e -> e instanceof ProtectiveTriggered t && kindOf(j, t) == kind).count();
  }

  private static ProtectiveKind kindOf(List<AgentEvent> j, ProtectiveTriggered t) {
    return j.stream().filter(e -> e instanceof ProtectiveArmed a && a.protectiveId().equals(t.protectiveId()))
        .map(e -> ((ProtectiveArmed) e).spec().kind()).findFirst().orElseThrow();
  }
}
