package kis.strategies;

import com.typesafe.config.Config;

/** Builds a strategy from its {@code params} block; throws {@link StrategyConfigException} if they are wrong. */
@FunctionalInterface
public interface StrategyFactory {
  Strategy create(Config params);
}
