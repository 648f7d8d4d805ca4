package kis.connector.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  public PekkoHttpTransport(ClassicActorSystemProvider system, String baseUrl, int maxConnections) {
    this.http = Http.get(system.classicSystem());
    this.mat = Materializer.matFromSystem(system);
    this.baseUrl = baseUrl;
    this.log = system.classicSystem().log();
    // The rate limiter, not the pool, is what queues calls; the pool must never refuse one.
    this.pool = ConnectionPoolSettings.create(system.classicSystem())
        .withMaxOpenRequests(1024)
        .withMaxConnections(maxConnections);
  }

  @Override
  public CompletionStage<HttpReply> send(HttpCall call, Duration timeout) {
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
    return http.singleRequest(req, http.defaultClientHttpsContext(), pool, log)
        .thenCompose(resp -> resp.entity().toStrict(ms, mat).thenApply(strict -> reply(resp, strict.getData().utf8String())))
        .toCompletableFuture()
        .orTimeout(ms, TimeUnit.MILLISECONDS);
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
