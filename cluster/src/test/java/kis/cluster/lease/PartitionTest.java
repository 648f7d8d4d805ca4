package kis.cluster.lease;

import static kis.actors.live.LiveHarness.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import kis.cluster.ClusterProfile;
import kis.cluster.TestDatabase;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.remote.RemoteActorRefProvider;
import org.apache.pekko.remote.transport.ThrottlerTransportAdapter;
import org.junit.jupiter.api.Test;

/**
 * A network partition between two nodes, in process (Artery's test mode blackholes the link
 * both ways), with the cluster profile's split brain resolver and singleton lease on PostgreSQL.
 * The younger node has the lower address, so the resolver keeps its side: it takes the resolver's
 * lease at once and downs the oldest, whose side waits 8 s, fails to take it and downs itself.
 * Until then the oldest still runs the singleton; the younger may start its own only once the
 * singleton's lease is free. Proof: the start and stop of every singleton instance, in time, never
 * overlap, and the younger node ends up running it.
 */
class PartitionTest {
  static final String CONFIG = """
      pekko.loglevel = WARNING
      pekko.stdout-loglevel = OFF
      pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
      pekko.remote.artery.advanced.test-mode = on
      pekko.cluster {
        seed-nodes = []
        jmx.multi-mbeans-in-same-jvm = on
        failure-detector { heartbeat-interval = 300ms, acceptable-heartbeat-pause = 2s }
        split-brain-resolver.stable-after = 2s
        # Long enough that, without the singleton's lease, the winner would start a second
        # singleton while the loser still runs its own.
        split-brain-resolver.lease-majority.acquire-lease-delay-for-minority = 8s
        singleton.lease-retry-interval = 300ms
      }
      kis-trader.cluster.lease {
        heartbeat-timeout = 6s, heartbeat-interval = 500ms, lease-operation-timeout = 2s, safety-margin = 2s
      }
      """;

  /** One singleton instance starting or stopping on a node. */
  record Event(String node, boolean start, long at) {}

  @Test
  void duringAPartitionAtMostOneAccountSingletonRunsAndTheSideHoldingTheLeaseKeepsIt() throws Exception {
    Queue<Event> events = new ConcurrentLinkedQueue<>();
    try (TestDatabase db = TestDatabase.create()) {
      Config config = ClusterProfile.over(ConfigFactory.parseString(CONFIG).withFallback(db.config()));
      List<ActorTestKit> kits = List.of(ActorTestKit.create("kis-trader", config),
          ActorTestKit.create("kis-trader", config));
      try {
        // The node with the higher address joins first: the oldest, running the singleton, is then
        // the side the resolver does not favour.
        List<ActorTestKit> byAddress = new ArrayList<>(kits);
        byAddress.sort((x, y) -> Member.addressOrdering().compare(address(x.system()), address(y.system())));
        ActorTestKit younger = byAddress.get(0);
        ActorTestKit oldest = byAddress.get(1);
        for (ActorTestKit k : List.of(oldest, younger)) {
          Cluster.get(k.system()).manager().tell(Join.create(address(oldest.system())));
          awaitTrue("node up", Duration.ofSeconds(30),
              () -> Cluster.get(k.system()).selfMember().status() == MemberStatus.up());
        }
        for (ActorTestKit k : List.of(oldest, younger)) {
          String node = k == oldest ? "oldest" : "younger";
          ClusterSingleton.get(k.system()).init(SingletonActor.of(recording(node, events), "account-probe"));
        }
        awaitTrue("the singleton runs on the oldest", Duration.ofSeconds(30), () -> running(events).equals(
            Set.of("oldest")));

        events.add(new Event("partition", true, System.nanoTime()));
        blackhole(oldest.system(), address(younger.system()));
        blackhole(younger.system(), address(oldest.system()));

        awaitTrue(() -> "the oldest downed itself and the younger runs the singleton; " + timeline(events),
            Duration.ofSeconds(60),
            () -> oldest.system().whenTerminated().isCompleted() && running(events).equals(Set.of("younger")));
        assertEquals(1, maxRunningAtOnce(events), "singleton instances at once: " + timeline(events));
        assertTrue(Cluster.get(younger.system()).selfMember().status() == MemberStatus.up());
      } finally {
        for (ActorTestKit k : kits) {
          k.shutdownTestKit();
        }
      }
    }
  }

  private static Behavior<Object> recording(String node, Queue<Event> events) {
    return Behaviors.setup(ctx -> {
      events.add(new Event(node, true, System.nanoTime()));
      return Behaviors.receive(Object.class)
          .onSignal(PostStop.class, s -> {
            events.add(new Event(node, false, System.nanoTime()));
            return Behaviors.same();
          })
          .build();
    });
  }

  private static String timeline(Queue<Event> events) {
    List<Event> l = sorted(events);
    StringBuilder b = new StringBuilder();
    l.forEach(e -> b.append(e.node()).append(e.start() ? " start at " : " stop at ")
        .append((e.at() - l.get(0).at()) / 1_000_000).append(" ms; "));
    return b.toString();
  }

  private static Set<String> running(Queue<Event> events) {
    Set<String> on = new HashSet<>();
    for (Event e : sorted(events)) {
      if (e.node().equals("partition")) {
        continue;
      }
      if (e.start()) {
        on.add(e.node());
      } else {
        on.remove(e.node());
      }
    }
    return on;
  }

  private static int maxRunningAtOnce(Queue<Event> events) {
    int now = 0;
    int max = 0;
    for (Event e : sorted(events)) {
      if (e.node().equals("partition")) {
        continue;
      }
      now += e.start() ? 1 : -1;
      max = Math.max(max, now);
    }
    return max;
  }

  private static List<Event> sorted(Queue<Event> events) {
    List<Event> l = new ArrayList<>(events);
    l.sort((a, b) -> Long.compare(a.at(), b.at()));
    return l;
  }

  private static Address address(ActorSystem<?> system) {
    return Cluster.get(system).selfMember().address();
  }

  /** Drops everything between {@code system} and {@code other}, both ways, at {@code system}'s end. */
  private static void blackhole(ActorSystem<?> system, Address other) throws Exception {
    RemoteActorRefProvider provider = (RemoteActorRefProvider) ((ExtendedActorSystem) Adapter.toClassic(system))
        .provider();
    scala.jdk.javaapi.FutureConverters.asJava(provider.transport().managementCommand(
        new ThrottlerTransportAdapter.SetThrottle(other, ThrottlerTransportAdapter.bothDirection(),
            ThrottlerTransportAdapter.blackholeThrottleMode()))).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
