package kis.connector;

import kis.connector.assembly.KisConnector;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import kis.connector.rest.KisJson;
import kis.connector.rest.OrderCashRequest;
import kis.connector.rest.OrderSide;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Materializer;

/**
 * A scripted KIS REST host on 127.0.0.1 that can stall: while stalling it takes order requests
 * but answers none until {@link #release()}. It logs every order request's arrival (monotonic
 * time and {@code ORD_QTY}), so a test can prove what reached the wire and when.
 */
final class StallingKisHost implements AutoCloseable {
  /** One order request as it reached the host. */
  record Arrival(long atNanos, long qty) {}

  static final String ACCEPTED = "{\"rt_cd\":\"0\",\"msg_cd\":\"40600000\",\"msg1\":\"모의투자 매수주문이 완료 되었습니다.\","
      + "\"output\":{\"KRX_FWDG_ORD_ORGNO\":\"00950\",\"ODNO\":\"0000038614\",\"ORD_TMD\":\"152556\"}}";
  static final KisCredentials CREDS = KisCredentials.of("APPKEY-0123456789", "APPSECRET-abcdef", "50012345-01",
      "htsuser01");
  private static final String TOKEN =
      "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":86400}";

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
  private final List<CompletableFuture<HttpResponse>> held = new CopyOnWriteArrayList<>();
  private volatile boolean stalling;

  /** Starts a host on its own actor system (named {@code name}); {@link #close()} ends both. */
  static StallingKisHost start(String name) throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), name);
    try {
      return new StallingKisHost(system);
    } catch (Exception e) {
      system.terminate();
      throw e;
    }
  }

  private StallingKisHost(ActorSystem<Void> system) throws Exception {
    this.system = system;
    Materializer mat = Materializer.matFromSystem(system);
    org.apache.pekko.japi.function.Function<HttpRequest, CompletionStage<HttpResponse>> handler =
        req -> req.entity().toStrict(3000, mat).thenCompose(strict -> {
          if (req.getUri().path().startsWith("/oauth2/")) {
            return CompletableFuture.completedFuture(json(TOKEN));
          }
          long qty = qty(strict.getData().utf8String());
          arrivals.add(new Arrival(System.nanoTime(), qty));
          if (!stalling) {
            return CompletableFuture.completedFuture(json(ACCEPTED));
          }
          CompletableFuture<HttpResponse> later = new CompletableFuture<>();
          held.add(later);
          return later;
        });
    binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(handler).toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  String url() {
    return "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  /**
   * A connector to this host with two connections and {@code settings} (HOCON inside {@code kis});
   * its token already issued, so a test's timings are not the token's.
   */
  KisConnector connector(Path tokenDir, String settings) {
    KisConfig c = KisConfig.fromConfig(ConfigFactory.parseString("kis { mode = sim, rest-url = \"" + url()
        + "\", ws-url = \"ws://127.0.0.1:1\", token.cache-dir = \"" + tokenDir + "\", max-connections = 2\n"
        + settings + " }"));
    KisConnector kis = KisConnector.create(system, c, CREDS);
    kis.tokens().accessToken().toCompletableFuture().join();
    return kis;
  }

  /** A limit buy of {@code qty} shares: the host logs the quantity, so it names the request. */
  static OrderCashRequest buy(long qty) {
    return new OrderCashRequest(OrderSide.BUY, "005930", "00", qty, 70_000, "KRX");
  }

  void stall() {
    stalling = true;
  }

  /** Stops stalling new requests; the held ones stay unanswered (a host that lost them). */
  void stopStalling() {
    stalling = false;
  }

  /** Stops stalling and answers every held request (accepted). */
  void release() {
    stalling = false;
    held.forEach(f -> f.complete(json(ACCEPTED)));
  }

  List<Arrival> arrivals() {
    return List.copyOf(arrivals);
  }

  int held() {
    return held.size();
  }

  private static long qty(String body) {
    try {
      return KisJson.MAPPER.readTree(body).path("ORD_QTY").asLong(-1);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return -1;
    }
  }

  private static HttpResponse json(String body) {
    return HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
  }

  @Override
  public void close() throws Exception {
    release();
    try {
      binding.terminate(Duration.ofMillis(500)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
