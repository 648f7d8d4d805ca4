package kis.cluster;

import static kis.actors.live.LiveHarness.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kis.actors.live.AccountDesk;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.junit.jupiter.api.Test;

/**
 * {@link DeskLink} on one node with the cluster profile's singleton lease on PostgreSQL: the
 * account singleton loses its lease (another owner takes the row for a moment), stops, and starts
 * again on the same node once the lease is free; messages through the link reach the new instance
 * (Pekko's singleton proxy alone would buffer them for good).
 */
class DeskLinkTest {
  static final String CONFIG = """
      pekko.loglevel = WARNING
      pekko.stdout-loglevel = OFF
      pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
      pekko.cluster { seed-nodes = [], jmx.multi-mbeans-in-same-jvm = on, singleton.lease-retry-interval = 200ms }
      kis-trader.cluster.lease {
        heartbeat-timeout = 3s, heartbeat-interval = 200ms, lease-operation-timeout = 1s, safety-margin = 1s
      }
      """;

  @Test
  void afterTheAccountSingletonRestartsOnTheSameNodeMessagesThroughTheLinkReachTheNewInstance() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      Config config = ClusterProfile.over(ConfigFactory.parseString(CONFIG).withFallback(db.config()));
      ActorTestKit kit = ActorTestKit.create("kis-trader", config);
      try {
        Cluster cluster = Cluster.get(kit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        awaitTrue("node up", Duration.ofSeconds(30), () -> cluster.selfMember().status() == MemberStatus.up());
        AtomicInteger instances = new AtomicInteger();
        ClusterSingleton.get(kit.system()).init(SingletonActor.of(desk(instances), "account-t"));
        ActorRef<AccountDesk.Command> link = kit.system().<Object>systemActorOf(
            DeskLink.create("account-t", Duration.ofMillis(200)), "link-t", Props.empty()).narrow();
        assertEquals(Set.of("instance-1"), answeredBy(kit, link));

        // Another owner holds the singleton's lease for a moment: the holder finds out on its next
        // renewal, the manager stops the instance and takes the lease again once it is free.
        try (Connection c = DriverManager.getConnection(db.url); Statement st = c.createStatement()) {
          st.executeUpdate("UPDATE cluster_lease SET owner = 'someone-else', expires_at = clock_timestamp()"
              + " + INTERVAL '2 seconds' WHERE name LIKE '%account-t%'");
        }
        awaitTrue("the singleton started again on the same node", Duration.ofSeconds(30),
            () -> instances.get() == 2);
        awaitTrue("the link reaches the new instance", Duration.ofSeconds(15),
            () -> answeredBy(kit, link).equals(Set.of("instance-2")));
      } finally {
        kit.shutdownTestKit();
      }
    }
  }

  /** A stand-in desk: answers {@link AccountDesk.Locate} and, in {@code trading}, which instance it is. */
  private static Behavior<AccountDesk.Command> desk(AtomicInteger instances) {
    return Behaviors.setup(ctx -> {
      String me = "instance-" + instances.incrementAndGet();
      return Behaviors.receive(AccountDesk.Command.class)
          .onMessage(AccountDesk.Locate.class, m -> {
            m.replyTo().tell(new AccountDesk.Here(ctx.getSelf()));
            return Behaviors.same();
          })
          .onMessage(AccountDesk.GetAgents.class, m -> {
            m.replyTo().tell(new AccountDesk.Agents(Map.of(), Set.of(me)));
            return Behaviors.same();
          })
          .build();
    });
  }

  private static Set<String> answeredBy(ActorTestKit kit, ActorRef<AccountDesk.Command> link) throws Exception {
    return AskPattern.<AccountDesk.Command, AccountDesk.Agents>ask(link, AccountDesk.GetAgents::new,
        Duration.ofSeconds(2), kit.system().scheduler()).toCompletableFuture().get(3, TimeUnit.SECONDS).trading();
  }
}
