package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import kis.journal.Symbol;
import org.junit.jupiter.api.Test;

class AgentConfigSchemaTest {
  private static final Config EVERY_KEY = ConfigFactory.parseString(String.join("\n",
      "id = a1, symbol = \"005930\", symbols = [\"005935\"]",
      "strategy { name = pair-spread, params { common = \"005930\" } }",
      "risk { max-order-notional = 1, max-position = 2, max-daily-loss = 3, max-daily-orders = 4 }",
      "initial-capital = 5, venue = NXT, market-data = integrated, protective { stop-limit = native }"));

  @Test
  void theSchemaListsExactlyTheKeysTheParserReads() {
    Set<String> read = new TreeSet<>();
    Config recording = recording(EVERY_KEY, "", read);
    AgentConfig.from(recording);
    AgentConfigSchema.declaredSymbols(recording);
    Set<String> declared = AgentConfigSchema.KEYS.stream().map(AgentConfigSchema.Key::path)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(declared, read, "AgentConfig.from and AgentConfigSchema.KEYS must name the same keys");
  }

  @Test
  void declaredSymbolsAreTheSymbolAndTheOptionalList() {
    assertEquals(List.of(Symbol.of("005930"), Symbol.of("005935")),
        List.copyOf(AgentConfigSchema.declaredSymbols(EVERY_KEY)));
    assertEquals(Set.of(Symbol.of("000660")),
        AgentConfigSchema.declaredSymbols(ConfigFactory.parseString("symbol = \"000660\"")));
    assertThrows(IllegalArgumentException.class,
        () -> AgentConfigSchema.declaredSymbols(ConfigFactory.parseString("symbol = \"000660\", symbols = [\"x\"]")));
  }

  /** A Config that notes every path asked of it (and of the blocks it hands out) in {@code read}. */
  private static Config recording(Config real, String prefix, Set<String> read) {
    return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
        (proxy, method, args) -> {
          String path = args != null && args.length > 0 && args[0] instanceof String s ? prefix + s : null;
          if (path != null) {
            read.add(path);
          }
          Object result;
          try {
            result = method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          return path != null && result instanceof Config sub && !"params".equals(args[0])
              ? recording(sub, path + ".", read) : result;
        });
  }
}
