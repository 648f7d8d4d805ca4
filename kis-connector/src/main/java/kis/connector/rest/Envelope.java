package kis.connector.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Optional;
import kis.connector.http.HttpReply;

/**
 * The common KIS response envelope (kis-api.md 3.2): {@code rt_cd}, {@code msg_cd}, {@code msg1},
 * the outputs, the continuation keys and the {@code tr_cont} response header.
 */
public record Envelope(int httpStatus, String rtCd, String msgCd, String msg1, String trCont, JsonNode body) {

  /** The envelope in {@code reply}, or empty when the body is not a JSON object with {@code rt_cd}. */
  public static Optional<Envelope> parse(HttpReply reply) {
    JsonNode n;
    try {
      n = KisJson.MAPPER.readTree(reply.body());
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (n == null || !n.isObject() || !n.has("rt_cd")) {
      return Optional.empty();
    }
    return Optional.of(new Envelope(
        reply.status(),
        n.path("rt_cd").asText().trim(),
        n.path("msg_cd").asText("").trim(),
        n.path("msg1").asText("").strip(),
        reply.header("tr_cont").orElse("").trim(),
        n));
  }

  public boolean success() {
    return "0".equals(rtCd);
  }

  /** {@code output}, {@code output1}, ...; a missing node when absent. */
  public JsonNode output(String name) {
    JsonNode o = body.get(name);
    return o == null ? MissingNode.getInstance() : o;
  }

  /** Response header {@code tr_cont} {@code F} or {@code M}: another page follows (kis-api.md 3.3). */
  public boolean hasMorePages() {
    return trCont.equals("F") || trCont.equals("M");
  }

  /** The continuation keys to send back verbatim (padding included). */
  public PageKeys pageKeys() {
    // chk-holiday names its keys without the width suffix (ctx_area_fk / ctx_area_nk).
    String fk = raw("ctx_area_fk100", "ctx_area_fk200", "ctx_area_fk");
    String nk = raw("ctx_area_nk100", "ctx_area_nk200", "ctx_area_nk");
    return new PageKeys(fk, nk);
  }

  private String raw(String... names) {
    for (String name : names) {
      for (String n : new String[] {name, name.toUpperCase(java.util.Locale.ROOT)}) {
        JsonNode v = body.get(n);
        if (v != null && !v.isNull()) {
          return v.asText();
        }
      }
    }
    return "";
  }

  @Override
  public String toString() {
    return "Envelope[HTTP " + httpStatus + ", rt_cd=" + rtCd + ", " + msgCd + " " + msg1 + ", tr_cont=" + trCont + "]";
  }
}
