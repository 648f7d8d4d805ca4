package kis.connector.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import kis.connector.KisApiException;
import kis.connector.KisCredentials;
import kis.connector.KisTransportException;
import kis.connector.Secret;
import kis.connector.http.HttpCall;
import kis.connector.http.HttpReply;
import kis.connector.http.HttpTransport;

/** {@link TokenIssuer} over {@code /oauth2/tokenP} and {@code /oauth2/Approval} (kis-api.md 2.1, 2.3). */
public final class HttpTokenIssuer implements TokenIssuer {
  static final ZoneId KST = ZoneId.of("Asia/Seoul");
  private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpTransport transport;
  private final KisCredentials credentials;
  private final Clock clock;
  private final Duration timeout;

  public HttpTokenIssuer(HttpTransport transport, KisCredentials credentials, Clock clock, Duration timeout) {
    this.transport = transport;
    this.credentials = credentials;
    this.clock = clock;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<AccessToken> issueAccessToken() {
    ObjectNode body = JSON.createObjectNode()
        .put("grant_type", "client_credentials")
        .put("appkey", credentials.appKey().reveal())
        .put("appsecret", credentials.appSecret().reveal());
    return post("/oauth2/tokenP", body).thenApply(reply -> {
      JsonNode json = parse(reply, "token issuance");
      String token = json.path("access_token").asText("");
      if (reply.status() != 200 || token.isEmpty()) {
        throw refusal("token issuance", reply.status(), json);
      }
      return new AccessToken(Secret.of(token), expiry(json));
    });
  }

  @Override
  public CompletionStage<Secret> issueApprovalKey() {
    // The approval endpoint names the app secret "secretkey" (kis-api.md 2.3).
    ObjectNode body = JSON.createObjectNode()
        .put("grant_type", "client_credentials")
        .put("appkey", credentials.appKey().reveal())
        .put("secretkey", credentials.appSecret().reveal());
    return post("/oauth2/Approval", body).thenApply(reply -> {
      JsonNode json = parse(reply, "approval key issuance");
      String key = json.path("approval_key").asText("");
      if (reply.status() != 200 || key.isEmpty()) {
        throw refusal("approval key issuance", reply.status(), json);
      }
      return Secret.of(key);
    });
  }

  private CompletionStage<HttpReply> post(String path, ObjectNode body) {
    HttpCall call = new HttpCall("POST", path, Map.of("content-type", "application/json; charset=utf-8"), body.toString());
    return transport.send(call, timeout);
  }

  private Instant expiry(JsonNode json) {
    String text = json.path("access_token_token_expired").asText("");
    if (!text.isBlank()) {
      try {
        return LocalDateTime.parse(text.trim(), EXPIRY).atZone(KST).toInstant();
      } catch (DateTimeParseException e) {
        // fall through to expires_in
      }
    }
    long seconds = json.path("expires_in").asLong(0);
    if (seconds <= 0) {
      throw new KisTransportException("token issuance: response has neither a readable expiry nor expires_in");
    }
    return clock.instant().plusSeconds(seconds);
  }

  private static JsonNode parse(HttpReply reply, String what) {
    try {
      JsonNode n = JSON.readTree(reply.body());
      if (n == null || !n.isObject()) {
        throw new KisTransportException(what + ": HTTP " + reply.status() + " without a JSON object body");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new KisTransportException(what + ": HTTP " + reply.status() + " with an unreadable body");
    }
  }

  private static KisApiException refusal(String what, int status, JsonNode json) {
    // The token endpoint answers errors with error_code/error_description; other endpoints with
    // msg_cd/msg1. Accept both.
    String code = json.path("error_code").asText(json.path("msg_cd").asText("?"));
    String msg = json.path("error_description").asText(json.path("msg1").asText(""));
    return new KisApiException(what, status, code, msg);
  }
}
