package kis.actors.agent;

import com.typesafe.config.Config;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;

/**
 * The agents' own dispatcher. An agent's work per journaled event is mostly Pekko's typed
 * persistence (stash, unstash, interceptors, the write's reply); on Pekko's default dispatcher (at
 * least 8 threads) ten agents on two cores switch context a quarter more often per journaled event
 * than on two threads of their own (bench/README.md jrnl7). The default dispatcher cannot
 * be shrunk for them: strategies, their hosts, the connection supervisor and pekko-http run there,
 * and one strategy callback that blocks would then hold half the engine. So the agents get a pool
 * of their own ({@value #THREADS_KEY}, 2 as shipped) and everything else keeps the default one: a
 * blocked strategy cannot stall an agent's persistence, nor a busy agent a strategy. That is the
 * reason, not speed: with the broker on the other pool the journal bench spent 10-17 % more CPU per
 * journaled event than with the agents on the default dispatcher (hand-offs across pools).
 */
public final class AgentThreads {
  /** The dispatcher's configuration path (conf/application.conf, this module's reference.conf). */
  public static final String DISPATCHER = "pekko.actor.kis-agent-dispatcher";
  /** The user's key: how many threads the agents share. */
  public static final String THREADS_KEY = "kis-trader.agent.threads";

  private static final Props PROPS = DispatcherSelector.fromConfig(DISPATCHER);

  private AgentThreads() {}

  /** What an agent is spawned with: the agents' dispatcher. */
  public static Props props() {
    return PROPS;
  }

  /** {@value #THREADS_KEY} of {@code c}, at least 1 (the configuration check reports anything else). */
  public static int threads(Config c) {
    int n = c.getInt(THREADS_KEY);
    if (n < 1) {
      throw new IllegalArgumentException(THREADS_KEY + " must be at least 1, was " + n);
    }
    return n;
  }
}
