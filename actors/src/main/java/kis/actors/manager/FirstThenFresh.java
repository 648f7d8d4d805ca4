package kis.actors.manager;

import com.typesafe.config.ConfigFactory;
import java.util.function.Supplier;
import kis.actors.agent.AgentConfig;
import kis.strategies.Strategy;
import kis.strategies.registry.StrategyRegistry;

/**
 * The strategy instances of one agent's host: first the one built to check the configuration
 * (so a bad configuration fails before anything runs), then a fresh one for every host restart
 * (a strategy that threw must not keep its state).
 */
public final class FirstThenFresh implements Supplier<Strategy> {
  private Strategy first;
  private final AgentConfig config;

  public FirstThenFresh(Strategy first, AgentConfig config) {
    this.first = first;
    this.config = config;
  }

  /** A new instance of the agent's configured strategy; throws on a bad configuration. */
  public static Strategy create(AgentConfig config) {
    return StrategyRegistry.create(config.strategy(), ConfigFactory.parseMap(config.strategyParams()));
  }

  @Override
  public synchronized Strategy get() {
    Strategy s = first != null ? first : create(config);
    first = null;
    return s;
  }
}
