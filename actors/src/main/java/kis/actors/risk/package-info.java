/**
 * Pre-trade risk: {@link kis.actors.risk.RiskLimits} (from HOCON), the pure
 * {@link kis.actors.risk.RiskGuard} an agent consults before journaling an order, the
 * {@link kis.actors.risk.DayCounters} it folds alongside its state, and the account's journaled
 * {@link kis.actors.risk.KillSwitch}.
 */
package kis.actors.risk;
