package kis.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kis.journal.Symbol;

/**
 * Everything the simulator needs to start. Built from the {@code kis-sim} block of HOCON
 * ({@link #fromConfig}) whose defaults live in kis-sim's {@code reference.conf}.
 *
 * @param host interface to bind, loopback by default
 * @param port TCP port, 0 for an ephemeral one
 * @param flavour paper ({@code VTS}) or real TR ids, codes and limits
 * @param seed seeds the price generator and order-book depth; same seed + same orders = same fills
 * @param universe the listed stocks
 * @param initialCash the account's deposit at start, won
 * @param sessionMode always open, or KRX hours on a (possibly compressed) KST clock
 * @param timeCompression simulated seconds per real second in {@link SessionMode#KRX} mode
 * @param sessionStart KST start instant of the simulated clock in KRX mode (empty: now)
 * @param rateLimitPerSecond REST requests per second per app key; 0 = the flavour's KIS figure, negative = off
 * @param tickInterval price-generator period; zero = manual prices only (tests push trades)
 * @param pingPongInterval how often the server sends PINGPONG on each websocket
 * @param tokenReissueInterval minimum gap between two token issues (KIS: 1 minute)
 * @param tokenLifetime access-token lifetime (KIS: 24 h)
 * @param credentials fixed credentials, or empty to generate fresh ones at start
 * @param htsId the HTS id used when credentials are generated
 * @param faults faults armed at start
 * @param stateFile where to keep account and orders across restarts (empty: in memory only)
 * @param nxtSymbols the stocks of the universe that also trade on NXT (a second book each); the rest are KRX only
 * @param priceModel how the generator prints: the tick walk (tests) or calibrated to KRX stocks (demos)
 */
