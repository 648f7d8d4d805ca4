package kis.engine.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks the checked sections of a configuration against a {@link ConfigSchema}: every key must be
 * known (else it is named with where it was written and the nearest known key) and its value of the
 * key's kind. Blocks of unknown keys are reported once, not walked.
 */
final class KeyChecker {
  private final ConfigSchema schema;
  private final List<ConfigProblem> problems = new ArrayList<>();

  private KeyChecker(ConfigSchema schema) {
    this.schema = schema;
  }

  static List<ConfigProblem> check(Config effective, ConfigSchema schema) {
    KeyChecker k = new KeyChecker(schema);
    for (String section : ConfigSchema.SECTIONS) {
      if (effective.hasPathOrNull(section)) {
        k.walk(section, section, effective.root().get(section));
      }
    }
    return k.problems;
  }

  /**
   * @param schemaPath the value's path in the schema ({@code kis-trader.agents[].risk})
   * @param path its path for the user ({@code kis-trader.agents[2].risk})
   */
  private void walk(String schemaPath, String path, ConfigValue v) {
    Optional<KeyKind> kind = schema.kind(schemaPath);
    if (kind.isEmpty()) {
      return;
    }
    Optional<String> wrong = kind.get().problem(v);
    if (wrong.isPresent()) {
      problems.add(ConfigProblem.at(path, v.origin(), wrong.get()));
      return;
    }
    if (kind.get() == KeyKind.OBJECT) {
      walkObject(schemaPath, path, (ConfigObject) v);
    } else if (kind.get() == KeyKind.OBJECT_LIST) {
      ConfigList list = (ConfigList) v;
      for (int i = 0; i < list.size(); i++) {
        walkObject(schemaPath + "[]", path + "[" + i + "]", (ConfigObject) list.get(i));
      }
    }
  }

  private void walkObject(String schemaPath, String path, ConfigObject o) {
    o.forEach((key, child) -> {
      String childSchema = ConfigSchema.join(schemaPath, key);
      if (schema.kind(childSchema).isEmpty()) {
        problems.add(ConfigProblem.at(ConfigSchema.join(path, key), child.origin(), "unknown key")
            .withSuggestion(suggest(schemaPath, key, child)));
      } else {
        walk(childSchema, ConfigSchema.join(path, key), child);
      }
    });
  }

  /** The nearest known sibling, preferring one whose kind fits the value ({@code agentz = [..]}: agents, not agent). */
  private Optional<String> suggest(String parent, String key, ConfigValue v) {
    List<String> siblings = schema.childrenOf(parent);
    List<String> fitting = siblings.stream()
        .filter(s -> schema.kind(ConfigSchema.join(parent, s)).map(k -> k.problem(v).isEmpty()).orElse(false))
        .toList();
    Optional<String> best = Suggestions.nearest(key, fitting);
    return best.isPresent() ? best : Suggestions.nearest(key, siblings);
  }
}
