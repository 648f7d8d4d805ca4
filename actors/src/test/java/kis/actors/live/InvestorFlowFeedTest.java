package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import kis.journal.Symbol;
import kis.strategies.event.InvestorFlow;
import org.junit.jupiter.api.Test;

class InvestorFlowFeedTest {
  static final Symbol S = Symbol.of("005930");
  static final ZoneId KST = ZoneId.of("Asia/Seoul");
  static final LocalDate TODAY = LocalDate.of(2026, 3, 4);

  static Clock at(int hour, int minute) {
    return Clock.fixed(ZonedDateTime.of(TODAY.atTime(hour, minute), KST).toInstant(), KST);
  }

  static InvestorFlow day(LocalDate d, long foreign) {
    return InvestorFlowFeed.of(S, d, foreign, 0, -foreign);
  }

  static List<LocalDate> dates(List<InvestorFlow> flows) {
    return flows.stream().map(InvestorFlow::tradingDate).toList();
  }

  /** KIS lists the newest day first, today's running figures included. */
  static final List<InvestorFlow> KIS_ORDER = List.of(day(TODAY, 7), day(TODAY.minusDays(1), 5),
      day(TODAY.minusDays(2), -3), day(TODAY.minusDays(5), 1));

  @Test
  void finishedDaysGoOutOldestFirstAndTodayOnlyOnceItsFiguresAreFinal() {
    assertEquals(List.of(TODAY.minusDays(5), TODAY.minusDays(2), TODAY.minusDays(1)),
        dates(InvestorFlowFeed.finished(KIS_ORDER, LocalDate.MIN, at(10, 0))));
    assertEquals(List.of(TODAY.minusDays(5), TODAY.minusDays(2), TODAY.minusDays(1), TODAY),
        dates(InvestorFlowFeed.finished(KIS_ORDER, LocalDate.MIN, at(18, 0))));
  }

  @Test
  void aDayAlreadyDeliveredIsNeverDeliveredAgain() {
    assertEquals(List.of(TODAY.minusDays(1)),
        dates(InvestorFlowFeed.finished(KIS_ORDER, TODAY.minusDays(2), at(17, 59))));
    assertEquals(List.of(), dates(InvestorFlowFeed.finished(KIS_ORDER, TODAY, at(23, 0))));
  }

  @Test
  void aFlowIsStampedWhenItBecameKnownThatDay() {
    assertEquals(ZonedDateTime.of(TODAY.atTime(18, 0), KST).toInstant(), day(TODAY, 1).time());
  }
}
