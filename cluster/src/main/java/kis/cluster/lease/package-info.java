/**
 * A Pekko coordination lease on the cluster's PostgreSQL ({@link kis.cluster.lease.PostgresLease}):
 * what lets two nodes survive the loss of either (the split brain resolver's
 * {@code lease-majority}) and keeps the account singleton and each agent on one node at a time,
 * even during a partition.
 */
package kis.cluster.lease;
