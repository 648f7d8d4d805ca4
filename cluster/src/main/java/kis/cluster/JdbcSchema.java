package kis.cluster;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import kis.cluster.lease.LeaseTable;

/**
 * The journal tables pekko-persistence-jdbc expects ({@code event_journal}, {@code event_tag},
 * {@code snapshot}) and the nodes' lease table ({@link LeaseTable}), created if missing in the
 * database and schema the profile's URL names.
 */
public final class JdbcSchema {
  private static final String SCRIPT = "/kis/cluster/postgres-schema.sql";

  private JdbcSchema() {}

  /** Creates the tables if missing; the message of a failure names the URL, never the password. */
  public static void ensure(Config config) {
    Config db = config.getConfig("kis-trader.cluster.db");
    try (Connection c = connect(db); Statement st = c.createStatement()) {
      st.execute(script());
      st.execute(LeaseTable.DDL);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the journal and lease tables at " + redacted(db.getString("url")) + ": "
          + e.getMessage(), e);
    }
  }

  /** {@code url} with any {@code password=} parameter masked, for messages and logs. */
  public static String redacted(String url) {
    return url.replaceAll("(?i)password=[^&;]*", "password=***");
  }

  /** A plain JDBC connection with the profile's settings ({@code kis-trader.cluster.db}). */
  public static Connection connect(Config db) throws SQLException {
    return connect(db, new Properties());
  }

  /** {@link #connect(Config)} with driver properties of the caller's (timeouts); the credentials are added here. */
  public static Connection connect(Config db, Properties driverProperties) throws SQLException {
    Properties p = new Properties();
    p.putAll(driverProperties);
    if (!db.getString("user").isEmpty()) {
      p.setProperty("user", db.getString("user"));
    }
    if (!db.getString("password").isEmpty()) {
      p.setProperty("password", db.getString("password"));
    }
    return DriverManager.getConnection(db.getString("url"), p);
  }

  private static String script() {
    try (InputStream in = JdbcSchema.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
