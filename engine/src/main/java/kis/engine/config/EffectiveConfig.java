package kis.engine.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checked sections of a configuration as HOCON, secrets replaced by {@value #REDACTED}: app keys
 * and secrets, account numbers, tokens, passwords, webhook urls (which carry their own token), and
 * a password inside a JDBC url. Decided by the key's name, so a secret added later under such a
 * name is hidden too.
 */
public final class EffectiveConfig {
  static final String REDACTED = "<redacted>";
  private static final Pattern SECRET_KEY = Pattern.compile(
      "(^|-)(key|secret|password|token|account|cano|acnt-no|hts-id|approval-key)$|^webhook-url$");
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

  private EffectiveConfig() {}

  /** {@code kis-trader}, {@code kis} and {@code kis-sim} (and a backtest file's {@code strategy}) as HOCON, redacted. */
  public static String render(Config effective) {
    Map<String, Object> sections = new LinkedHashMap<>();
    List<String> shown = new ArrayList<>(ConfigSchema.SECTIONS);
    shown.add("strategy");
    for (String s : shown) {
      if (effective.hasPath(s)) {
        sections.put(s, redact(s, effective.root().get(s)));
      }
    }
    ConfigRenderOptions opts = ConfigRenderOptions.defaults().setOriginComments(false).setComments(false)
        .setJson(false).setFormatted(true);
    return ConfigValueFactory.fromMap(sections).render(opts);
  }

  static boolean isSecret(String key) {
    return SECRET_KEY.matcher(key).find();
  }

  private static Object redact(String key, ConfigValue v) {
    if (v.valueType() == ConfigValueType.OBJECT) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((ConfigObject) v).forEach((k, child) -> out.put(k, redact(k, child)));
      return ConfigValueFactory.fromMap(out);
    }
    if (v.valueType() == ConfigValueType.LIST) {
      List<Object> out = new ArrayList<>();
      for (ConfigValue e : (ConfigList) v) {
        out.add(redact(key, e));
      }
      return ConfigValueFactory.fromIterable(out);
    }
    if (v.valueType() == ConfigValueType.STRING) {
      String s = (String) v.unwrapped();
      if (isSecret(key) && !s.isBlank()) {
        return REDACTED;
      }
      return URL_PASSWORD.matcher(s).replaceAll("$1" + REDACTED);
    }
    if (v.valueType() == ConfigValueType.NUMBER && isSecret(key)) {
      return REDACTED;
    }
    return ConfigFactory.empty().withValue("v", v).getValue("v");
  }
}
