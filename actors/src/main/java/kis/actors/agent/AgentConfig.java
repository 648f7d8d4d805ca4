package kis.actors.agent;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.Venue;

/**
 * One entry of {@code kis-trader.agents} (shape and example: {@code conf/agents.example.conf}).
 *
 * @param strategyParams the strategy's own settings, as plain values, read by the strategy
 * @param risk limits the risk guard enforces; 0 means no limit
 * @param initialCapital won this agent may commit, before P&L; 0 means no limit
 * @param moreSymbols symbols the agent may trade besides {@code symbol} (key {@code symbols}, for
 *     strategies that trade several, such as pair-spread); an order on any other is denied
 * @param trading where its orders go, which prints it sees, and how its stop-limits are held
 */
public record AgentConfig(AgentId id, Symbol symbol, String strategy, Map<String, Object> strategyParams,
    RiskLimits risk, long initialCapital, Set<Symbol> moreSymbols, Trading trading) {

  /**
   * How an agent meets the market.
   *
   * @param venue where its orders go (key {@code venue}: KRX, NXT or SOR; default KRX)
   * @param prints which trade prints its strategy and its protective triggers see (key
   *     {@code market-data}: {@code venue}, the prints of the venue its orders go to, integrated
   *     for SOR; or {@code integrated}, KRX and NXT together)
   * @param stopLimit how a stop-limit is held (key {@code protective.stop-limit}: {@code emulated}
   *     by the engine, or {@code native}, KIS's own stop-limit order where the venue takes one)
   * @param priority how much its symbols need a websocket registration when KIS's 41 run out (key
   *     {@code market-data-priority}: {@code auto}, {@code ticks} or {@code poll})
   */
  public record Trading(Venue venue, Prints prints, StopLimit stopLimit, Priority priority) {
    public static final Trading DEFAULT = new Trading(Venue.KRX, Prints.VENUE, StopLimit.EMULATED, Priority.AUTO);

    /**
     * Who gets KIS's websocket registrations when the agents' symbols need more than there are;
     * the others' prices are polled by REST ({@code kis.actors.supervisor.FeedPriority}).
     */
    public enum Priority {
      /** Streamed before {@code poll} agents' symbols; ranked with {@code ticks} when the strategy needs every print. */
      AUTO,
      /** Every print matters (tight stops, tick-level signals): streamed first. */
      TICKS,
      /** A polled price every few seconds will do: streamed only with registrations to spare. */
      POLL
    }

    /** Default market-data priority ({@code auto}). */
    public Trading(Venue venue, Prints prints, StopLimit stopLimit) {
      this(venue, prints, stopLimit, Priority.AUTO);
    }

    /** Which trade prints an agent sees. */
    public enum Prints {
      /** The prints of the book its orders go to (both books, integrated, when it routes through SOR). */
      VENUE,
      /** KRX's and NXT's prints together, as KIS's integrated (UN) feed gives them. */
      INTEGRATED
    }

    /** Who holds a stop-limit until it triggers. */
    public enum StopLimit {
      /** The engine, journaled, judged on the agent's prints: works on every venue. */
      EMULATED,
      /** KIS, as a stop-limit order (KRX and NXT take one; SOR does not). */
      NATIVE
    }

    public Trading {
      priority = priority == null ? Priority.AUTO : priority;
      if (venue == null || prints == null || stopLimit == null) {
        throw new IllegalArgumentException("venue, market-data and protective.stop-limit are required");
      }
      if (stopLimit == StopLimit.NATIVE && venue.isRouter()) {
        throw new IllegalArgumentException("protective.stop-limit = native: KIS takes no stop-limit order through "
            + venue + "; use emulated or venue = KRX or NXT");
      }
    }

    /** Whether the agent's prints are the integrated feed (asked for, or implied by routing through SOR). */
    public boolean integratedPrints() {
      return prints == Prints.INTEGRATED || venue.isRouter();
    }

    /** From an agent block; a word that is none of the choices is refused, naming the key and the choices. */
    public static Trading from(Config c) {
      Config p = c.hasPath("protective") ? c.getConfig("protective") : com.typesafe.config.ConfigFactory.empty();
      return new Trading(
          c.hasPath("venue") ? choice("venue", c.getString("venue"), Venue.class) : DEFAULT.venue(),
          c.hasPath("market-data") ? choice("market-data", c.getString("market-data"), Prints.class) : DEFAULT.prints(),
          p.hasPath("stop-limit") ? choice("protective.stop-limit", p.getString("stop-limit"), StopLimit.class)
              : DEFAULT.stopLimit(),
          c.hasPath("market-data-priority") ? choice("market-data-priority", c.getString("market-data-priority"),
              Priority.class) : DEFAULT.priority());
    }

    private static <E extends Enum<E>> E choice(String key, String value, Class<E> type) {
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(value.trim())) {
          return e;
        }
      }
      throw new IllegalArgumentException(key + ": '" + value + "' is not one of "
          + java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(java.util.Locale.ROOT))
              .toList());
    }
  }

  /**
   * Per-agent risk limits as configured; 0 means no limit. {@code maxPosition} is in SHARES of
   * one symbol (held plus working buys), unlike the engine-wide {@code max-symbol-position} in won.
   */
  public record RiskLimits(long maxOrderNotional, long maxPosition, long maxDailyLoss, int maxDailyOrders) {
    public static final RiskLimits NONE = new RiskLimits(0, 0, 0, 0);

    /** From a {@code risk} block; absent keys are 0 (no limit). */
    public static RiskLimits from(Config c) {
      return new RiskLimits(
          c.hasPath("max-order-notional") ? c.getLong("max-order-notional") : 0,
          c.hasPath("max-position") ? c.getLong("max-position") : 0,
          c.hasPath("max-daily-loss") ? c.getLong("max-daily-loss") : 0,
          c.hasPath("max-daily-orders") ? c.getInt("max-daily-orders") : 0);
    }
  }

  public AgentConfig {
    trading = trading == null ? Trading.DEFAULT : trading;
    strategyParams = Map.copyOf(strategyParams);
    moreSymbols = Set.copyOf(moreSymbols);
    if (initialCapital < 0) {
      throw new IllegalArgumentException("initial-capital must not be negative");
    }
    agentLimits(risk, initialCapital, symbol, moreSymbols); // negative limits stop the start, key named
  }

  /** An agent declared for {@code symbol} only. */
  public AgentConfig(AgentId id, Symbol symbol, String strategy, Map<String, Object> strategyParams,
      RiskLimits risk, long initialCapital) {
    this(id, symbol, strategy, strategyParams, risk, initialCapital, Set.of());
  }

  /** An agent trading on KRX with the default market data and emulated stop-limits. */
  public AgentConfig(AgentId id, Symbol symbol, String strategy, Map<String, Object> strategyParams,
      RiskLimits risk, long initialCapital, Set<Symbol> moreSymbols) {
    this(id, symbol, strategy, strategyParams, risk, initialCapital, moreSymbols, Trading.DEFAULT);
  }

  /** Every symbol the agent is declared for: {@code symbol} and {@code symbols}. */
  public Set<Symbol> declaredSymbols() {
    Set<Symbol> all = new HashSet<>(moreSymbols);
    all.add(symbol);
    return Set.copyOf(all);
  }

  /** The agent's own limits as the risk guard (live) and the backtest enforce them. */
  public kis.actors.risk.AgentLimits agentLimits() {
    return agentLimits(risk, initialCapital, symbol, moreSymbols);
  }

  private static kis.actors.risk.AgentLimits agentLimits(RiskLimits r, long capital, Symbol symbol,
      Set<Symbol> more) {
    Set<Symbol> all = new HashSet<>(more);
    all.add(symbol);
    return new kis.actors.risk.AgentLimits(r.maxOrderNotional(), r.maxPosition(), r.maxDailyLoss(),
        r.maxDailyOrders(), capital, all);
  }

  /** Every agent under {@code kis-trader.agents}; ids must be unique. Errors name the entry. */
  public static List<AgentConfig> listFrom(Config root) {
    List<AgentConfig> out = new ArrayList<>();
    Set<AgentId> seen = new HashSet<>();
    List<? extends Config> entries = root.getConfigList("kis-trader.agents");
    for (int i = 0; i < entries.size(); i++) {
      AgentConfig a;
      try {
        a = from(entries.get(i));
      } catch (ConfigException | IllegalArgumentException e) {
        throw new IllegalArgumentException("kis-trader.agents[" + i + "]: " + e.getMessage(), e);
      }
      if (!seen.add(a.id())) {
        throw new IllegalArgumentException("kis-trader.agents[" + i + "]: duplicate agent id " + a.id());
      }
      out.add(a);
    }
    return out;
  }

  public static AgentConfig from(Config c) {
    Config strategy = c.getConfig("strategy");
    return new AgentConfig(
        new AgentId(c.getString("id")),
        Symbol.of(c.getString("symbol")),
        strategy.getString("name"),
        strategy.hasPath("params") ? strategy.getConfig("params").root().unwrapped() : Map.of(),
        c.hasPath("risk") ? RiskLimits.from(c.getConfig("risk")) : RiskLimits.NONE,
        c.hasPath("initial-capital") ? c.getLong("initial-capital") : 0,
        c.hasPath("symbols") ? c.getStringList("symbols").stream().map(Symbol::of).collect(
            java.util.stream.Collectors.toSet()) : Set.of(),
        Trading.from(c));
  }
}
