package kis.cluster.lease;

import static kis.actors.live.LiveHarness.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kis.cluster.ClusterProfile;
import kis.cluster.TcpCut;
import kis.cluster.TestDatabase;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.coordination.lease.LeaseSettings;
import org.apache.pekko.coordination.lease.javadsl.Lease;
import org.apache.pekko.coordination.lease.javadsl.LeaseProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@link PostgresLease} on a real PostgreSQL (a schema of its own per test), obtained the way
 * Pekko's split brain resolver, singleton and sharding obtain it: {@link LeaseProvider} and the
 * {@code kis-trader.cluster.lease} config block. Short time limits: a lease outlives its
 * holder's last renewal by 3 s; a holder without a renewal for 2 s counts it lost.
 */
class PostgresLeaseTest {
  static final Duration T = Duration.ofSeconds(10);
  static final Duration TTL = Duration.ofSeconds(3);
  static final String TIMINGS = """
      pekko.actor.provider = local
      pekko.loglevel = WARNING
      pekko.stdout-loglevel = OFF
      kis-trader.cluster.lease {
        heartbeat-timeout = 3s, heartbeat-interval = 200ms, lease-operation-timeout = 1s, safety-margin = 1s
      }
      """;

  TestDatabase db;
  final List<ActorTestKit> kits = new ArrayList<>();

  @BeforeEach
  void database() {
    db = TestDatabase.create();
  }

  @AfterEach
  void cleanUp() throws Exception {
    kits.forEach(ActorTestKit::shutdownTestKit);
    if (db != null) { // a failed start leaves none to drop
      db.close();
    }
  }

  @Test
  void ofTwoOwnersRacingForAFreeLeaseExactlyOneGetsIt() throws Exception {
    ActorSystem a = node("a", db.config());
    ActorSystem b = node("b", db.config());
    for (int i = 0; i < 20; i++) {
      Lease la = lease(a, "race-" + i, "10.0.0.1:25520");
      Lease lb = lease(b, "race-" + i, "10.0.0.2:25520");
      CompletableFuture<Boolean> fa = la.acquire().toCompletableFuture();
      CompletableFuture<Boolean> fb = lb.acquire().toCompletableFuture();
      boolean ga = get(fa);
      boolean gb = get(fb);
      assertTrue(ga ^ gb, "round " + i + ": exactly one owner holds it (a " + ga + ", b " + gb + ")");
      assertEquals(ga, la.checkLease());
      assertEquals(gb, lb.checkLease());
      assertEquals(ga ? owner(a, la) : owner(b, lb), holder("race-" + i).orElseThrow());
      // The loser keeps losing while the winner holds it.
      assertFalse(get((ga ? lb : la).acquire()));
    }
  }

  @Test
  void theHolderRenewsItsLeasePastTheTimeoutAndMayAcquireItAgain() throws Exception {
    ActorSystem a = node("a", db.config());
    Lease la = lease(a, "account", "10.0.0.1:25520");
    Lease lb = lease(a, "account", "10.0.0.2:25520");
    assertTrue(get(la.acquire()));
    long until = System.nanoTime() + TTL.multipliedBy(2).toNanos();
    while (System.nanoTime() < until) {
      assertFalse(get(lb.acquire()), "the other owner is kept out while the holder renews");
      assertTrue(la.checkLease());
    }
    assertTrue(get(la.acquire()), "acquiring a lease one holds succeeds");
  }

  @Test
  void aCrashedHoldersLeaseExpiresAfterTheHeartbeatTimeoutAndLetsTheOtherIn() throws Exception {
    ActorTestKit crashing = ActorTestKit.create("crashing", config(db.config()));
    Lease la = lease(Adapter.toClassic(crashing.system()), "account", "10.0.0.1:25520");
    assertTrue(get(la.acquire()));
    crashing.shutdownTestKit(); // no release: a terminated system stops talking to the database
    long crashed = System.nanoTime();
    Lease lb = lease(node("b", db.config()), "account", "10.0.0.2:25520");
    assertFalse(get(lb.acquire()), "the lease outlives its holder for a while");
    awaitTrue("the other owner acquires the expired lease", T, () -> get(lb.acquire()));
    Duration waited = Duration.ofNanos(System.nanoTime() - crashed);
    assertTrue(waited.compareTo(TTL.minusMillis(500)) >= 0, "not before the heartbeat timeout: " + waited);
    assertTrue(lb.checkLease());
  }

  @Test
  void releaseFreesTheLeaseForTheNextOwnerAtOnce() throws Exception {
    ActorSystem a = node("a", db.config());
    Lease la = lease(a, "account", "10.0.0.1:25520");
    Lease lb = lease(a, "account", "10.0.0.2:25520");
    assertTrue(get(la.acquire()));
    assertFalse(get(lb.acquire()));
    assertTrue(get(la.release()));
    assertFalse(la.checkLease());
    assertEquals(Optional.empty(), holder("account"));
    assertTrue(get(lb.acquire()));
    assertTrue(get(la.release()), "releasing a lease held by another owner leaves it alone");
    assertEquals(owner(a, lb), holder("account").orElseThrow());
  }

  @Test
  void aHolderWhoseRowWasTakenCallsTheLeaseLostCallbackOnItsNextRenewal() throws Exception {
    ActorSystem a = node("a", db.config());
    Lease la = lease(a, "account", "10.0.0.1:25520");
    CompletableFuture<Optional<Throwable>> lost = new CompletableFuture<>();
    assertTrue(get(la.acquire(lost::complete)));
    sql("UPDATE cluster_lease SET owner = 'someone-else', expires_at = clock_timestamp() + INTERVAL '1 hour'");
    Optional<Throwable> reason = lost.get(2, TimeUnit.SECONDS);
    assertTrue(reason.isPresent() && reason.get().getMessage().contains("no longer lists"), "reason: " + reason);
    assertFalse(la.checkLease());
  }

