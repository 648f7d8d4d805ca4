package kis.connector;

import kis.connector.assembly.KisConnector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import kis.connector.auth.AccessToken;
import kis.connector.auth.TokenCache;
import kis.connector.http.ConnectionNotMade;
import kis.connector.rest.OrderCashRequest;
import kis.connector.rest.OrderOutcome;
import kis.connector.rest.OrderSide;
import kis.connector.ws.KisFeedEvent;
import kis.connector.ws.KisWebSocket;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A KIS host behind TLS that accepts the TCP connection and never answers the handshake: the
 * REST call and the websocket connect fail within their connect timeouts (not at the idle
 * timeout), the sockets are closed, and an order on such a connection is NOT SENT (it cannot have
 * been written), never in doubt. A host that does answer the handshake still works.
 */
class TlsConnectDeadlineTest {
  static final KisCredentials CREDS = KisCredentials.of("APPKEY-0123456789", "APPSECRET-abcdef", "50012345-01",
      "htsuser01");
  /**
   * Long enough for the TCP connect to a loopback port on 2 loaded cores (at 600 ms it once did not
   * finish); the hosts here never answer the handshake, so the deadline itself is what ends it.
   */
  static final Duration CONNECT = Duration.ofMillis(2_000);
  static final Duration WS_CONNECT = Duration.ofMillis(2_500);
  /** The call timeouts: a failure by the connect deadline comes well before them. */
  static final Duration CALL = Duration.ofSeconds(15);

  @TempDir Path dir;
  ActorSystem<Void> system;
  SilentTcpHost silent;

  @BeforeAll
  static void warmUpTls() throws Exception {
    // The JVM's first TLS engine (provider lookup, random seeding) can take seconds on a loaded
    // machine; that is not the connect deadline under test.
    javax.net.ssl.SSLEngine e = SSLContext.getDefault().createSSLEngine("127.0.0.1", 1);
    e.setUseClientMode(true);
    e.wrap(java.nio.ByteBuffer.allocate(0), java.nio.ByteBuffer.allocate(e.getSession().getPacketBufferSize()));
  }

  @BeforeEach
  void start() throws Exception {
    system = ActorSystem.create(Behaviors.empty(), "tls-deadline-test");
    silent = new SilentTcpHost();
  }

  @AfterEach
  void stop() throws Exception {
    silent.close();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A connector on {@code rest}/{@code ws} with a cached token and approval key: no issuance call. */
  KisConnector connector(String rest, String ws, SSLContext tls) {
    return connector(rest, ws, tls, CONNECT);
  }

  KisConnector connector(String rest, String ws, SSLContext tls, Duration connect) {
    KisConfig c = KisConfig.fromConfig(ConfigFactory.parseString("kis { mode = sim, rest-url = \"" + rest
        + "\", ws-url = \"" + ws + "\", token.cache-dir = \"" + dir + "\", read-attempts = 1,"
        + " read-timeout = " + CALL.toMillis() + "ms, order-timeout = " + CALL.toMillis() + "ms, connect-timeout = " + connect.toMillis() + "ms,"
        + " connection-idle-timeout = 60s, websocket.connect-timeout = " + WS_CONNECT.toMillis() + "ms }"));
    Instant now = Instant.now();
    new TokenCache(dir, c.restUrl(), CREDS.appKey()).store(new TokenCache.Entry(
        new AccessToken(Secret.of("tok-1"), now.plus(Duration.ofDays(1))), now, Secret.of("approval-1"), now));
    return KisConnector.create(system, c, CREDS, Clock.system(KisConnector.KST), tls);
  }

  static OrderCashRequest buy() {
    return new OrderCashRequest(OrderSide.BUY, "005930", "00", 1, 70_000, "KRX");
  }

  static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  static Throwable failureOf(CompletionStage<?> stage) throws Exception {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> stage.toCompletableFuture().get(20, TimeUnit.SECONDS));
    return e.getCause();
  }

