package kis.engine.dashboard;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's Pekko HTTP server inside the engine's actor system, plus (optionally) the alert
 * monitor's schedule. Start it once the engine's {@link EngineView} answers; stop it before the
 * actor system terminates.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

  /** How often refusal counts of minutes that are over are written, without waiting for traffic. */
  /** Longer than the longest control's own limit (a reconcile or a shutdown step: 60 s). */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(75);
  private static final Duration AUDIT_FLUSH_EVERY = Duration.ofSeconds(10);

  private final ServerBinding binding;
  private final Cancellable alerts;
  private final Cancellable auditFlush;
  private final ControlAudit audit;

  private DashboardServer(ServerBinding binding, Cancellable alerts, Cancellable auditFlush, ControlAudit audit) {
    this.binding = binding;
    this.alerts = alerts;
    this.auditFlush = auditFlush;
    this.audit = audit;
  }

  /** Binds without alerts. */
  public static CompletionStage<DashboardServer> start(ActorSystem<?> system, DashboardSettings settings,
      Dashboard dashboard) {
    return start(system, settings, dashboard, null, Duration.ofSeconds(5));
  }

  /**
   * Binds to {@code settings.host():settings.port()} (port 0 picks a free one) and, when
   * {@code monitor} is given, checks the engine's snapshot for alerts every {@code alertEvery}.
   */
  public static CompletionStage<DashboardServer> start(ActorSystem<?> system, DashboardSettings settings,
      Dashboard dashboard, AlertMonitor monitor, Duration alertEvery) {
    DashboardApi api = new DashboardApi(dashboard, settings);
    return Http.get(system).newServerAt(settings.host(), settings.port()).withSettings(serverSettings(system))
        .bind(api.routes())
        .thenApply(b -> {
          LOG.info("dashboard on http://{}:{}/", b.localAddress().getHostString(), b.localAddress().getPort());
          Cancellable c = monitor == null ? null : system.scheduler().scheduleWithFixedDelay(alertEvery, alertEvery,
              () -> checkSafely(monitor, dashboard.view()), system.executionContext());
          Cancellable f = system.scheduler().scheduleWithFixedDelay(AUDIT_FLUSH_EVERY, AUDIT_FLUSH_EVERY,
              dashboard.audit()::flushRefusals, system.executionContext());
          return new DashboardServer(b, c, f, dashboard.audit());
        });
  }

  /**
   * pekko-http's own 20 s request timeout would answer a control still running (a reconcile of
   * fifty agents on a loaded host) with a bare 503 before the control's own 60 s limit gives its
   * real outcome; the server waits a little longer than the longest control.
   */
  static org.apache.pekko.http.javadsl.settings.ServerSettings serverSettings(ActorSystem<?> system) {
    return org.apache.pekko.http.javadsl.settings.ServerSettings.create(com.typesafe.config.ConfigFactory
        .parseString("pekko.http.server.request-timeout = " + REQUEST_TIMEOUT.toSeconds() + "s")
        .withFallback(system.settings().config()));
  }

  private static void checkSafely(AlertMonitor monitor, EngineView view) {
    try {
      monitor.check(view.snapshot());
    } catch (RuntimeException e) {
      LOG.warn("alert check failed: {}", e.toString());
    }
  }

  /** The bound address (the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return binding.localAddress();
  }

  /** {@code http://host:port} without a trailing slash. */
  public String baseUrl() {
    return "http://" + address().getHostString() + ":" + address().getPort();
  }

  /** Stops the alert schedule and unbinds; open streams are given a moment to finish. */
  @Override
  public void close() {
    if (alerts != null) {
      alerts.cancel();
    }
    auditFlush.cancel();
    try {
      binding.terminate(Duration.ofSeconds(2)).toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("dashboard unbind", e);
    }
    audit.close();
  }
}
