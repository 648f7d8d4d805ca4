package kis.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** A JDK websocket client that queues every text frame it receives, for assertions with timeouts. */
final class WsProbe implements WebSocket.Listener, AutoCloseable {
  final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
  /** Every frame ever received, including those {@link #next} skipped. */
  final java.util.List<String> all = new java.util.concurrent.CopyOnWriteArrayList<>();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  final WebSocket ws;

  WsProbe(String url) {
    this.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
        .buildAsync(URI.create(url), this).orTimeout(10, TimeUnit.SECONDS).join();
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      frames.add(partial.toString());
      all.add(partial.toString());
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete(-1);
  }

  void send(String text) {
    ws.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
  }

  void subscribe(String approvalKey, String trType, String trId, String trKey) {
    send(WireClient.write(Map.of(
        "header", Map.of("approval_key", approvalKey, "custtype", "P", "tr_type", trType, "content-type", "utf-8"),
        "body", Map.of("input", Map.of("tr_id", trId, "tr_key", trKey)))));
  }

  /** The next frame matching {@code p} within {@code timeout}, skipping others; null if none. */
  String next(Predicate<String> p, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      String f = frames.poll(left, TimeUnit.NANOSECONDS);
      if (f != null && p.test(f)) {
        return f;
      }
    }
  }

  JsonNode nextJson(Predicate<String> p) throws Exception {
    String f = next(s -> s.startsWith("{") && p.test(s), Duration.ofSeconds(5));
    if (f == null) {
      throw new AssertionError("no matching control frame within 5 s");
    }
    return WireClient.M.readTree(f);
  }

  /** Subscribes and returns the ack. */
  JsonNode subscribeAck(String approvalKey, String trId, String trKey) throws Exception {
    subscribe(approvalKey, "1", trId, trKey);
    return nextJson(s -> s.contains("\"tr_id\":\"" + trId + "\"") && s.contains("\"body\""));
  }

  static String decrypt(String b64, String key, String iv) throws Exception {
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "AES"),
        new IvParameterSpec(iv.getBytes(StandardCharsets.US_ASCII)));
    return new String(c.doFinal(Base64.getDecoder().decode(b64)), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).join();
    } catch (RuntimeException ignored) {
      ws.abort();
    }
  }

  static ByteBuffer utf8(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }
}