  static boolean causedBy(Throwable t, Class<?> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aReadToAnHttpsHostThatNeverAnswersTheHandshakeFailsWithinTheConnectTimeout() throws Exception {
    KisConnector kis = connector("https://127.0.0.1:" + silent.port(), "wss://127.0.0.1:" + silent.port(), null);
    long start = System.nanoTime();
    Throwable failure = failureOf(kis.rest().inquirePrice("005930"));
    long took = millisSince(start);

    assertInstanceOf(KisTransportException.class, failure);
    assertTrue(causedBy(failure, ConnectionNotMade.class), "the connection was never made: " + failure);
    assertTrue(failure.getCause().getMessage().contains("not made within " + CONNECT.toMillis()
        + " ms (TLS handshake not finished)"), failure.getCause().getMessage());
    assertTrue(took >= CONNECT.toMillis() - 50 && took < CALL.toMillis(),
        "failed after " + took + " ms, connect timeout " + CONNECT.toMillis() + " ms");
    assertTrue(silent.bytesIn() > 0, "the client began the handshake");
    silent.awaitClientClosedAll(Duration.ofSeconds(5));
  }

  @Test
  void anOrderOnAConnectionWhoseHandshakeNeverFinishesIsNotSentRatherThanInDoubt() throws Exception {
    KisConnector kis = connector("https://127.0.0.1:" + silent.port(), "wss://127.0.0.1:" + silent.port(), null);
    long start = System.nanoTime();
    OrderOutcome o = kis.rest().orderCash(buy()).toCompletableFuture().get(20, TimeUnit.SECONDS);
    long took = millisSince(start);

    OrderOutcome.NotSent notSent = assertInstanceOf(OrderOutcome.NotSent.class, o);
    assertEquals(OrderOutcome.NotSent.CODE, notSent.code());
    assertTrue(notSent.reason().contains("TLS handshake not finished"), notSent.reason());
    assertTrue(took < CALL.toMillis(), "answered after " + took + " ms, before the order timeout");
    assertEquals(1, kis.rest().stats().ordersNotSent());
    assertEquals(0, kis.rest().stats().inDoubt());
    silent.awaitClientClosedAll(Duration.ofSeconds(5));
  }

  @Test
  void aWssConnectToAHostThatNeverAnswersTheHandshakeEndsWithinTheWebsocketConnectTimeout() throws Exception {
    KisConnector kis = connector("https://127.0.0.1:" + silent.port(), "wss://127.0.0.1:" + silent.port(), null);
    long start = System.nanoTime();
    KisWebSocket ws = kis.openWebSocket().toCompletableFuture().get(10, TimeUnit.SECONDS);
    List<KisFeedEvent> events = ws.events().runWith(Sink.seq(), system).toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    long took = millisSince(start);

    assertEquals(1, events.size(), events.toString());
    assertInstanceOf(KisFeedEvent.Disconnected.class, events.get(0));
    assertTrue(ws.connectedStage().toCompletableFuture().isCompletedExceptionally());
    assertTrue(took >= WS_CONNECT.toMillis() - 50 && took < CALL.toMillis(), "ended after " + took + " ms");
    silent.awaitClientClosedAll(Duration.ofSeconds(5));
  }

  @Test
  void anOrderToAHostThatRefusesTheConnectionIsNotSent() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    KisConnector kis = connector("http://127.0.0.1:" + closedPort, "ws://127.0.0.1:" + closedPort, null);
    OrderOutcome o = kis.rest().orderCash(buy()).toCompletableFuture().get(20, TimeUnit.SECONDS);
    OrderOutcome.NotSent notSent = assertInstanceOf(OrderOutcome.NotSent.class, o);
    assertTrue(notSent.reason().contains("ConnectionNotMade"), notSent.reason());
    assertEquals(0, kis.rest().stats().inDoubt());
  }

  @Test
  void aHostThatAnswersTheHandshakeIsReachedOverTlsWithItsHostHeader() throws Exception {
    List<String> hosts = new CopyOnWriteArrayList<>();
    org.apache.pekko.japi.function.Function<HttpRequest, CompletionStage<HttpResponse>> handler = req -> {
      hosts.add(req.getHeader("Host").map(h -> h.value()).orElse(""));
      return CompletableFuture.completedFuture(HttpResponse.create().withEntity(
          HttpEntities.create(ContentTypes.APPLICATION_JSON, StallingKisHost.ACCEPTED)));
    };
    ServerBinding binding = Http.get(system).newServerAt("127.0.0.1", 0)
        .enableHttps(ConnectionContext.httpsServer(LoopbackTls.server())).bind(handler)
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    try {
      int port = binding.localAddress().getPort();
      // A real handshake, not the deadline, is under test here: give it the call's whole time.
      KisConnector kis = connector("https://127.0.0.1:" + port, "wss://127.0.0.1:" + port, LoopbackTls.trust(),
          CALL.multipliedBy(3).dividedBy(4));
      OrderOutcome o = kis.rest().orderCash(buy()).toCompletableFuture().get(20, TimeUnit.SECONDS);
      assertInstanceOf(OrderOutcome.Accepted.class, o);
      assertEquals(List.of("127.0.0.1:" + port), hosts);
    } finally {
      binding.terminate(Duration.ofMillis(500)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aCertificateTheClientDoesNotTrustMakesNoConnectionAndTheOrderIsNotSent() throws Exception {
    List<String> hosts = new CopyOnWriteArrayList<>();
    org.apache.pekko.japi.function.Function<HttpRequest, CompletionStage<HttpResponse>> handler = req -> {
      hosts.add(req.getUri().path());
      return CompletableFuture.completedFuture(HttpResponse.create());
    };
    ServerBinding binding = Http.get(system).newServerAt("127.0.0.1", 0)
        .enableHttps(ConnectionContext.httpsServer(LoopbackTls.server())).bind(handler)
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    try {
      int port = binding.localAddress().getPort();
      // The JVM's default trust does not know the self-signed loopback certificate.
      KisConnector kis = connector("https://127.0.0.1:" + port, "wss://127.0.0.1:" + port, null);
      OrderOutcome o = kis.rest().orderCash(buy()).toCompletableFuture().get(20, TimeUnit.SECONDS);
      assertInstanceOf(OrderOutcome.NotSent.class, o);
      assertEquals(List.of(), hosts, "no request reached the host");
    } finally {
      binding.terminate(Duration.ofMillis(500)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }
}
