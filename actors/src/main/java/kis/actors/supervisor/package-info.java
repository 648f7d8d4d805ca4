/**
 * The KIS supervisor: {@link kis.actors.supervisor.KisSupervisor} (the websocket session's state
 * machine, reconnects, resubscription, staleness, DEGRADED when the websocket keeps failing while
 * REST answers) and its pure parts, the documented {@link kis.actors.supervisor.ConnectionState}
 * table, jittered {@link kis.actors.supervisor.Backoff} and the
 * {@link kis.actors.supervisor.StalenessWatchdog}.
 */
package kis.actors.supervisor;
