/**
 * Reconciliation of the agents' journals with the account: the pure
 * {@link kis.actors.reconcile.Reconciler} turns agent states and an
 * {@link kis.actors.reconcile.AccountSnapshot} into a {@link kis.actors.reconcile.ReconcileReport}
 * of corrections (events with deterministic ids), external orders and position drift;
 * {@link kis.actors.reconcile.DayRoll} gives the session-end expiries.
 */
package kis.actors.reconcile;