  @Test
  void aHolderCutOffFromTheDatabaseCountsItsLeaseLostBeforeAnyoneElseCanTakeIt() throws Exception {
    try (TcpCut proxy = TcpCut.to(db.url)) {
      Config viaProxy = db.config()
          .withValue("kis-trader.cluster.db.url", ConfigValueFactory.fromAnyRef(proxy.via(db.url)));
      Lease la = lease(node("cut-off", viaProxy), "account", "10.0.0.1:25520");
      Lease lb = lease(node("b", db.config()), "account", "10.0.0.2:25520");
      CompletableFuture<Long> lostAt = new CompletableFuture<>();
      assertTrue(get(la.acquire(reason -> lostAt.complete(System.nanoTime()))));
      assertFalse(get(lb.acquire()));

      proxy.blackhole();
      long cut = System.nanoTime();
      awaitTrue("the other owner acquires the lease", T, () -> get(lb.acquire()));
      long taken = System.nanoTime();
      assertTrue(lostAt.isDone(), "the cut-off holder was told before the lease could be taken");
      assertTrue(lostAt.get() < taken, "lost before taken over");
      assertTrue(Duration.ofNanos(lostAt.get() - cut).compareTo(TTL) < 0, "lost within the heartbeat timeout");
      assertFalse(la.checkLease());
    }
  }

  @Test
  void aSafetyMarginLeavingLessThanTwoHeartbeatsBeforeExpiryIsRefused() {
    ActorSystem a = node("a", db.config());
    Config tight = ConfigFactory.parseString("lease-class = kis.cluster.lease.PostgresLease, heartbeat-timeout = 3s,"
        + " heartbeat-interval = 1s, lease-operation-timeout = 1s, safety-margin = 1500ms");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new PostgresLease(LeaseSettings.apply(tight, "account", "10.0.0.1:25520"), (ExtendedActorSystem) a));
    assertTrue(e.getMessage().contains("two heartbeat-intervals"), e.getMessage());
  }

  @Test
  void noDatabaseCredentialReachesALogLineOrAFailureMessage() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger leaseLog = (Logger) LoggerFactory.getLogger("kis.cluster.lease");
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    Level before = leaseLog.getLevel();
    leaseLog.setLevel(Level.DEBUG);
    try {
      // A database that is not there, with the password both in the URL and in its own setting.
      int closedPort;
      try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
        closedPort = s.getLocalPort();
      }
      Config unreachable = ConfigFactory.empty()
          .withValue("kis-trader.cluster.db.url", ConfigValueFactory.fromAnyRef(
              "jdbc:postgresql://127.0.0.1:" + closedPort + "/kis?user=kis&password=UrlSecret42"))
          .withValue("kis-trader.cluster.db.user", ConfigValueFactory.fromAnyRef("kis"))
          .withValue("kis-trader.cluster.db.password", ConfigValueFactory.fromAnyRef("FieldSecret42"))
          .withValue("kis-trader.cluster.db.max-connections", ConfigValueFactory.fromAnyRef(1));
      ActorSystem system = node("unreachable", unreachable);
      Lease l = lease(system, "account", "10.0.0.1:25520");
      Throwable failure = null;
      try {
        get(l.acquire());
        fail("acquired a lease without a database");
      } catch (ExecutionException e) {
        failure = e.getCause();
      }
      assertInstanceOf(LeaseDatabase.LeaseDbException.class, failure);
      assertTrue(failure.getMessage().contains("password=***"), failure.getMessage());
      assertFalse(l.checkLease());
      StringBuilder all = new StringBuilder(failure.toString()).append(l.getSettings()).append(owner(system, l));
      for (ILoggingEvent e : captured.list) {
        all.append(e.getFormattedMessage()).append('\n');
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
          all.append(t.getMessage()).append('\n');
        }
      }
      assertFalse(all.toString().contains("UrlSecret42"), all.toString());
      assertFalse(all.toString().contains("FieldSecret42"), all.toString());
    } finally {
      root.detachAppender(captured);
      leaseLog.setLevel(before);
    }
  }

  private ActorSystem node(String name, Config dbConfig) {
    ActorTestKit kit = ActorTestKit.create(name, config(dbConfig));
    kits.add(kit);
    return Adapter.toClassic(kit.system());
  }

  private static Config config(Config dbConfig) {
    return ClusterProfile.over(ConfigFactory.parseString(TIMINGS).withFallback(dbConfig));
  }

  private static Lease lease(ActorSystem system, String name, String owner) {
    return LeaseProvider.get(system).getLease(name, LeaseDatabase.LEASE_CONFIG, owner);
  }

  /** The owner as the table stores it: Pekko's owner name and the holding system's incarnation. */
  private static String owner(ActorSystem system, Lease l) {
    return l.getSettings().ownerName() + "#" + LeaseDatabase.get(system).incarnation();
  }

  private Optional<String> holder(String name) throws Exception {
    try (Connection c = DriverManager.getConnection(db.url)) {
      return LeaseTable.holder(c, name);
    }
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(db.url); Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  private static <T> T get(java.util.concurrent.CompletionStage<T> f) throws Exception {
    return f.toCompletableFuture().get(T.toMillis(), TimeUnit.MILLISECONDS);
  }
}
