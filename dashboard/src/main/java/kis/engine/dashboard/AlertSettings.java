package kis.engine.dashboard;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The alerts' settings, from the optional {@code kis.alerts} block (every key optional):
 * <pre>
 * kis.alerts {
 *   webhook-url = "http://127.0.0.1:9000/hook"   # the generic JSON webhook
 *   telegram { chat-id = "123456", bot-token = ${?KIS_TRADER_TELEGRAM_BOT_TOKEN} }
 *   slack.webhook-url = ${?KIS_TRADER_SLACK_WEBHOOK_URL}
 *   discord.webhook-url = ${?KIS_TRADER_DISCORD_WEBHOOK_URL}
 *   send = [FILL, KILL_SWITCH, DISCONNECTED, ...]   # kinds delivered to the channels (default: all)
 *   disconnect-after = 30s                        # a level down longer than this alerts
 *   per-key-interval = 5m                         # one alert per kind+subject per interval
 *   max-per-minute = 10                           # across all keys
 *   check-every = 2s
 *   reconcile-failures = 3                        # reconcile runs failed in a row that alert
 * }
 * </pre>
 * Every alert is logged whatever {@code send} says; without a channel, alerts are only logged.
 */
public record AlertSettings(
    List<AlertChannel> channels,
    Set<Alert.Kind> send,
    Duration disconnectAfter,
    Duration perKeyInterval,
    int maxPerMinute,
    Duration checkEvery,
    int reconcileFailures) {

  public static final String TELEGRAM_API = "https://api.telegram.org";

  public AlertSettings {
    channels = List.copyOf(channels);
    send = send.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(send));
  }

  /** The generic webhook only (or none), every kind sent. */
  public AlertSettings(Optional<URI> webhookUrl, Duration disconnectAfter, Duration perKeyInterval, int maxPerMinute,
      Duration checkEvery) {
    this(webhookUrl.<List<AlertChannel>>map(u -> List.of(new AlertChannel.JsonWebhook(u))).orElse(List.of()),
        EnumSet.allOf(Alert.Kind.class), disconnectAfter, perKeyInterval, maxPerMinute, checkEvery, 3);
  }

  public static AlertSettings fromConfig(Config root) {
    Config c = root.hasPath("kis.alerts") ? root.getConfig("kis.alerts") : ConfigFactory.empty();
    List<AlertChannel> channels = new ArrayList<>();
    url(c, "webhook-url").ifPresent(u -> channels.add(new AlertChannel.JsonWebhook(u)));
    telegram(c).ifPresent(channels::add);
    url(c, "slack.webhook-url").ifPresent(u -> channels.add(new AlertChannel.Slack(u)));
    url(c, "discord.webhook-url").ifPresent(u -> channels.add(new AlertChannel.Discord(u)));
    int maxPerMinute = c.hasPath("max-per-minute") ? c.getInt("max-per-minute") : 10;
    if (maxPerMinute < 1) {
      throw new ConfigException.BadValue(c.origin(), "max-per-minute", "must be at least 1, was " + maxPerMinute);
    }
    return new AlertSettings(
        channels,
        kinds(c),
        c.hasPath("disconnect-after") ? c.getDuration("disconnect-after") : Duration.ofSeconds(30),
        c.hasPath("per-key-interval") ? c.getDuration("per-key-interval") : Duration.ofMinutes(5),
        maxPerMinute,
        c.hasPath("check-every") ? c.getDuration("check-every") : Duration.ofSeconds(2),
        c.hasPath("reconcile-failures") ? c.getInt("reconcile-failures") : 3);
  }

  /** The generic webhook's address, if one is configured. */
  public Optional<URI> webhookUrl() {
    return channels.stream().filter(ch -> ch instanceof AlertChannel.JsonWebhook)
        .map(ch -> ((AlertChannel.JsonWebhook) ch).url()).findFirst();
  }

  /**
   * The monitor these settings describe: logging every alert (logger
   * {@code kis.engine.dashboard.alerts}) and delivering the kinds in {@code send} to every channel.
   */
  public AlertMonitor monitor(Clock clock) {
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("kis.engine.dashboard.alerts");
    Optional<AlertDelivery> delivery = channels.isEmpty() ? Optional.empty()
        : Optional.of(new AlertDelivery(channels, perKeyInterval, maxPerMinute, clock));
    Consumer<Alert> sink = alert -> {
      log.warn("alert {} {}: {}", alert.kind(), alert.subject(), alert.message());
      if (send.contains(alert.kind())) {
        delivery.ifPresent(d -> d.send(alert));
      }
    };
    return new AlertMonitor(sink, disconnectAfter, reconcileFailures, clock);
  }

  private static Optional<URI> url(Config c, String key) {
    if (!c.hasPath(key) || c.getString(key).isBlank()) {
      return Optional.empty();
    }
    String v = c.getString(key).trim();
    if (!v.startsWith("http://") && !v.startsWith("https://")) {
      // The value is a credential: the message names the key, never the value.
      throw new ConfigException.BadValue(c.origin(), key, "must be an http:// or https:// URL");
    }
    try {
      return Optional.of(URI.create(v));
    } catch (IllegalArgumentException e) {
      throw new ConfigException.BadValue(c.origin(), key, "is not a valid URL");
    }
  }

  /** Telegram when a chat is named; its bot token must come with it (from the environment, say). */
  private static Optional<AlertChannel> telegram(Config c) {
    String chat = c.hasPath("telegram.chat-id") ? c.getString("telegram.chat-id").trim() : "";
    String token = c.hasPath("telegram.bot-token") ? c.getString("telegram.bot-token").trim() : "";
    if (chat.isEmpty() && token.isEmpty()) {
      return Optional.empty();
    }
    if (chat.isEmpty()) {
      throw new ConfigException.BadValue(c.origin(), "telegram.chat-id",
          "is missing: telegram.bot-token is set, so alerts need the chat to send to");
    }
    if (token.isEmpty()) {
      throw new ConfigException.BadValue(c.origin(), "telegram.bot-token",
          "is missing: telegram.chat-id is set (put the token in KIS_TRADER_TELEGRAM_BOT_TOKEN)");
    }
    URI api = url(c, "telegram.api-url").orElse(URI.create(TELEGRAM_API));
    return Optional.of(new AlertChannel.Telegram(api, token, chat));
  }

  private static Set<Alert.Kind> kinds(Config c) {
    if (!c.hasPath("send")) {
      return EnumSet.allOf(Alert.Kind.class);
    }
    Set<Alert.Kind> out = EnumSet.noneOf(Alert.Kind.class);
    for (String name : c.getStringList("send")) {
      try {
        out.add(Alert.Kind.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException.BadValue(c.origin(), "send", "'" + name + "' is not an alert kind; known: "
            + Arrays.toString(Alert.Kind.values()));
      }
    }
    return out;
  }
}
