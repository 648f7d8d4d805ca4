package kis.engine.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link Alert}s to every configured {@link AlertChannel} (the JSON webhook, Telegram,
 * Slack, Discord), rate-limited so that a storm (a flapping
 * websocket, a hundred agents parked by the kill switch) does not flood the receiver: at most one
 * alert per key ({@code kind|subject}) per {@code perKeyInterval}, and at most {@code maxPerMinute}
 * warnings in any rolling minute, and as many news alerts (fills, the close, protective fires),
 * counted apart so that a busy trading minute never silences a disconnect or the kill switch. Dropped alerts are counted and the count rides on the next
 * alert of the same key. Delivery is best effort (one try, logged on failure): an alert must never
 * block or fail the engine.
 */
public final class AlertDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(AlertDelivery.class);
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final List<AlertChannel> channels;
  private final Duration perKeyInterval;
  private final int maxPerMinute;
  private final Clock clock;
  private final HttpClient http;
  private final Map<String, Instant> lastSentByKey = new HashMap<>();
  private final Map<String, Integer> suppressedByKey = new HashMap<>();
  /** Per class: news (fills, the close, protective fires) never uses up the budget of a warning. */
  private final Map<Boolean, Deque<Instant>> sentLastMinute = Map.of(true, new ArrayDeque<>(), false, new ArrayDeque<>());

  /** Posting the generic JSON to {@code url} only. */
  public AlertDelivery(URI url, Duration perKeyInterval, int maxPerMinute, Clock clock) {
    this(List.of(new AlertChannel.JsonWebhook(url)), perKeyInterval, maxPerMinute, clock);
  }

  public AlertDelivery(List<AlertChannel> channels, Duration perKeyInterval, int maxPerMinute, Clock clock) {
    this.channels = List.copyOf(channels);
    this.perKeyInterval = perKeyInterval;
    this.maxPerMinute = maxPerMinute;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * Sends the alert to every channel unless the rate limit drops it.
   *
   * @return the deliveries, one HTTP status per channel in the configured order (-1 for a channel
   *     whose delivery failed), or empty when the alert was dropped by the rate limit
   */
  public Optional<CompletableFuture<List<Integer>>> send(Alert alert) {
    Alert toSend = admit(alert);
    if (toSend == null) {
      return Optional.empty();
    }
    List<CompletableFuture<Integer>> each = channels.stream().map(c -> deliver(c, toSend)).toList();
    return Optional.of(CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(done -> each.stream().map(CompletableFuture::join).toList()));
  }

  private CompletableFuture<Integer> deliver(AlertChannel channel, Alert alert) {
    // Named by channel, never by URL: every channel's address carries its credential.
    return http.sendAsync(channel.request(alert), HttpResponse.BodyHandlers.discarding())
        .thenApply(r -> {
          if (r.statusCode() >= 300) {
            LOG.warn("alert {} {} refused by {}: HTTP {}", alert.kind(), alert.subject(), channel.name(), r.statusCode());
          }
          return r.statusCode();
        })
        .exceptionally(e -> {
          LOG.warn("alert {} {} not delivered to {}: {}", alert.kind(), alert.subject(), channel.name(),
              e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName());
          return -1;
        });
  }

  /** The alert to send (with its suppressed count), or null when the rate limit drops it. */
  private synchronized Alert admit(Alert alert) {
    Instant now = clock.instant();
    Deque<Instant> sent = sentLastMinute.get(alert.kind().isNews());
    while (!sent.isEmpty() && !sent.peekFirst().isAfter(now.minus(MINUTE))) {
      sent.removeFirst();
    }
    String key = alert.key();
    Instant last = lastSentByKey.get(key);
    boolean keyTooSoon = last != null && now.isBefore(last.plus(perKeyInterval));
    if (keyTooSoon || sent.size() >= maxPerMinute) {
      suppressedByKey.merge(key, 1, Integer::sum);
      LOG.debug("alert {} dropped by the rate limit", key);
      return null;
    }
    lastSentByKey.put(key, now);
    sent.addLast(now);
    Integer dropped = suppressedByKey.remove(key);
    return alert.withSuppressed(dropped == null ? 0 : dropped);
  }
}
