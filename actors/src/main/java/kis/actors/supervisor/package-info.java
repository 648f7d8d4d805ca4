/**
 * The KIS supervisor's pure parts: the documented {@link kis.actors.supervisor.ConnectionState}
 * table, jittered {@link kis.actors.supervisor.Backoff} and the
 * {@link kis.actors.supervisor.StalenessWatchdog}.
 */
package kis.actors.supervisor;
