package kis.connector.http;

import java.time.Duration;
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
  private final ConnectionPoolSettings pool;
  private final org.apache.pekko.event.LoggingAdapter log;

  /** A pool with pekko-http's default connection timeouts. */
  public PekkoHttpTransport(ClassicActorSystemProvider system, String baseUrl, int maxConnections) {
    this(system, baseUrl, maxConnections, null, null);
  }

  /**
   * @param maxConnections REST requests the caller puts on the wire at once; the pool gets
   *     {@value #SPARE_CONNECTIONS} more for the token and approval-key calls, which the caller does
   *     not count, so that no counted request ever waits in the pool's own queue
   * @param idleTimeout a connection with no byte for this long is closed, failing a stalled request
   *     on it (null: pekko-http's default)
   * @param connectingTimeout a request handed over while its connection is still being opened
   *     fails if the TCP connect takes longer; no longer than the callers' reply timeout, so a
   *     request is never written after its caller was told it is in doubt (null: pekko-http's default)
   */
  public PekkoHttpTransport(ClassicActorSystemProvider system, String baseUrl, int maxConnections,
      Duration idleTimeout, Duration connectingTimeout) {
    this.http = Http.get(system.classicSystem());
    this.mat = Materializer.matFromSystem(system);
    this.baseUrl = baseUrl;
    this.log = system.classicSystem().log();
    // The caller's queue (rate limit, wire slots, order deadlines), not the pool, is where calls
    // wait; the pool must never refuse one and, with a spare connection for every uncounted call,
    // never queue one.
    ConnectionPoolSettings p = ConnectionPoolSettings.create(system.classicSystem())
        .withMaxOpenRequests(1024)
        .withMaxConnections(maxConnections + SPARE_CONNECTIONS)
        .withPipeliningLimit(1);
    if (idleTimeout != null) {
      p = p.withConnectionSettings(p.getConnectionSettings().withIdleTimeout(idleTimeout));
    }
    if (connectingTimeout != null) {
      p = p.withConnectionSettings(p.getConnectionSettings().withConnectingTimeout(connectingTimeout));
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
