package kis.connector.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kis.connector.KisConfig;
import kis.connector.assembly.KisConnector;
import kis.sim.SimCredentials;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.junit.jupiter.api.Test;

/**
 * {@code kis} and {@code run} (here two connectors, each on an actor system of its own, as two
 * processes would be) share one token cache file per app key: against a kis-sim that keeps KIS's
 * rule of one token per interval (five minutes here, so a second issuance could not hide in the
 * bound), one after the other or both at once, one token is issued, not two, and nobody waits out
 * the interval. The file holds no app key or secret and is owner-only.
 */
class SharedTokenCacheTest {
  /**
   * The simulator's and the connectors' issuance interval: a second issuance (EGW00133, then the
   * wait) would take at least this long, far past {@link #BOUND_SECONDS}.
   */
  private static final String INTERVAL = "300s";
  /** Generous for a loaded machine, well under {@link #INTERVAL}. */
  private static final long BOUND_SECONDS = 120;
  private static final String CONNECTOR = "token.min-issue-interval = " + INTERVAL + ", read-queue-timeout = "
      + BOUND_SECONDS + "s";

  @Test
  void kisThenRunUseOneTokenAndTheFileHoldsNoSecret() throws Exception {
    try (SimHarness h = new SimHarness("token-reissue-interval = " + INTERVAL)) {
      ActorSystem<Void> kisSystem = ActorSystem.create(Behaviors.empty(), "kis-command");
      KisConnector kis = KisConnector.create(kisSystem, h.config(CONNECTOR), h.credentials());
      kis.rest().inquireBalance().toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
      stop(kisSystem);

      KisConnector run = h.connector(CONNECTOR);
      run.rest().inquireBalance().toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
      stop(h.system);

      assertEquals(1, kis.tokens().accessIssuances());
      assertEquals(0, run.tokens().accessIssuances(), "run took kis's token from the shared cache");
      List<Path> files = tokenFiles(h.tokenDir);
      assertEquals(1, files.size(), files.toString());
      Path file = files.get(0);
      try (var all = Files.list(h.tokenDir)) {
        for (Path f : (Iterable<Path>) all::iterator) { // the cache file and its lock file
          assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        }
      }
      String text = Files.readString(file);
      SimCredentials c = h.sim.credentials();
      for (String secret : List.of(c.appKey(), c.appSecret(), c.cano())) {
        assertFalse(text.contains(secret), "no credential in the cache file");
        assertFalse(file.getFileName().toString().contains(secret), "no credential in its name");
      }
    }
  }

  @Test
  void twoCommandsStartingTogetherIssueOneTokenAndNeitherWaitsOutTheMinute() throws Exception {
    try (SimHarness h = new SimHarness("token-reissue-interval = " + INTERVAL)) {
      ActorSystem<Void> other = ActorSystem.create(Behaviors.empty(), "second-process");
      try {
        KisConnector a = h.connector(CONNECTOR);
        KisConnector b = KisConnector.create(other, h.config(CONNECTOR), h.credentials());

        CompletableFuture<?> ra = a.rest().inquireBalance().toCompletableFuture();
        CompletableFuture<?> rb = b.rest().inquireBalance().toCompletableFuture();
        CompletableFuture.allOf(ra, rb).get(BOUND_SECONDS, TimeUnit.SECONDS);

        assertEquals(1, a.tokens().accessIssuances() + b.tokens().accessIssuances(), "one issuance between them");
        assertEquals(0, a.tokens().tooFrequentRefusals() + b.tokens().tooFrequentRefusals(), "no EGW00133");
        assertEquals(a.tokens().accessToken().toCompletableFuture().join().token(),
            b.tokens().accessToken().toCompletableFuture().join().token(), "the same token");
      } finally {
        stop(h.system);
        stop(other);
      }
    }
  }

  @Test
  void theDefaultCacheIsPerUserNotPerWorkingDirectory() {
    KisConfig c = KisConfig.fromConfig(ConfigFactory.parseString("kis.mode = real"));
    Path expected = Path.of(System.getenv().getOrDefault("KIS_TRADER_TOKEN_DIR",
        Path.of(System.getProperty("user.home"), ".kis-trader", "tokens").toString()));
    assertEquals(expected, c.tokenCacheDir());
    assertTrue(c.tokenCacheDir().isAbsolute(), "the same directory from every working directory");
  }

  private static List<Path> tokenFiles(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
    }
  }

  private static void stop(ActorSystem<Void> system) throws Exception {
    // The pools first: a system with pooled connections open takes seconds to terminate.
    Http.get(system).shutdownAllConnectionPools().toCompletableFuture().get(10, TimeUnit.SECONDS);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
