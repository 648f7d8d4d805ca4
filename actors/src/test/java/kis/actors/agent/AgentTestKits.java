package kis.actors.agent;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

/**
 * The configuration of a test kit that runs event-sourced agents in memory. Pekko's
 * {@code EventSourcedBehaviorTestKit} asks each new actor for its persistence id and gives up after
 * {@code single-expect-default} (3 s): on 2 loaded cores an actor's first message has taken longer
 * ("Only EventSourcedBehavior, or nested EventSourcedBehavior allowed"), a failure that says nothing
 * about the agent. The bound here is what a start may take, not what the tests assert.
 */
public final class AgentTestKits {
  private AgentTestKits() {}

  public static Config config() {
    return ConfigFactory.parseString("pekko.actor.testkit.typed.single-expect-default = 15s")
        .withFallback(EventSourcedBehaviorTestKit.config());
  }
}
