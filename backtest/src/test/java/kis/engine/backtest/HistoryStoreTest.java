package kis.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import kis.journal.Symbol;
import kis.strategies.event.Bar;
import kis.strategies.event.InvestorFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
  private static final Symbol S = Symbol.of("005930");
  @TempDir Path dir;

  @Test
  void readsMinuteDaysInRangeWithFlows() throws Exception {
    HistoryStore store = new HistoryStore(dir);
    for (String day : List.of("2026-03-02", "2026-03-03", "2026-03-04")) {
      Path f = store.minuteFile(S, LocalDate.parse(day));
      Files.createDirectories(f.getParent());
      Files.writeString(f, "time,symbol,open,high,low,close,volume\n" + day + "T09:01,005930,100,100,100,100,1\n");
    }
    Files.writeString(store.flowsFile(S), "date,symbol,foreign,institution,individual\n"
        + "2026-03-02,005930,1,2,3\n2026-03-04,005930,1,2,3\n");
    MarketData md = store.read(List.of(S), HistoryStore.Interval.MINUTE, LocalDate.parse("2026-03-03"), null);
    assertEquals(3, md.size());
    assertTrue(md.events().get(0) instanceof Bar);
    assertTrue(md.events().get(2) instanceof InvestorFlow);
    assertEquals(List.of(LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-04")), md.tradingDates());
  }

  @Test
  void missingHistoryTellsHowToFetchIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HistoryStore(dir).read(List.of(S), HistoryStore.Interval.DAILY, null, null));
    assertTrue(e.getMessage().contains("history fetch"), e.getMessage());
  }
}
