package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import org.junit.jupiter.api.Test;

class RepeatedDenialsTest {
  static final Instant T = Instant.parse("2026-12-07T01:00:00Z");
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final OrderSpec BUY = OrderSpec.limit(SAMSUNG, Side.BUY, 1, 64_000);
  static final OrderSpec SELL = OrderSpec.limit(SAMSUNG, Side.SELL, 1, 64_000);
  static final RepeatedDenials.Key BUY_HALTED = RepeatedDenials.Key.of(BUY, RejectReason.RISK_HALTED);
  static final RepeatedDenials.Key SELL_HALTED = RepeatedDenials.Key.of(SELL, RejectReason.RISK_HALTED);

  final RepeatedDenials denials = new RepeatedDenials(Duration.ofSeconds(1));

  @Test
  void onlyTheSameSymbolSideAndReasonWithinTheWindowRepeats() {
    assertFalse(denials.repeats(BUY_HALTED, T), "nothing journaled yet");
    denials.journaled(BUY_HALTED, T, 1);
    assertTrue(denials.repeats(BUY_HALTED, T.plusMillis(999)));
    assertFalse(denials.repeats(BUY_HALTED, T.plusSeconds(1)), "the window has passed");
    assertFalse(denials.repeats(SELL_HALTED, T), "another side");
    assertFalse(denials.repeats(RepeatedDenials.Key.of(BUY, RejectReason.RISK_MAX_NOTIONAL), T), "another reason");
  }

  @Test
  void aRunCarriesItsCountItsLastDenialAndTheIdOfTheDenialThatOpenedItsWindowAndClosesWithIt() {
    denials.journaled(BUY_HALTED, T, 1);
    denials.repeated(BUY_HALTED, BUY, "first repeat");
    assertEquals(1, denials.seq(BUY_HALTED), "a repeat takes no id: it is refused under its window's");
    denials.repeated(BUY_HALTED, BUY, "second repeat");
    assertEquals(Optional.of(T.plusSeconds(1)), denials.nextClose());
    assertEquals(List.of(), denials.closeDue(T.plusMillis(500)));
    assertEquals(List.of(new RepeatedDenials.Run(BUY_HALTED, 2, 1, BUY, "second repeat")),
        denials.closeDue(T.plusSeconds(1)));
    assertEquals(1, denials.seq(BUY_HALTED), "the record names the same id: so does the next window");
    // The run's record is a journaled denial too: the next window opens with it.
    assertEquals(Optional.of(T.plusSeconds(2)), denials.nextClose());
    assertTrue(denials.repeats(BUY_HALTED, T.plusMillis(1_001)));
    assertEquals(List.of(), denials.closeDue(T.plusSeconds(2)), "no repeats in it: nothing to journal");
    assertEquals(Optional.empty(), denials.nextClose(), "and the window ends");
    assertFalse(denials.repeats(BUY_HALTED, T.plusMillis(2_001)));
    assertEquals(2, denials.counted());
  }

  @Test
  void buysAndSellsRefusedInTurnEachKeepTheirWindowAndRunsComeOutInIdOrder() {
    denials.journaled(SELL_HALTED, T, 3);
    denials.journaled(BUY_HALTED, T, 4);
    denials.repeated(BUY_HALTED, BUY, "b");
    denials.repeated(SELL_HALTED, SELL, "s");
    List<RepeatedDenials.Run> runs = denials.takeRuns();
    assertEquals(List.of(3L, 4L), runs.stream().map(RepeatedDenials.Run::seq).toList());
    assertTrue(denials.repeats(BUY_HALTED, T.plusMillis(10)), "taking the runs leaves the windows open");
    assertEquals(List.of(), denials.takeRuns(), "and counts afresh");
  }

  @Test
  void aZeroWindowNeverRepeats() {
    RepeatedDenials off = new RepeatedDenials(Duration.ZERO);
    off.journaled(BUY_HALTED, T, 1);
    assertFalse(off.repeats(BUY_HALTED, T));
    assertEquals(Optional.empty(), off.nextClose());
  }

  @Test
  void refusedRevisesOfOneOrderKeepAWindowOfTheirOwnAndAreTakenOnlyWhenAsked() {
    RepeatedDenials.ReviseKey a = new RepeatedDenials.ReviseKey(new ClientOrderId("a1-1"), RejectReason.RISK_HALTED);
    RepeatedDenials.ReviseKey b = new RepeatedDenials.ReviseKey(new ClientOrderId("a1-2"), RejectReason.RISK_HALTED);
    denials.journaled(a, T);
    denials.journaled(BUY_HALTED, T, 2);
    assertTrue(denials.repeats(a, T.plusMillis(10)));
    assertFalse(denials.repeats(b, T.plusMillis(10)), "another order");
    denials.repeatedRevise(a, 63_900, "first");
    denials.repeatedRevise(a, 63_800, "second");
    denials.repeated(BUY_HALTED, BUY, "b");
    assertEquals(List.of(new RepeatedDenials.Run(BUY_HALTED, 1, 2, BUY, "b")),
        denials.takeRuns(k -> k instanceof RepeatedDenials.Key), "placements only");
    assertEquals(List.of(new RepeatedDenials.Run(a, 2, 0, null, "second", 63_800)),
        denials.closeDue(T.plusSeconds(1)));
    assertEquals(3, denials.counted());
  }
}
