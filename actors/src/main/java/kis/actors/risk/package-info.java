/**
 * Pre-trade risk: {@link kis.journal.risk.RiskLimits} (from HOCON), the pure
 * {@link kis.journal.risk.RiskGuard} the strategy host consults before the agent journals an order
 * (the one place for the tick grid, the ±30 % band from KIS's base price and every limit; a
 * denial is journaled as {@code OrderDenied}), the {@link kis.journal.risk.DayCounters} folded
 * alongside the agent's state, and the account's journaled {@link kis.actors.risk.KillSwitch}
 * (wired by {@code kis.actors.live.LiveEngine}).
 */
package kis.actors.risk;
