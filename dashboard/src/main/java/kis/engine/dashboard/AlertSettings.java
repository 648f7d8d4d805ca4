package kis.engine.dashboard;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The alert webhook's settings, from the optional {@code kis.alerts} block:
 * <pre>
 * kis.alerts {
 *   webhook-url = "http://127.0.0.1:9000/hook"   # no URL: alerts are only logged
 *   disconnect-after = 30s                        # a level down longer than this alerts
 *   per-key-interval = 5m                         # one alert per kind+subject per interval
 *   max-per-minute = 10                           # across all keys
 *   check-every = 2s
 *   reconcile-failures = 3                        # reconcile runs failed in a row that alert
 * }
 * </pre>
 */
public record AlertSettings(
    Optional<URI> webhookUrl,
    Duration disconnectAfter,
    Duration perKeyInterval,
    int maxPerMinute,
    Duration checkEvery,
    int reconcileFailures) {

  public AlertSettings(Optional<URI> webhookUrl, Duration disconnectAfter, Duration perKeyInterval, int maxPerMinute,
      Duration checkEvery) {
    this(webhookUrl, disconnectAfter, perKeyInterval, maxPerMinute, checkEvery, 3);
  }

  public static AlertSettings fromConfig(Config root) {
    Config c = root.hasPath("kis.alerts") ? root.getConfig("kis.alerts") : ConfigFactory.empty();
    return new AlertSettings(
        c.hasPath("webhook-url") && !c.getString("webhook-url").isBlank()
            ? Optional.of(URI.create(c.getString("webhook-url"))) : Optional.empty(),
        c.hasPath("disconnect-after") ? c.getDuration("disconnect-after") : Duration.ofSeconds(30),
        c.hasPath("per-key-interval") ? c.getDuration("per-key-interval") : Duration.ofMinutes(5),
        c.hasPath("max-per-minute") ? c.getInt("max-per-minute") : 10,
        c.hasPath("check-every") ? c.getDuration("check-every") : Duration.ofSeconds(2),
        c.hasPath("reconcile-failures") ? c.getInt("reconcile-failures") : 3);
  }

  /**
   * The monitor these settings describe: posting to the webhook when one is configured, logging
   * every alert in any case (logger {@code kis.engine.dashboard.alerts}).
   */
  public AlertMonitor monitor(Clock clock) {
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("kis.engine.dashboard.alerts");
    Optional<AlertWebhook> hook = webhookUrl.map(u -> new AlertWebhook(u, perKeyInterval, maxPerMinute, clock));
    return new AlertMonitor(alert -> {
      log.warn("alert {} {}: {}", alert.kind(), alert.subject(), alert.message());
      hook.ifPresent(h -> h.send(alert));
    }, disconnectAfter, reconcileFailures, clock);
  }
}
