package kis.cluster.lease;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code cluster_lease} table and the four statements a lease needs. Every decision about
 * time is made with the database's clock ({@code clock_timestamp()}), never a node's, so two nodes
 * whose clocks disagree still agree on whether a lease has expired. Each statement is one atomic
 * row operation: PostgreSQL's {@code INSERT … ON CONFLICT DO UPDATE … WHERE} locks the row, so of
 * two owners racing for a free lease exactly one gets it.
 */
public final class LeaseTable {
  /** The table, created with the journal's by {@code JdbcSchema}; idempotent. */
  public static final String DDL = """
      CREATE TABLE IF NOT EXISTS cluster_lease (
        name VARCHAR(512) NOT NULL PRIMARY KEY,
        owner VARCHAR(512) NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL,
        acquired_at TIMESTAMPTZ NOT NULL
      );
      """;

  private static final String ACQUIRE = """
      INSERT INTO cluster_lease AS l (name, owner, expires_at, acquired_at)
      VALUES (?, ?, clock_timestamp() + ? * INTERVAL '1 millisecond', clock_timestamp())
      ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at,
        acquired_at = CASE WHEN l.owner = EXCLUDED.owner THEN l.acquired_at ELSE EXCLUDED.acquired_at END
      WHERE l.owner = EXCLUDED.owner OR l.expires_at <= clock_timestamp()
      RETURNING owner
      """;

  // Only a lease that is still ours and not yet expired is extended: once it has expired another
  // owner may already have been told it is free.
  private static final String RENEW = """
      UPDATE cluster_lease SET expires_at = clock_timestamp() + ? * INTERVAL '1 millisecond'
      WHERE name = ? AND owner = ? AND expires_at > clock_timestamp()
      """;

  private static final String RELEASE = "DELETE FROM cluster_lease WHERE name = ? AND owner = ?";

  private static final String HOLDER =
      "SELECT owner FROM cluster_lease WHERE name = ? AND expires_at > clock_timestamp()";

  private LeaseTable() {}

  /** Takes {@code name} for {@code owner} until {@code ttl} from now if it is free, expired or already {@code owner}'s. */
  public static boolean tryAcquire(Connection c, String name, String owner, Duration ttl) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(ACQUIRE)) {
      st.setString(1, name);
      st.setString(2, owner);
      st.setLong(3, ttl.toMillis());
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Extends {@code owner}'s unexpired hold on {@code name} to {@code ttl} from now; false: it is not {@code owner}'s any more. */
  public static boolean renew(Connection c, String name, String owner, Duration ttl) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(RENEW)) {
      st.setLong(1, ttl.toMillis());
      st.setString(2, name);
      st.setString(3, owner);
      return st.executeUpdate() == 1;
    }
  }

  /** Frees {@code name} if {@code owner} holds it; a lease held by another owner is left alone. */
  public static void release(Connection c, String name, String owner) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(RELEASE)) {
      st.setString(1, name);
      st.setString(2, owner);
      st.executeUpdate();
    }
  }

  /** Who holds {@code name} now (empty: nobody, or the last holder's time ran out). */
  public static Optional<String> holder(Connection c, String name) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(HOLDER)) {
      st.setString(1, name);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }
}
