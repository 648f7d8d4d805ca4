package kis.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assertions;

/**
 * A PostgreSQL schema of its own for one test, on the JVM's {@link TestPostgres} (the embedded server,
 * or the one {@code KIS_TRADER_TEST_PG_URL} names). A server that cannot be reached fails the test:
 * nothing here is skipped.
 */
public final class TestDatabase implements AutoCloseable {

  private final String baseUrl;
  public final String schema;
  public final String url;

  private TestDatabase(String baseUrl, String schema) {
    this.baseUrl = baseUrl;
    this.schema = schema;
    this.url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  public static TestDatabase create() {
    String base = TestPostgres.url();
    String schema = "t_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    try (Connection c = DriverManager.getConnection(base + (base.contains("?") ? "&" : "?") + "connectTimeout=5");
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      Assertions.fail("PostgreSQL not reachable at " + TestPostgres.redacted(base) + ": " + e.getMessage(), e);
    }
    TestDatabase db = new TestDatabase(base, schema);
    JdbcSchema.ensure(db.config());
    return db;
  }

  /** {@code kis-trader.cluster.db} pointing at this schema (credentials in the URL). */
  public Config config() {
    return ConfigFactory.empty()
        .withValue("kis-trader.cluster.db.url", ConfigValueFactory.fromAnyRef(url))
        .withValue("kis-trader.cluster.db.user", ConfigValueFactory.fromAnyRef(""))
        .withValue("kis-trader.cluster.db.password", ConfigValueFactory.fromAnyRef(""))
        .withValue("kis-trader.cluster.db.max-connections", ConfigValueFactory.fromAnyRef(4));
  }

  /** One number from a query (counts in the test's schema). */
  public long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
        var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
