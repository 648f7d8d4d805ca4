package kis.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * {@code /oauth2/tokenP}, {@code /oauth2/revokeP}, {@code /oauth2/Approval} and
 * {@code /uapi/hashkey} (shared/kis-api.md §2). Their errors use KIS's OAuth shape
 * ({@code error_code}/{@code error_description}, HTTP 403), not the TR envelope.
 */
final class OAuthEndpoints {
  private final SimCredentials creds;
  private final TokenAuthority tokens;

  OAuthEndpoints(SimCredentials creds, TokenAuthority tokens) {
    this.creds = creds;
    this.tokens = tokens;
  }

  private static HttpResponse oauthError(String code, String description) {
    ObjectNode n = Json.object();
    n.put("error_description", description);
    n.put("error_code", code);
    return RestApi.json(403, n, Map.of());
  }

  /** The app key / secret of a token, approval or hashkey call; null when they match ours. */
  private HttpResponse checkAppCredentials(String appKey, String appSecret) {
    if (appKey.isBlank()) {
      return oauthError("EGW00102", "AppKey는 필수입니다.");
    }
    if (!appKey.equals(creds.appKey())) {
      return oauthError("EGW00103", "유효하지 않은 AppKey입니다.");
    }
    if (appSecret.isBlank()) {
      return oauthError("EGW00104", "AppSecret은 필수입니다.");
    }
    if (!appSecret.equals(creds.appSecret())) {
      return oauthError("EGW00105", "유효하지 않은 AppSecret입니다.");
    }
    return null;
  }

  HttpResponse tokenP(RestCall c) {
    if (c.body() == null) {
      return oauthError("EGW00101", "유효하지 않은 요청입니다.");
    }
    String grant = Json.text(c.body(), "grant_type");
    if (grant.isBlank()) {
      return oauthError("EGW00115", "grant_type은 필수입니다.");
    }
    if (!grant.equals("client_credentials")) {
      return oauthError("EGW00116", "유효하지 않은 grant_type입니다.");
    }
    HttpResponse bad = checkAppCredentials(Json.text(c.body(), "appkey"), Json.text(c.body(), "appsecret"));
    if (bad != null) {
      return bad;
    }
    TokenAuthority.Issue issue = tokens.issue();
    if (issue instanceof TokenAuthority.TooSoon) {
      return oauthError("EGW00133", "접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)");
    }
    TokenAuthority.Token t = ((TokenAuthority.Issued) issue).token();
    ObjectNode n = Json.object();
    n.put("access_token", t.value());
    n.put("access_token_token_expired", TokenAuthority.EXPIRY.format(t.expiresAt()));
    n.put("token_type", "Bearer");
    n.put("expires_in", Math.max(0, Duration.between(Instant.now(), t.expiresAt()).getSeconds()));
    return RestApi.json(200, n, Map.of());
  }

  HttpResponse revokeP(RestCall c) {
    if (c.body() == null) {
      return oauthError("EGW00101", "유효하지 않은 요청입니다.");
    }
    HttpResponse bad = checkAppCredentials(Json.text(c.body(), "appkey"), Json.text(c.body(), "appsecret"));
    if (bad != null) {
      return bad;
    }
    ObjectNode n = Json.object();
    if (tokens.revoke(Json.text(c.body(), "token"))) {
      n.put("code", "200");
      n.put("message", "접근토큰이 폐기되었습니다.");
      return RestApi.json(200, n, Map.of());
    }
    return oauthError("EGW00121", "유효하지 않은 token 입니다.");
  }

  HttpResponse approval(RestCall c) {
    if (c.body() == null) {
      return oauthError("EGW00101", "유효하지 않은 요청입니다.");
    }
    if (!"client_credentials".equals(Json.text(c.body(), "grant_type"))) {
      return oauthError("EGW00116", "유효하지 않은 grant_type입니다.");
    }
    HttpResponse bad = checkAppCredentials(Json.text(c.body(), "appkey"), Json.text(c.body(), "secretkey"));
    if (bad != null) {
      return bad;
    }
    ObjectNode n = Json.object();
    n.put("approval_key", tokens.approvalKey());
    return RestApi.json(200, n, Map.of());
  }

  HttpResponse hashkey(RestCall c) {
    HttpResponse bad = checkAppCredentials(c.header("appkey"), c.header("appsecret"));
    if (bad != null) {
      return bad;
    }
    if (c.body() == null) {
      return RestApi.json(200, RestReply.envelope("1", "OPSQ9997", "JSON PARSING ERROR : invalid json format"), Map.of());
    }
    ObjectNode n = Json.object();
    n.set("JsonBody", c.body());
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(c.rawBody().getBytes(StandardCharsets.UTF_8));
      n.put("HASH", HexFormat.of().formatHex(d));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return RestApi.json(200, n, Map.of());
  }
}