public record SimConfig(
    String host,
    int port,
    Flavour flavour,
    long seed,
    List<InstrumentSpec> universe,
    long initialCash,
    SessionMode sessionMode,
    double timeCompression,
    Optional<String> sessionStart,
    int rateLimitPerSecond,
    Duration tickInterval,
    Duration pingPongInterval,
    Duration tokenReissueInterval,
    Duration tokenLifetime,
    Optional<SimCredentials> credentials,
    String htsId,
    FaultSpec faults,
    Optional<Path> stateFile,
    Set<Symbol> nxtSymbols,
    PriceModel priceModel) {

  public SimConfig {
    universe = List.copyOf(universe);
    nxtSymbols = Set.copyOf(nxtSymbols);
    for (Symbol s : nxtSymbols) {
      if (universe.stream().noneMatch(u -> u.symbol().equals(s))) {
        throw new IllegalArgumentException("kis-sim.nxt-symbols lists " + s + ", which is not in the universe");
      }
    }
    if (universe.isEmpty()) {
      throw new IllegalArgumentException("kis-sim.universe must list at least one stock");
    }
    if (priceModel == null) {
      throw new IllegalArgumentException("kis-sim.price-model must be TICK_WALK or CALIBRATED");
    }
    if (timeCompression <= 0) {
      throw new IllegalArgumentException("kis-sim.time-compression must be positive");
    }
  }

  /** The defaults of reference.conf (plus any application.conf on the class path). */
  public static SimConfig defaults() {
    return fromConfig(ConfigFactory.load());
  }

  /** Reads a config that either is the {@code kis-sim} block or contains it. */
  public static SimConfig fromConfig(Config root) {
    Config c = root.hasPath("kis-sim") ? root.getConfig("kis-sim") : root;
    c = c.withFallback(ConfigFactory.defaultReference().getConfig("kis-sim"));
    List<InstrumentSpec> universe = new ArrayList<>();
    Config rates = c.getConfig("prints-per-minute");
    for (Config u : c.getConfigList("universe")) {
      String liquidity = u.hasPath("liquidity") ? u.getString("liquidity") : "normal";
      if (!rates.hasPath(liquidity)) {
        throw new IllegalArgumentException("kis-sim.universe: " + u.getString("code") + " has liquidity = "
            + liquidity + ", not one of kis-sim.prints-per-minute's classes " + rates.root().keySet());
      }
      universe.add(new InstrumentSpec(Symbol.of(u.getString("code")), u.getString("name"),
          u.getLong("base-price"), u.getDouble("volatility"), u.getLong("floating-shares"),
          rates.getDouble(liquidity)));
    }
    Optional<SimCredentials> creds = Optional.empty();
    if (!c.getString("credentials.app-key").isBlank()) {
      creds = Optional.of(new SimCredentials(c.getString("credentials.app-key"),
          c.getString("credentials.app-secret"), c.getString("credentials.cano"),
          c.getString("credentials.acnt-prdt-cd"), c.getString("hts-id")));
    }
    String start = c.getString("session-start");
    String state = c.getString("state-file");
    return new SimConfig(
        c.getString("host"),
        c.getInt("port"),
        Flavour.valueOf(c.getString("flavour").toUpperCase()),
        c.getLong("seed"),
        universe,
        c.getLong("initial-cash"),
        SessionMode.valueOf(c.getString("session-mode").toUpperCase().replace('-', '_')),
        c.getDouble("time-compression"),
        start.isBlank() ? Optional.empty() : Optional.of(start),
        c.getInt("rate-limit-per-second"),
        c.getDuration("tick-interval"),
        c.getDuration("pingpong-interval"),
        c.getDuration("token-reissue-interval"),
        c.getDuration("token-lifetime"),
        creds,
        c.getString("hts-id"),
        FaultSpec.parse(c.getString("faults")),
        state.isBlank() ? Optional.empty() : Optional.of(Path.of(state)),
        nxt(c.getStringList("nxt-symbols"), universe),
        priceModel(c.getString("price-model")));
  }

  private static PriceModel priceModel(String text) {
    try {
      return PriceModel.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kis-sim.price-model = " + text + ": expected tick-walk or calibrated", e);
    }
  }

  /** The NXT list within the universe: a universe configured without some default NXT stock just lacks its book. */
  private static Set<Symbol> nxt(List<String> codes, List<InstrumentSpec> universe) {
    Set<Symbol> out = new java.util.LinkedHashSet<>();
    for (String code : codes) {
      Symbol s = Symbol.of(code.trim());
      if (universe.stream().anyMatch(u -> u.symbol().equals(s))) {
        out.add(s);
      }
    }
    return out;
  }

  /** The same config with another port. */
  public SimConfig withPort(int p) {
    return new SimConfig(host, p, flavour, seed, universe, initialCash, sessionMode, timeCompression,
        sessionStart, rateLimitPerSecond, tickInterval, pingPongInterval, tokenReissueInterval,
        tokenLifetime, credentials, htsId, faults, stateFile, nxtSymbols, priceModel);
  }

  public SimConfig withSeed(long s) {
    return new SimConfig(host, port, flavour, s, universe, initialCash, sessionMode, timeCompression,
        sessionStart, rateLimitPerSecond, tickInterval, pingPongInterval, tokenReissueInterval,
        tokenLifetime, credentials, htsId, faults, stateFile, nxtSymbols, priceModel);
  }

  public SimConfig withFaults(FaultSpec f) {
    return new SimConfig(host, port, flavour, seed, universe, initialCash, sessionMode, timeCompression,
        sessionStart, rateLimitPerSecond, tickInterval, pingPongInterval, tokenReissueInterval,
        tokenLifetime, credentials, htsId, f, stateFile, nxtSymbols, priceModel);
  }

  public SimConfig withStateFile(Path p) {
    return new SimConfig(host, port, flavour, seed, universe, initialCash, sessionMode, timeCompression,
        sessionStart, rateLimitPerSecond, tickInterval, pingPongInterval, tokenReissueInterval,
        tokenLifetime, credentials, htsId, faults, Optional.ofNullable(p), nxtSymbols, priceModel);
  }

  /** The same config with another price model. */
  public SimConfig withPriceModel(PriceModel m) {
    return new SimConfig(host, port, flavour, seed, universe, initialCash, sessionMode, timeCompression,
        sessionStart, rateLimitPerSecond, tickInterval, pingPongInterval, tokenReissueInterval,
        tokenLifetime, credentials, htsId, faults, stateFile, nxtSymbols, m);
  }

  /** Requests per second actually enforced, or 0 for none. */
  int effectiveRateLimit() {
    if (rateLimitPerSecond < 0) {
      return 0;
    }
    return rateLimitPerSecond == 0 ? flavour.kisRateLimit() : rateLimitPerSecond;
  }
}
