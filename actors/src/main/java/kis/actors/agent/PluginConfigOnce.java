package kis.actors.agent;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The actor system's config, given to every {@link Agent} as its journal and snapshot plugin
 * config so that Pekko does not merge the whole config again for each agent.
 *
 * <p>Pekko sets up each event-sourced actor by looking its plugins up three times (journal,
 * snapshot store, the journal's config for the recovery timeout), and each look-up first merges
 * the actor's plugin config over the system's ({@code pluginConfig.withFallback(systemConfig)}; an
 * actor that gives none merges an empty config, i.e. copies the root object, every top-level key
 * and its origin). Here the plugin config is the system's own, taken once per system with its
 * fallbacks switched off (HOCON: an object that falls back to a plain value ignores every later
 * fallback), so each of those merges returns it as it is. The content is the system's config, key
 * for key: the plugins, their settings and their ids are exactly those an agent without a plugin
 * config gets.
 */
final class PluginConfigOnce implements Extension {
  private final Optional<Config> config;

  private PluginConfigOnce(Config system) {
    // Falling back to a value that is not an object leaves the content as it is and marks it as
    // ignoring fallbacks: Pekko's withFallback(systemConfig) then hands back this same instance.
    this.config = Optional.of(system.withFallback(ConfigValueFactory.fromAnyRef(true)));
  }

  /** The system's instance. */
  static PluginConfigOnce get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /** The system's config, as every agent's journal and snapshot plugin config. */
  Optional<Config> config() {
    return config;
  }

  private static final class Id extends ExtensionId<PluginConfigOnce> {
    static final Id INSTANCE = new Id();

    @Override
    public PluginConfigOnce createExtension(ActorSystem<?> system) {
      return new PluginConfigOnce(system.settings().config());
    }
  }
}
