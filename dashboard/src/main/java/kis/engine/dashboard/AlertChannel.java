package kis.engine.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * Where an alert is delivered, and in the shape that service takes: the generic JSON webhook, a
 * Telegram chat through the Bot API's {@code sendMessage}, a Slack or a Discord incoming webhook.
 * Every channel's address carries a credential (Telegram's bot token is part of its path; Slack's
 * and Discord's webhook URLs are their own secrets), so a channel is named in logs by
 * {@link #name()} only, never by its URL.
 */
public sealed interface AlertChannel {
  Duration TIMEOUT = Duration.ofSeconds(10);

  /** What logs call this channel (no credential in it). */
  String name();

  /** The HTTP request that delivers {@code alert}. */
  HttpRequest request(Alert alert);

  /** The alert as the record it is ({@code kind}, {@code subject}, {@code message}, {@code at}, {@code suppressed}). */
  record JsonWebhook(URI url) implements AlertChannel {
    @Override
    public String name() {
      return "webhook";
    }

    @Override
    public HttpRequest request(Alert alert) {
      return post(url, Json.write(alert));
    }
  }

  /**
   * Telegram's Bot API: {@code POST <api>/bot<token>/sendMessage} with the chat and the text.
   *
   * @param api {@code https://api.telegram.org}, or a local fake in tests
   */
  record Telegram(URI api, String botToken, String chatId) implements AlertChannel {
    public Telegram {
      if (botToken == null || botToken.isBlank() || chatId == null || chatId.isBlank()) {
        throw new IllegalArgumentException("kis.alerts.telegram needs both bot-token and chat-id");
      }
    }

    @Override
    public String name() {
      return "telegram";
    }

    @Override
    public HttpRequest request(Alert alert) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.put("chat_id", chatId);
      body.put("text", AlertText.of(alert));
      body.put("disable_web_page_preview", true);
      String base = api.toString().replaceAll("/+$", "");
      return post(URI.create(base + "/bot" + botToken + "/sendMessage"), body.toString());
    }

    @Override
    public String toString() {
      return "Telegram[api=" + api + ", chatId=" + chatId + ", botToken=<redacted>]";
    }
  }

  /** A Slack incoming webhook: {@code {"text": ...}}. */
  record Slack(URI webhookUrl) implements AlertChannel {
    @Override
    public String name() {
      return "slack";
    }

    @Override
    public HttpRequest request(Alert alert) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.put("text", AlertText.of(alert));
      return post(webhookUrl, body.toString());
    }

    @Override
    public String toString() {
      return "Slack[webhookUrl=<redacted>]";
    }
  }

  /** A Discord incoming webhook: {@code {"content": ...}} (Discord cuts content at 2,000 characters). */
  record Discord(URI webhookUrl) implements AlertChannel {
    static final int MAX_CONTENT = 2000;

    @Override
    public String name() {
      return "discord";
    }

    @Override
    public HttpRequest request(Alert alert) {
      String text = AlertText.of(alert);
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.put("content", text.length() <= MAX_CONTENT ? text : text.substring(0, MAX_CONTENT - 1) + "…");
      return post(webhookUrl, body.toString());
    }

    @Override
    public String toString() {
      return "Discord[webhookUrl=<redacted>]";
    }
  }

  private static HttpRequest post(URI url, String json) {
    return HttpRequest.newBuilder(url)
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }
}
