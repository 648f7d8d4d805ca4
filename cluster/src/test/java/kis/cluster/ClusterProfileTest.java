package kis.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cluster profile's settings: what makes agents sharded, never passivated, and journaled in PostgreSQL. */
class ClusterProfileTest {

  @Test
  void theProfileShardsAgentsWithRememberedEntitiesAndJournalsToPostgres() {
    Config c = ClusterProfile.load(Optional.empty(), Optional.empty(), Map.of());
    assertEquals("cluster", c.getString("pekko.actor.provider"));
    // Remembered entities turn passivation off: an agent holding working orders is never stopped
    // for idleness, and a lost node's agents are started again elsewhere.
    assertTrue(c.getBoolean("pekko.cluster.sharding.remember-entities"));
    assertEquals("eventsourced", c.getString("pekko.cluster.sharding.remember-entities-store"));
    assertEquals("jdbc-journal", c.getString("pekko.persistence.journal.plugin"));
    assertEquals("jdbc-snapshot-store", c.getString("pekko.persistence.snapshot-store.plugin"));
    assertEquals("slick.jdbc.PostgresProfile$",
        c.getString("pekko-persistence-jdbc.shared-databases.slick.profile"));
    // Two nodes survive the loss of either: the side holding the PostgreSQL lease stays up.
    assertEquals("lease-majority", c.getString("pekko.cluster.split-brain-resolver.active-strategy"));
    assertEquals("kis-trader.cluster.lease",
        c.getString("pekko.cluster.split-brain-resolver.lease-majority.lease-implementation"));
    assertEquals("kis-trader.cluster.lease", c.getString("pekko.cluster.singleton.use-lease"));
    assertEquals("kis-trader.cluster.lease", c.getString("pekko.cluster.sharding.use-lease"));
    // The shard coordinator needs none: each shard's own lease keeps an agent on one node.
    assertEquals("", c.getString("pekko.cluster.sharding.coordinator-singleton.use-lease"));
  }

  @Test
  void seedNodesComeFromTheEnvironment() {
    Config c = ClusterProfile.load(Optional.empty(), Optional.empty(), Map.of(ClusterProfile.SEED_NODES_ENV,
        "pekko://kis-trader@10.0.0.1:25520, pekko://kis-trader@10.0.0.2:25520"));
    assertEquals(List.of("pekko://kis-trader@10.0.0.1:25520", "pekko://kis-trader@10.0.0.2:25520"),
        c.getStringList("pekko.cluster.seed-nodes"));
  }

  @Test
  void aPasswordInTheDatabaseUrlNeverReachesAMessage() {
    String r = JdbcSchema.redacted("jdbc:postgresql://db:5432/kis?user=kis&password=s3cret&ssl=true");
    assertFalse(r.contains("s3cret"), r);
    assertTrue(r.contains("password=***&ssl=true"), r);
  }
}
