package kis.engine.dashboard;

import java.time.Instant;

/** The agent's total P&L (realized + unrealized, won) at one moment of the day. */
public record PnlPoint(Instant at, long pnl) {}
