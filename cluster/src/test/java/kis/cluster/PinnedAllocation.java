package kis.cluster;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.cluster.sharding.typed.HashCodeMessageExtractor;
import org.apache.pekko.dispatch.Futures;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;

/**
 * Sharding that puts each pinned agent on the node the test chose, so a test about "an agent on
 * the node without the singleton" does not depend on which region registered first. A pinned
 * agent waits for its node's region while that node is up (the allocation fails and sharding asks
 * again after {@code pekko.cluster.sharding.retry-interval}); once the node is gone (a failover
 * test) it goes, like an unpinned agent, to the region with the fewest shards. Nothing is ever
 * rebalanced: a placement stays what the test made it.
 */
final class PinnedAllocation extends ShardCoordinator.AbstractShardAllocationStrategy
    implements ShardCoordinator.ActorSystemDependentAllocationStrategy {
  private final Map<String, Address> nodeOfShard;
  private volatile Cluster cluster;

  /**
   * @param nodeOfAgent agent id to the address of the node it must run on
   * @param numberOfShards {@code pekko.cluster.sharding.number-of-shards}, as the default extractor uses it
   */
  PinnedAllocation(Map<String, Address> nodeOfAgent, int numberOfShards) {
    HashCodeMessageExtractor<Object> shards = new HashCodeMessageExtractor<>(numberOfShards);
    Map<String, Address> byShard = new HashMap<>();
    Map<String, String> agentOfShard = new HashMap<>();
    nodeOfAgent.forEach((agent, node) -> {
      String shard = shards.shardId(agent);
      Address before = byShard.put(shard, node);
      if (before != null && !before.equals(node)) {
        throw new IllegalArgumentException("agents " + agentOfShard.get(shard) + " and " + agent
            + " share shard " + shard + " but are pinned to different nodes");
      }
      agentOfShard.put(shard, agent);
    });
    this.nodeOfShard = Map.copyOf(byShard);
  }

  @Override
  public void start(ActorSystem system) {
    cluster = Cluster.get(system);
  }

  @Override
  public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
      Map<ActorRef, IndexedSeq<String>> current) {
    Address wanted = nodeOfShard.get(shardId);
    if (wanted != null) {
      Optional<ActorRef> there = current.keySet().stream().filter(r -> addressOf(r).equals(wanted)).findFirst();
      if (there.isPresent()) {
        return Futures.successful(there.get());
      }
      if (isUp(wanted)) {
        return Futures.failed(new IllegalStateException("shard " + shardId + " waits for the region on " + wanted));
      }
    }
    return current.entrySet().stream()
        .min(Comparator.<Map.Entry<ActorRef, IndexedSeq<String>>>comparingInt(e -> e.getValue().size())
            .thenComparing(e -> addressOf(e.getKey()), Address.addressOrdering()))
        .map(e -> Futures.successful(e.getKey()))
        .orElseGet(() -> Futures.failed(new IllegalStateException("no region registered yet")));
  }

  @Override
  public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> current, Set<String> inProgress) {
    return Futures.successful(Set.of());
  }

  /** A region on the coordinator's own node has a local path: its address is this node's. */
  private Address addressOf(ActorRef region) {
    Address a = region.path().address();
    return a.hasLocalScope() ? cluster.selfAddress() : a;
  }

  private boolean isUp(Address node) {
    for (Member m : cluster.state().getMembers()) {
      if (m.address().equals(node)) {
        return m.status() == MemberStatus.up() || m.status() == MemberStatus.joining()
            || m.status() == MemberStatus.weaklyUp();
      }
    }
    return false;
  }
}
