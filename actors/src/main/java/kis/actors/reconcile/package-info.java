/**
 * Reconciliation of the agents' journals with the account: the pure
 * {@link kis.actors.reconcile.Reconciler} turns agent states and an
 * {@link kis.adapter.account.AccountSnapshot} into a {@link kis.actors.reconcile.ReconcileReport}
 * of corrections (events with deterministic ids), external orders and position drift.
 * {@link kis.actors.reconcile.ReconcilerActor} runs it live: reads the account over REST
 * (kis-adapter's {@link kis.adapter.KisAccount} maps the replies), asks every agent of the
 * {@link kis.actors.reconcile.AgentDirectory} for its state and sends the corrections as agent commands.
 */
package kis.actors.reconcile;
