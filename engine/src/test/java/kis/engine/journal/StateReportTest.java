package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveId;
import kis.journal.ProtectiveSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Trail;
import kis.journal.event.ProtectiveArmed;
import kis.journal.event.ProtectiveTrailed;
import kis.journal.event.ProtectiveTriggered;
import kis.journal.state.AgentState;
import org.junit.jupiter.api.Test;

/** {@code journal inspect}'s rendering of the books. */
class StateReportTest {
  static final Symbol S = Symbol.of("005930");
  static final Instant T = Instant.parse("2026-11-24T01:00:00Z");

  @Test
  void inspectShowsEveryArmedOrderWithItsTriggerAndTheLastOneThatFired() {
    AgentState s = AgentState.fold("a1", List.of(
        new ProtectiveArmed(new ProtectiveId("a1-p1"), ProtectiveSpec.trailingStop(S, Side.SELL, 10, Trail.ticks(5)),
            null, null, Instant.parse("2026-11-24T15:00:00Z"), "trail", T),
        new ProtectiveTrailed(new ProtectiveId("a1-p1"), 69_500, 70_000, T, T),
        new ProtectiveArmed(new ProtectiveId("a1-p2"), ProtectiveSpec.stopLimit(S, Side.SELL, 5, 68_000, 67_900),
            null, null, Instant.parse("2026-11-24T15:00:00Z"), "stop", T),
        new ProtectiveTriggered(new ProtectiveId("a1-p2"), 67_500, T, new ClientOrderId("a1-1"),
            OrderSpec.limit(S, Side.SELL, 5, 67_900), "RISK_INSUFFICIENT_POSITION none held", T)));
    StringWriter out = new StringWriter();
    StateReport.print(s, new PrintWriter(out, true));
    String text = out.toString();
    assertTrue(text.contains("armed protective orders: 1 (fired so far: 1)"), text);
    assertTrue(text.contains("a1-p1 TRAILING_STOP SELL 005930 10/10 trigger 69500 trailing 5 TICKS best 70000 -> MARKET"),
        text);
    assertTrue(text.contains("last fired: a1-p2 STOP SELL 005930 fired at 67500 (trigger 68000): a1-1 LIMIT 5 @67900"
        + " DENIED RISK_INSUFFICIENT_POSITION none held"), text);
  }
}
