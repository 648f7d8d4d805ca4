package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.Persistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PluginConfigOnceTest {
  static final ActorTestKit testKit = ActorTestKit.create(AgentTestKits.config());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void theAgentsPluginConfigIsTheSystemsConfigKeyForKey() {
    Config system = testKit.system().settings().config();
    Config given = PluginConfigOnce.get(testKit.system()).config().orElseThrow();

    assertEquals(system.root(), given.root());
    assertEquals(system.getString("pekko.persistence.journal.plugin"),
        given.getString("pekko.persistence.journal.plugin"));
  }

  @Test
  void pekkosPerActorMergeHandsTheSameConfigBack() {
    Config system = testKit.system().settings().config();
    Config given = PluginConfigOnce.get(testKit.system()).config().orElseThrow();

    assertSame(given, given.withFallback(system));
    assertSame(given, PluginConfigOnce.get(testKit.system()).config().orElseThrow());
  }

  @Test
  void agentsFindTheSamePluginsAsWithoutAPluginConfig() {
    Persistence persistence = Persistence.get(Adapter.toClassic(testKit.system()));
    Config given = PluginConfigOnce.get(testKit.system()).config().orElseThrow();

    assertEquals(persistence.journalFor("", ConfigFactory.empty()), persistence.journalFor("", given));
    assertEquals(persistence.snapshotStoreFor("", ConfigFactory.empty()), persistence.snapshotStoreFor("", given));
    assertEquals(persistence.journalConfigFor("", ConfigFactory.empty()), persistence.journalConfigFor("", given));
  }
}
