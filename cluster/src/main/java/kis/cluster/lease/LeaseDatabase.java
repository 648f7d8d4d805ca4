package kis.cluster.lease;

import com.typesafe.config.Config;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import kis.cluster.JdbcSchema;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.coordination.lease.LeaseTimeoutException;

/**
 * One node's access to the lease table: a few threads, each with its own JDBC connection to
 * {@code kis-trader.cluster.db}, shared by every {@link PostgresLease} of the actor system (the
 * split brain resolver's, the singletons', one per shard), so a node holds a fixed number of
 * connections however many leases it has. JDBC blocks, so it never runs on a Pekko dispatcher.
 * A connection that failed is dropped and the next operation opens a new one; every operation
 * is bounded by a timeout (the driver's socket timeout as well, so a blackholed database cannot
 * hold a thread for long). Stops taking work (and closes its connections) once the actor system
 * has terminated; a lease still held then expires on its own.
 */
public final class LeaseDatabase implements Extension {
  /** Where the node's leases are configured; {@code db-threads} sizes the pool. */
  public static final String LEASE_CONFIG = "kis-trader.cluster.lease";
  private static final String DB_CONFIG = "kis-trader.cluster.db";

  /** The extension's id. */
  public static final Id ID = new Id();

  /** Pekko's handle on the extension. */
  public static final class Id extends AbstractExtensionId<LeaseDatabase> {
    @Override
    public LeaseDatabase createExtension(ExtendedActorSystem system) {
      return new LeaseDatabase(system);
    }
  }

  /** Work on one connection; its {@link SQLException} fails the operation and drops the connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T apply(Connection c) throws SQLException;
  }

  private final Config db;
  private final String where;
  private final int socketTimeoutSeconds;
  private final String incarnation = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  private final ExecutorService pool;
  private final ThreadLocal<Connection> connection = new ThreadLocal<>();
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private LeaseDatabase(ExtendedActorSystem system) {
    Config config = system.settings().config();
    this.db = config.getConfig(DB_CONFIG);
    this.where = JdbcSchema.redacted(db.getString("url"));
    Config lease = config.getConfig(LEASE_CONFIG);
    Duration op = lease.getDuration("lease-operation-timeout");
    this.socketTimeoutSeconds = (int) Math.max(1, (op.toMillis() + 999) / 1000);
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(lease.getInt("db-threads"), r -> {
      Thread t = new Thread(r, system.name() + "-lease-db-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    system.registerOnTermination(this::close);
  }

  /** The node's extension. */
  public static LeaseDatabase get(ActorSystem system) {
    return ID.get(system);
  }

  /**
   * A random id of this actor system's life, added to lease owners so that a node restarted on the
   * same host and port does not inherit its predecessor's leases before they expire.
   */
  public String incarnation() {
    return incarnation;
  }

  /** The database's URL with any password masked, for messages. */
  public String where() {
    return where;
  }

  /**
   * Runs {@code work} on a lease thread; the future fails with a {@link LeaseTimeoutException}
   * after {@code timeout}, with a {@link LeaseDbException} (no credentials in its message) when
   * the database fails, and at once when the actor system has terminated.
   */
  public <T> CompletableFuture<T> run(String what, Duration timeout, SqlWork<T> work) {
    if (closed) {
      return CompletableFuture.failedFuture(new LeaseDbException(what + ": the actor system has terminated"));
    }
    CompletableFuture<T> f;
    try {
      f = CompletableFuture.supplyAsync(() -> {
        try {
          return work.apply(connection());
        } catch (SQLException e) {
          drop();
          throw new CompletionException(new LeaseDbException(what + " at " + where + " failed: "
              + JdbcSchema.redacted(String.valueOf(e.getMessage()))));
        }
      }, pool);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new LeaseDbException(what + ": the actor system has terminated"));
    }
    return f.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(e -> {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof TimeoutException) {
        cause = new LeaseTimeoutException(what + " at " + where + " took longer than " + timeout.toMillis() + " ms");
      }
      return CompletableFuture.failedFuture(cause);
    });
  }

  private Connection connection() throws SQLException {
    Connection c = connection.get();
    if (c == null || c.isClosed()) {
      Properties p = new Properties();
      p.setProperty("connectTimeout", Integer.toString(socketTimeoutSeconds));
      p.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
      p.setProperty("loginTimeout", Integer.toString(socketTimeoutSeconds));
      p.setProperty("ApplicationName", "kis-trader lease");
      c = JdbcSchema.connect(db, p);
      c.setAutoCommit(true);
      connection.set(c);
      open.add(c);
    }
    return c;
  }

  private void drop() {
    Connection c = connection.get();
    connection.remove();
    if (c != null) {
      quietlyClose(c);
    }
  }

  private void quietlyClose(Connection c) {
    open.remove(c);
    try {
      c.close();
    } catch (SQLException ignored) {
      // already broken; a new one is opened next time
    }
  }

  private void close() {
    closed = true;
    pool.shutdownNow();
    open.forEach(this::quietlyClose);
  }

  /** A database failure, its message free of credentials. */
  public static final class LeaseDbException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LeaseDbException(String message) {
      super(message);
    }
  }
}
