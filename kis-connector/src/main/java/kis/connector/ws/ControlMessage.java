package kis.connector.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * A JSON text frame from KIS (kis-api.md 5.3, 5.4): a {@code PINGPONG} heartbeat or a reply to a
 * subscribe/unsubscribe.
 */
sealed interface ControlMessage {
  ObjectMapper JSON = new ObjectMapper();

  record PingPong(String datetime) implements ControlMessage {}

  /**
   * @param key AES key from {@code output.key}, present on successful subscribe acks
   */
  record Ack(String trId, String trKey, String rtCd, String msgCd, String msg1, Optional<AesKey> key)
      implements ControlMessage {
    boolean success() {
      return "0".equals(rtCd) || "ALREADY IN SUBSCRIBE".equals(msg1);
    }

    /** Unsubscribe acks are recognised by their message, as the official client does. */
    boolean unsubscribe() {
      return msg1.toUpperCase(java.util.Locale.ROOT).startsWith("UNSUB");
    }
  }

  static ControlMessage parse(String text) throws MalformedFrameException {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new MalformedFrameException("control frame is not JSON");
    }
    if (n == null || !n.isObject() || !n.path("header").isObject()) {
      throw new MalformedFrameException("control frame without a header");
    }
    JsonNode header = n.get("header");
    String trId = header.path("tr_id").asText("");
    if (trId.equals("PINGPONG")) {
      return new PingPong(header.path("datetime").asText(""));
    }
    JsonNode body = n.path("body");
    if (!body.has("rt_cd") && !body.has("msg_cd")) {
      throw new MalformedFrameException("control frame for " + trId + " without rt_cd");
    }
    Optional<AesKey> key = Optional.empty();
    JsonNode out = body.path("output");
    if (out.hasNonNull("key") && out.hasNonNull("iv")) {
      try {
        key = Optional.of(new AesKey(out.get("key").asText(), out.get("iv").asText()));
      } catch (IllegalArgumentException e) {
        throw new MalformedFrameException("ack for " + trId + " carries a key/iv of the wrong length");
      }
    }
    return new Ack(trId, header.path("tr_key").asText(""), body.path("rt_cd").asText("").trim(),
        body.path("msg_cd").asText("").trim(), body.path("msg1").asText("").trim(), key);
  }
}
