package kis.engine.live;

import com.typesafe.config.Config;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import kis.engine.dashboard.DashboardSettings;

/**
 * Whether {@code run} needs its dashboard, and whether its port is free before anything trades.
 * The dashboard carries the controls (kill switch, park, cancel): an engine running without them
 * because another process holds the port would leave the operator without brakes, so a taken port
 * stops {@code run} unless {@code kis.dashboard.enabled = false} says to run without a dashboard.
 */
public final class DashboardPort {
  /** The setting that turns the dashboard (and its controls) off. */
  public static final String ENABLED = "kis.dashboard.enabled";

  private DashboardPort() {}

  /** {@code kis.dashboard.enabled}, true when absent. */
  public static boolean enabled(Config c) {
    return !c.hasPath(ENABLED) || c.getBoolean(ENABLED);
  }

  /**
   * Empty when the dashboard's address can be bound now (port 0 always can); otherwise the
   * operator's message. The real bind comes later and may still lose a race: {@link #taken} words
   * that failure the same way.
   */
  public static Optional<String> check(DashboardSettings s) {
    if (s.port() == 0) {
      return Optional.empty();
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(InetAddress.getByName(s.host()), s.port()));
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(taken(s, e));
    }
  }

  /**
   * The message for a dashboard that could not bind. A bind that did not answer in time is a host
   * too busy to start the server (seen at load 50 on 2 cores), not a port someone holds: that
   * message would send the operator after the wrong cause.
   */
  public static String taken(DashboardSettings s, Throwable why) {
    if (why instanceof java.util.concurrent.TimeoutException) {
      return "the dashboard did not bind to " + s.host() + ":" + s.port() + " in time (a host too busy to start it?):"
          + " start again, or set " + ENABLED + " = false to run without the dashboard and its controls";
    }
    return "the dashboard cannot listen on " + s.host() + ":" + s.port() + " (" + why.getMessage() + "): "
        + "stop what holds the port, choose another with kis.dashboard.port, or set " + ENABLED
        + " = false to run without the dashboard and its controls";
  }
}
