/**
 * Pre-trade risk in the shell: the agent's own limits ({@link kis.actors.risk.AgentLimits}, seen
 * by the core's {@link kis.journal.risk.RiskGuard} as {@link kis.journal.risk.OwnLimits}), the
 * account-wide limits across agents ({@link kis.actors.risk.AccountLimits}) and the account's
 * journaled {@link kis.actors.risk.KillSwitch} (wired by {@code kis.actors.live.LiveEngine}). The
 * pure checks (tick grid, band, sessions, order types, every per-agent limit) are in the core,
 * {@code kis.journal.risk}.
 */
package kis.actors.risk;
