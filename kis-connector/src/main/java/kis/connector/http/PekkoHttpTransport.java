package kis.connector.http;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.pekko.http.javadsl.ClientTransport;
import org.apache.pekko.http.javadsl.model.headers.Host;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.settings.ConnectionPoolSettings;
import org.apache.pekko.stream.Materializer;

/** {@link HttpTransport} over the Pekko HTTP host connection pool. */
public final class PekkoHttpTransport implements HttpTransport {
  // KIS's spec asks for "application/json; charset=utf-8"; Pekko's built-in application/json has a
  // fixed charset and would drop the parameter, hence an open-charset variant.
  private static final ContentType JSON_UTF8 =
      MediaTypes.applicationWithOpenCharset("json").toContentType(HttpCharsets.UTF_8);

  private final Http http;
  private final Materializer mat;
  private final String baseUrl;
  private final Optional<HttpHeader> hostHeader;
  private final ConnectionPoolSettings pool;
  private final org.apache.pekko.event.LoggingAdapter log;

  /** A pool with pekko-http's default idle timeout, a 10 s connect timeout and the JVM's default TLS trust. */
  public PekkoHttpTransport(ClassicActorSystemProvider system, String baseUrl, int maxConnections) {
    this(system, baseUrl, maxConnections, null, Duration.ofSeconds(10), null);
  }

  /**
   * @param maxConnections REST requests the caller puts on the wire at once; the pool gets
   *     {@value #SPARE_CONNECTIONS} more for the token and approval-key calls, which the caller does
   *     not count, so that no counted request ever waits in the pool's own queue
   * @param idleTimeout a connection with no byte for this long is closed, failing a stalled request
   *     on it (null: pekko-http's default)
   * @param connectTimeout a request handed over while its connection is still being made fails
   *     with {@link ConnectionNotMade} (never written) if the TCP connect and, for {@code https},
   *     the TLS handshake take longer; shorter than the callers' reply timeout, so that such a
   *     request fails before its caller gives up on it
   * @param tls the TLS trust for an {@code https} base URL (null: the JVM's default)
   */
  public PekkoHttpTransport(ClassicActorSystemProvider system, String baseUrl, int maxConnections,
      Duration idleTimeout, Duration connectTimeout, SSLContext tls) {
    this.http = Http.get(system.classicSystem());
    this.mat = Materializer.matFromSystem(system);
    this.log = system.classicSystem().log();
    URI base = URI.create(baseUrl);
    boolean https = "https".equalsIgnoreCase(base.getScheme());
    // TLS is done by the transport (see BoundedConnectTransport), so the pool speaks plain HTTP to
    // it; the Host header stays what an https client sends.
    int port = base.getPort() != -1 ? base.getPort() : https ? 443 : 80;
    this.baseUrl = "http://" + base.getHost() + ":" + port + (base.getRawPath() == null ? "" : base.getRawPath());
    this.hostHeader = https && port == 443 ? Optional.of(Host.create(base.getHost())) : Optional.empty();
    ClientTransport transport;
    try {
      transport = https ? BoundedConnectTransport.tls(tls != null ? tls : SSLContext.getDefault(), connectTimeout)
          : BoundedConnectTransport.plain(connectTimeout);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context in this JVM", e);
    }
    // The caller's queue (rate limit, wire slots, order deadlines), not the pool, is where calls
    // wait; the pool must never refuse one and, with a spare connection for every uncounted call,
    // never queue one.
    // Retries and reconnect backoff are the caller's: the pool's own would keep a request (an
    // order too) in its queue, past every deadline, while it waits to connect again.
    ConnectionPoolSettings p = ConnectionPoolSettings.create(system.classicSystem())
        .withMaxOpenRequests(1024)
        .withMaxConnections(maxConnections + SPARE_CONNECTIONS)
        .withPipeliningLimit(1)
        .withMaxRetries(0)
        .withBaseConnectionBackoff(Duration.ZERO);
    p = p.withConnectionSettings(p.getConnectionSettings().withTransport(transport).withConnectingTimeout(connectTimeout));
    if (idleTimeout != null) {
      p = p.withConnectionSettings(p.getConnectionSettings().withIdleTimeout(idleTimeout));
    }
    this.pool = p;
  }

  /** Connections beyond the caller's count: one token issuance and one approval-key call at a time. */
  static final int SPARE_CONNECTIONS = 2;

  @Override
  public CompletionStage<HttpReply> send(HttpCall call, Duration timeout) {
    return start(call, timeout).reply();
  }

  @Override
  public Sending start(HttpCall call, Duration timeout) {
    List<HttpHeader> headers = new ArrayList<>();
    call.headers().forEach((k, v) -> {
      if (!k.equalsIgnoreCase("content-type")) {
        headers.add(RawHeader.create(k, v));
      }
    });
    hostHeader.ifPresent(headers::add);
    HttpRequest req = HttpRequest.create(baseUrl + call.pathAndQuery())
        .withMethod(call.method().equals("POST") ? HttpMethods.POST : HttpMethods.GET)
        .addHeaders(headers);
    if (call.jsonBody() != null) {
      req = req.withEntity(HttpEntities.create(JSON_UTF8, org.apache.pekko.util.ByteString.fromString(call.jsonBody(), "UTF-8")));
    }
    long ms = timeout.toMillis();
    // toStrict bounds a stalled body (the pool then drops the connection); a stalled head ends only
    // with the response or the connection (idle timeout), which is when the pool's slot is free.
    CompletableFuture<HttpReply> pooled = http.singleRequest(req, http.defaultClientHttpsContext(), pool, log)
        .thenCompose(resp -> resp.entity().toStrict(ms, mat).thenApply(strict -> reply(resp, strict.getData().utf8String())))
        .toCompletableFuture();
    return new Sending(pooled.copy().orTimeout(ms, TimeUnit.MILLISECONDS), pooled.handle((r, e) -> null));
  }

  private static HttpReply reply(HttpResponse resp, String body) {
    Map<String, String> h = new HashMap<>();
    for (HttpHeader header : resp.getHeaders()) {
      h.put(header.lowercaseName(), header.value());
    }
    h.put("content-type", resp.entity().getContentType().toString().toLowerCase(Locale.ROOT));
    return new HttpReply(resp.status().intValue(), h, body);
  }

}
