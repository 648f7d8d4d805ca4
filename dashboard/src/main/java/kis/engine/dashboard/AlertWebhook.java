package kis.engine.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts {@link Alert}s as JSON to a configured URL, rate-limited so that a storm (a flapping
 * websocket, a hundred agents parked by the kill switch) does not flood the receiver: at most one
 * alert per key ({@code kind|subject}) per {@code perKeyInterval}, and at most {@code maxPerMinute}
 * alerts in any rolling minute overall. Dropped alerts are counted and the count rides on the next
 * alert of the same key. Delivery is best effort (one try, logged on failure): an alert must never
 * block or fail the engine.
 */
public final class AlertWebhook {
  private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final URI url;
  private final Duration perKeyInterval;
  private final int maxPerMinute;
  private final Clock clock;
  private final HttpClient http;
  private final Map<String, Instant> lastSentByKey = new HashMap<>();
  private final Map<String, Integer> suppressedByKey = new HashMap<>();
  private final Deque<Instant> sentLastMinute = new ArrayDeque<>();

  public AlertWebhook(URI url, Duration perKeyInterval, int maxPerMinute, Clock clock) {
    this.url = url;
    this.perKeyInterval = perKeyInterval;
    this.maxPerMinute = maxPerMinute;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * Sends the alert unless the rate limit drops it.
   *
   * @return the delivery (completes with the HTTP status, or -1 when delivery failed), or empty
   *     when the alert was dropped by the rate limit
   */
  public java.util.Optional<CompletableFuture<Integer>> send(Alert alert) {
    Alert toSend = admit(alert);
    if (toSend == null) {
      return java.util.Optional.empty();
    }
    HttpRequest req = HttpRequest.newBuilder(url)
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(toSend)))
        .build();
    CompletableFuture<Integer> delivered = http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
        .thenApply(HttpResponse::statusCode)
        .exceptionally(e -> {
          LOG.warn("alert webhook delivery failed for {} {}: {}", toSend.kind(), toSend.subject(), e.toString());
          return -1;
        });
    return java.util.Optional.of(delivered);
  }

  /** The alert to send (with its suppressed count), or null when the rate limit drops it. */
  private synchronized Alert admit(Alert alert) {
    Instant now = clock.instant();
    while (!sentLastMinute.isEmpty() && !sentLastMinute.peekFirst().isAfter(now.minus(MINUTE))) {
      sentLastMinute.removeFirst();
    }
    String key = alert.key();
    Instant last = lastSentByKey.get(key);
    boolean keyTooSoon = last != null && now.isBefore(last.plus(perKeyInterval));
    if (keyTooSoon || sentLastMinute.size() >= maxPerMinute) {
      suppressedByKey.merge(key, 1, Integer::sum);
      LOG.debug("alert {} dropped by the rate limit", key);
      return null;
    }
    lastSentByKey.put(key, now);
    sentLastMinute.addLast(now);
    Integer dropped = suppressedByKey.remove(key);
    return alert.withSuppressed(dropped == null ? 0 : dropped);
  }
}
