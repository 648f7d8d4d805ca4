package kis.engine.dashboard;

import java.time.Instant;
import kis.journal.Side;
import kis.journal.Symbol;

/** One execution as the dashboard lists it. */
public record FillView(Instant at, String clientOrderId, Symbol symbol, Side side, long quantity, long price) {}
