package kis.engine.dashboard;

import com.typesafe.config.Config;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Where the dashboard listens and how often the page is updated. Read from the optional
 * {@code kis.dashboard} block of the configuration:
 * <pre>
 * kis.dashboard { host = "127.0.0.1", port = 8686, stream-interval = 1s, token-for-reads = false }
 * </pre>
 *
 * @param tokenForReads require the token for read-only views even on loopback (a shared machine)
 */
public record DashboardSettings(String host, int port, Duration streamInterval, boolean tokenForReads) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8686;

  public static DashboardSettings loopback(int port) {
    return new DashboardSettings(DEFAULT_HOST, port, Duration.ofSeconds(1), false);
  }

  public static DashboardSettings fromConfig(Config root) {
    String p = "kis.dashboard";
    Config c = root.hasPath(p) ? root.getConfig(p) : com.typesafe.config.ConfigFactory.empty();
    return new DashboardSettings(
        c.hasPath("host") ? c.getString("host") : DEFAULT_HOST,
        c.hasPath("port") ? c.getInt("port") : DEFAULT_PORT,
        c.hasPath("stream-interval") ? c.getDuration("stream-interval") : Duration.ofSeconds(1),
        c.hasPath("token-for-reads") && c.getBoolean("token-for-reads"));
  }

  /**
   * Read-only views are open without a token only when the dashboard listens on loopback (and
   * {@code tokenForReads} is off); bound to any other address, every request needs the token.
   */
  public boolean readsNeedToken() {
    if (tokenForReads) {
      return true;
    }
    try {
      return !InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return true;
    }
  }
}
