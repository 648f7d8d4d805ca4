package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import kis.journal.Side;
import kis.journal.Symbol;
import org.junit.jupiter.api.Test;

class StatusTableTest {

  @Test
  void rendersOneAlignedLinePerAgentSortedById() {
    AgentRow b = new AgentRow("b-agent", List.of(Symbol.of("000660")), "momentum", AgentRunState.PAUSED, 20,
        182_000, -12_345, 0, 0, null, "OK");
    AgentRow a = new AgentRow("a", List.of(Symbol.of("005930")), "mr", AgentRunState.RUNNING, 100, 71_000,
        0, 1_000_000, 2, new FillView(Instant.EPOCH, "a-1", Symbol.of("005930"), Side.BUY, 5, 71_100), "OK");

    String[] lines = StatusTable.render(List.of(b, a)).split("\n");

    assertEquals(3, lines.length);
    assertEquals("AGENT    SYMBOL  STRATEGY  STATE    POSITION  AVG PRICE  REALIZED  UNREALIZED  WORKING  "
        + "LAST FILL     RISK", lines[0]);
    assertEquals("a        005930  mr        RUNNING       100     71,000         0   1,000,000        2  "
        + "BUY 5@71,100  OK", lines[1]);
    assertEquals("b-agent  000660  momentum  PAUSED         20    182,000   -12,345           0        0  "
        + "-             OK", lines[2]);
  }

  @Test
  void anIdleReasonAddsAColumnSayingWhyEachAgentHasNotTraded() {
    AgentRow idle = new AgentRow("band", List.of(Symbol.of("005930")), "volatility-band", AgentRunState.RUNNING, 0,
        0, 0, 0, 0, null, "OK").withIdleReason("warming up (3 of 20 bars)");
    AgentRow trading = new AgentRow("demo", List.of(Symbol.of("000660")), "demo", AgentRunState.RUNNING, 0, 0, 0, 0,
        0, null, "OK");

    String[] lines = StatusTable.render(List.of(idle, trading)).split("\n");

    assertEquals(true, lines[0].endsWith("RISK  WHY IDLE"), lines[0]);
    assertEquals(true, lines[1].endsWith("OK    warming up (3 of 20 bars)"), lines[1]);
    assertEquals(true, lines[2].endsWith("OK    -"), lines[2]);
  }
}
