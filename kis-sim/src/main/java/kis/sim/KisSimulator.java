package kis.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KIS Open API look-alike on loopback: REST and websocket on one port, speaking the protocol of
 * shared/kis-api.md (paper flavour by default), trading one account on a simulated KRX market,
 * with fault injection. A client written for KIS works against it by changing host and port.
 *
 * <p>Start with {@link #start(SimConfig)}, stop with {@link #close()}. Thread-safe.
 */
public final class KisSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KisSimulator.class);

  private final SimConfig config;
  private final SimCredentials credentials;
  private final ActorSystem<Void> system;
  private final Exchange exchange;
  private final FaultControl faults = new FaultControl();
  private final OrderLog orderLog = new OrderLog();
  private final AccountView account;
  private final StateStore state;
  private final List<Cancellable> timers = new ArrayList<>();
  private ServerBinding binding;

  private KisSimulator(SimConfig config, Clock marketClock) {
    this.config = config;
    this.state = new StateStore(config.stateFile());
    this.credentials = config.credentials().or(state::savedCredentials)
        .orElseGet(() -> SimCredentials.generate(config.htsId()));
    Config pekko = ConfigFactory.parseString(String.join("\n",
            "pekko.http.server.request-timeout = infinite",
            "pekko.http.server.idle-timeout = infinite",
            "pekko.http.server.websocket.periodic-keep-alive-max-idle = infinite",
            "pekko.coordinated-shutdown.exit-jvm = off",
            "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off"))
        .withFallback(ConfigFactory.load());
    this.system = ActorSystem.create(Behaviors.empty(), "kis-sim", pekko);
    SessionClock clock = marketClock == null
        ? new SessionClock(config.sessionMode(), config.timeCompression(), config.sessionStart())
        : new SessionClock(config.sessionMode(), marketClock);
    this.exchange = new Exchange(config, clock);
    state.restore(exchange);
    this.account = new AccountView(exchange);
  }

  /** Starts a simulator and binds it (127.0.0.1 and an ephemeral port unless configured). */
  public static KisSimulator start(SimConfig config) {
    return start(config, null);
  }

  /**
   * Starts a simulator whose market time is read from {@code marketClock} (fixed, or stepped by a
   * test) instead of running from {@code session-start} at {@code time-compression}; null = as
   * configured. Tokens and heartbeats keep real time.
   */
  public static KisSimulator start(SimConfig config, Clock marketClock) {
    KisSimulator sim = new KisSimulator(config, marketClock);
    try {
      sim.bind();
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
    return sim;
  }

  private void bind() {
    TokenAuthority tokens = new TokenAuthority(credentials, config.tokenReissueInterval(), config.tokenLifetime(),
        Clock.systemUTC());
    WsHub hub = new WsHub(system, config.flavour(), credentials, tokens, faults, exchange.clock, exchange.orgno);
    exchange.listener(config.stateFile().isPresent()
        ? new WriteAheadNotices(hub, () -> state.save(exchange, credentials)) : hub);
    faults.bind(hub::dropAll, tokens::expireAll);
    faults.apply(config.faults());
    ControlEndpoints control = new ControlEndpoints(this, exchange, faults, hub);
    RestApi api = new RestApi(system, config.flavour(), credentials, exchange, tokens,
        new RateLimiter(config.effectiveRateLimit()), faults, orderLog, hub, control);
    // Saved before the port opens: the credentials a client is about to use (and the engine's
    // `kis --sim-url` reads) survive a kill before the first trade.
    state.save(exchange, credentials);
    try {
      binding = Http.get(system).newServerAt(config.host(), config.port()).bind(api::handle)
          .toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("kis-sim could not bind " + config.host() + ":" + config.port(), e);
    }
    if (!config.tickInterval().isZero()) {
      double seconds = config.tickInterval().toMillis() / 1000.0;
      every(config.tickInterval(), () -> exchange.generatorTick(seconds));
    }
    every(config.pingPongInterval(), hub::pingPong);
    every(Duration.ofSeconds(1), exchange::checkSession);
    every(Duration.ofMillis(100), faults::periodicDropTick);
    if (config.stateFile().isPresent()) {
      // Only prices change without an execution notice (which saves first): a slow pace keeps an
      // idle simulator from rewriting its file all day.
      every(Duration.ofSeconds(30), () -> state.save(exchange, credentials));
    }
    LOG.info("kis-sim listening on {} ({} flavour)", restBaseUrl(), config.flavour());
  }

  private void every(Duration period, Runnable task) {
    timers.add(system.scheduler().scheduleAtFixedRate(period, period, () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("kis-sim periodic task failed", e);
      }
    }, system.executionContext()));
  }

  /** The bound TCP port. */
  public int port() {
    return binding.localAddress().getPort();
  }

  /** E.g. {@code http://127.0.0.1:PORT}: where a KIS client's REST base URL should point. */
  public String restBaseUrl() {
    return "http://" + config.host() + ":" + port();
  }

  /** E.g. {@code ws://127.0.0.1:PORT}: the websocket base (accepts {@code /}, {@code /tryitout}, {@code /tryitout/TR}). */
  public String websocketUrl() {
    return "ws://" + config.host() + ":" + port();
  }

  /**
   * The credentials kept in a simulator's state file ({@code state-file}), if it has any: what a
   * client of a simulator that runs elsewhere (the engine's embedded one) presents to it.
   */
  public static java.util.Optional<SimCredentials> savedCredentials(java.nio.file.Path stateFile) {
    return new StateStore(java.util.Optional.of(stateFile)).savedCredentials();
  }

  /** The app key, app secret, account and HTS id this simulator accepts. */
  public SimCredentials credentials() {
    return credentials;
  }

  /** Fault switches, changeable at run time. */
  public FaultControl faults() {
    return faults;
  }

  /** Every order request received, in arrival order, with its outcome. */
  public OrderLog orderLog() {
    return orderLog;
  }

  /** Cash, holdings, orders and fills as the simulator sees them. */
  public AccountView account() {
    return account;
  }

  public SimConfig config() {
    return config;
  }

  /**
   * The simulator's market clock now, in KST: its {@code session-start} (or its start) plus the time
   * since, compressed and advanced as configured. A test pins an engine's clock to it.
   */
  public java.time.ZonedDateTime now() {
    return exchange.clock.now();
  }

  /**
   * The exchange's close, now: every open order expires as KIS expires unfilled orders after the
   * session (cancelled, no notice). A test that rolls an engine's trading day by hand calls this
   * first, so the account the engine reconciles against has closed the day too.
   */
  public void expireOpenOrders() {
    exchange.expireOpenOrdersNow();
  }

  /** Stops timers, unbinds, saves state (if configured) and terminates the simulator's actor system. */
  @Override
  public void close() {
    timers.forEach(Cancellable::cancel);
    if (config.stateFile().isPresent()) {
      state.save(exchange, credentials);
    }
    try {
      if (binding != null) {
        binding.unbind().toCompletableFuture().get(5, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      LOG.debug("kis-sim unbind", e);
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("kis-sim termination", e);
    }
  }
}
