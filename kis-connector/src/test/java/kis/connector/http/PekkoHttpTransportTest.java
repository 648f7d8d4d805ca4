package kis.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wire shape of requests, checked by a recording server on loopback. */
class PekkoHttpTransportTest {
  record Seen(String method, String uri, Map<String, String> headers, String body) {}

  static ActorSystem<Void> system;
  static ServerBinding binding;
  static final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() throws Exception {
    system = ActorSystem.create(Behaviors.empty(), "transport-test");
    Materializer mat = Materializer.matFromSystem(system);
    org.apache.pekko.japi.function.Function<HttpRequest, java.util.concurrent.CompletionStage<HttpResponse>> handler =
        req -> req.entity().toStrict(3000, mat).thenCompose(strict -> {
          Map<String, String> h = new HashMap<>();
          for (HttpHeader header : req.getHeaders()) {
            h.put(header.lowercaseName(), header.value());
          }
          if (!strict.getContentType().toString().equals("none/none")) {
            h.put("content-type", strict.getContentType().toString());
          }
          seen.add(new Seen(req.method().value(), req.getUri().toString(), h, strict.getData().utf8String()));
          if (req.getUri().path().equals("/slow")) {
            return new CompletableFuture<HttpResponse>();  // never answers
          }
          return CompletableFuture.completedFuture(HttpResponse.create()
              .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, "{\"rt_cd\":\"0\"}"))
              .addHeader(RawHeader.create("tr_cont", "M")));
        });
    binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(handler).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    binding.terminate(Duration.ofMillis(500)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The next request the server saw for {@code path}, skipping others (tests share the server). */
  static Seen seenAt(String path) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      Seen s = seen.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (s == null) {
        throw new AssertionError("server saw no request for " + path);
      }
      if (s.uri().contains(path)) {
        return s;
      }
    }
  }

  PekkoHttpTransport transport() {
    return new PekkoHttpTransport(system, "http://127.0.0.1:" + binding.localAddress().getPort(), 4);
  }

  static Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("content-type", "application/json; charset=utf-8");
    h.put("appkey", "k");
    h.put("tr_id", "VTTC0012U");
    h.put("tr_cont", "");
    h.put("custtype", "P");
    return h;
  }

  @Test
  void postCarriesKisHeadersAndAUtf8JsonBody() throws Exception {
    HttpReply r = transport().send(new HttpCall("POST", "/uapi/x", headers(), "{\"PDNO\":\"005930\",\"이름\":\"삼성\"}"),
        Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertEquals(200, r.status());
    assertEquals("M", r.header("tr_cont").orElseThrow());
    Seen s = seenAt("/uapi/x");
    assertEquals("POST", s.method());
    assertTrue(s.headers().get("content-type").startsWith("application/json"), s.headers().toString());
    assertEquals("VTTC0012U", s.headers().get("tr_id"));
    assertEquals("P", s.headers().get("custtype"));
    assertEquals("", s.headers().get("tr_cont"), "an empty tr_cont is sent on a first page");
    assertEquals("{\"PDNO\":\"005930\",\"이름\":\"삼성\"}", s.body());
  }

  @Test
  void theContentTypeOnTheWireNamesTheCharsetAsKisAsks() throws Exception {
    // A raw socket, because an HTTP server library would normalise the header before we see it.
    try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> head = CompletableFuture.supplyAsync(() -> {
        try (java.net.Socket s = server.accept()) {
          s.setSoTimeout(5000);
          java.io.InputStream in = s.getInputStream();
          StringBuilder sb = new StringBuilder();
          while (!sb.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
              break;
            }
            sb.append((char) c);
          }
          s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\n"
              + "Connection: close\r\n\r\n{\"rt_cd\":\"0\"}").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          return sb.toString();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      new PekkoHttpTransport(system, "http://127.0.0.1:" + server.getLocalPort(), 1)
          .send(new HttpCall("POST", "/uapi/x", headers(), "{}"), Duration.ofSeconds(5))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      String h = head.get(10, TimeUnit.SECONDS).toLowerCase(java.util.Locale.ROOT);
      assertTrue(h.contains("content-type: application/json; charset=utf-8\r\n"), h);
      assertTrue(h.contains("tr_id: vttc0012u\r\n"), h);
    }
  }

  @Test
  void getSendsTheQueryAndHeaders() throws Exception {
    transport().send(new HttpCall("GET", "/uapi/q?FID_INPUT_ISCD=005930&CTX_AREA_FK100=a%20%20", headers(), null),
        Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    Seen s = seenAt("/uapi/q");
    assertEquals("GET", s.method());
    assertTrue(s.uri().endsWith("/uapi/q?FID_INPUT_ISCD=005930&CTX_AREA_FK100=a%20%20"), s.uri());
    assertEquals("k", s.headers().get("appkey"));
  }

  @Test
  void noAnswerWithinTheTimeoutFailsWithTimeout() {
    ExecutionException e = assertThrows(ExecutionException.class, () -> transport()
        .send(new HttpCall("GET", "/slow", headers(), null), Duration.ofMillis(300))
        .toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertInstanceOf(TimeoutException.class, e.getCause());
  }
}
