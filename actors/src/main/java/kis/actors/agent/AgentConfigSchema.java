package kis.actors.agent;

import com.typesafe.config.Config;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kis.journal.Symbol;

/**
 * Every key of one {@code kis-trader.agents} entry, with its type and lower bound: what
 * {@link AgentConfig#from} reads. Kept beside the parser so a key added there is added here in the
 * same change; the engine's configuration check ({@code config check}, and {@code run} before it
 * starts anything) refuses any other key, a wrong type and a value under its minimum.
 * {@link AgentConfigSchemaTest} fails when a key here is not read by the parser, or the reverse.
 */
public final class AgentConfigSchema {
  private AgentConfigSchema() {}

  /** What a key holds. */
  public enum Type {
    STRING,
    /** A list of strings. */
    STRING_LIST,
    /** A whole number ({@code long}); {@link Key#min()} applies. */
    WHOLE_NUMBER,
    /** A block whose keys are listed here too. */
    OBJECT,
    /** A block whose keys belong to someone else (the strategy's parameters, checked by the strategy). */
    FREE_OBJECT
  }

  /**
   * @param path relative to the agent block, e.g. {@code risk.max-daily-loss}
   * @param required whether the block must have it
   * @param min the smallest allowed value of a {@link Type#WHOLE_NUMBER}
   * @param doc one line for messages and documentation
   */
  public record Key(String path, Type type, boolean required, long min, String doc) {
    static Key required(String path, Type type, String doc) {
      return new Key(path, type, true, 0, doc);
    }

    static Key optional(String path, Type type, String doc) {
      return new Key(path, type, false, 0, doc);
    }
  }

  /** The keys, in the order {@code conf/agents.example.conf} documents them. */
  public static final List<Key> KEYS = List.of(
      Key.required("id", Type.STRING, "the agent's id; its journal entity is Agent|<id>"),
      Key.required("symbol", Type.STRING, "the KRX short code the agent trades"),
      Key.optional("symbols", Type.STRING_LIST,
          "further symbols the strategy may trade (e.g. pair-spread's second leg), besides symbol"),
      Key.required("strategy", Type.OBJECT, "the strategy block"),
      Key.required("strategy.name", Type.STRING, "a built-in strategy's name or a class name"),
      Key.optional("strategy.params", Type.FREE_OBJECT, "the strategy's own settings, checked by the strategy"),
      Key.optional("risk", Type.OBJECT, "the agent's limits; a missing key or 0 means no limit"),
      Key.optional("risk.max-order-notional", Type.WHOLE_NUMBER, "won per order"),
      Key.optional("risk.max-position", Type.WHOLE_NUMBER, "shares held in a symbol"),
      Key.optional("risk.max-daily-loss", Type.WHOLE_NUMBER, "won lost per trading day"),
      Key.optional("risk.max-daily-orders", Type.WHOLE_NUMBER, "orders per trading day"),
      Key.optional("initial-capital", Type.WHOLE_NUMBER, "won this agent may commit, before P&L"),
      Key.optional("venue", Type.STRING, "where the agent's orders go: KRX (default), NXT or SOR"),
      Key.optional("market-data", Type.STRING,
          "the prints the strategy and protective triggers see: venue (default) or integrated"),
      Key.optional("market-data-priority", Type.STRING,
          "who gets a websocket registration past KIS's 41: ticks, auto (default: ticks if the strategy needs"
              + " them) or poll (REST-polled first)"),
      Key.optional("protective", Type.OBJECT, "how protective orders are held"),
      Key.optional("protective.stop-limit", Type.STRING,
          "emulated (default: by the engine, any venue) or native (KIS's stop-limit order, KRX and NXT)"));

  /**
   * The symbols an agent block declares: {@code symbol} plus every entry of {@code symbols}. Its
   * strategy may trade these and no other (checked at start).
   *
   * @throws IllegalArgumentException when a code is not a KRX short code
   */
  public static Set<Symbol> declaredSymbols(Config agentBlock) {
    Set<Symbol> out = new LinkedHashSet<>();
    out.add(Symbol.of(agentBlock.getString("symbol")));
    if (agentBlock.hasPath("symbols")) {
      for (String s : agentBlock.getStringList("symbols")) {
        out.add(Symbol.of(s));
      }
    }
    return out;
  }
}
