/**
 * The cluster profile: agents as Cluster Sharding entities persisting to PostgreSQL through
 * pekko-persistence-jdbc, and one Cluster Singleton per KIS account holding its supervisor,
 * order gateway and reconciler (one websocket and one rate budget per app key).
 */
package kis.cluster;
