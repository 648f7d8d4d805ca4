package kis.engine.config;

import com.typesafe.config.ConfigOrigin;
import java.util.Optional;

/**
 * One thing wrong with the configuration.
 *
 * @param path the setting, e.g. {@code kis-trader.agents[0].risk.max-daily-los}
 * @param origin where the value was written, {@code file:line} (empty when it has none, e.g. a default)
 * @param message what is wrong, never the value of a secret
 * @param suggestion the known key the user probably meant
 */
public record ConfigProblem(String path, Optional<String> origin, String message, Optional<String> suggestion) {

  static ConfigProblem at(String path, ConfigOrigin origin, String message) {
    return new ConfigProblem(path, where(origin), message, Optional.empty());
  }

  ConfigProblem withSuggestion(Optional<String> key) {
    return new ConfigProblem(path, origin, message, key);
  }

  /** One line: {@code file:line: path: message (did you mean `key`?)}. */
  public String render() {
    return origin.map(o -> o + ": ").orElse("") + path + ": " + message
        + suggestion.map(s -> " (did you mean `" + s + "`?)").orElse("");
  }

  /** {@code file:line} of a value: the file name for files, the resource or URL otherwise. */
  static Optional<String> where(ConfigOrigin o) {
    if (o == null) {
      return Optional.empty();
    }
    String source = o.filename() != null ? o.filename()
        : o.resource() != null ? o.resource()
        : o.url() != null ? o.url().toString()
        : null;
    if (source == null) {
      // A value merged from several files: the first is the one that won.
      String d = o.description();
      if (d.startsWith("merge of ")) {
        d = d.substring("merge of ".length()).split(",")[0];
      }
      return Optional.of(d.replaceFirst(": (\\d+)$", ":$1"));
    }
    return Optional.of(o.lineNumber() > 0 ? source + ":" + o.lineNumber() : source);
  }
}
