package kis.connector.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.http.javadsl.ClientTransport;
import org.apache.pekko.http.javadsl.OutgoingConnection;
import org.apache.pekko.http.javadsl.settings.ClientConnectionSettings;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.TLSClosing;
import org.apache.pekko.stream.TLSProtocol;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.TLS;
import org.apache.pekko.util.ByteString;
import scala.concurrent.duration.FiniteDuration;

/**
 * A client transport whose connection counts as made only once it is ready for a request: TCP
 * connected and, with TLS, the handshake done; both within one deadline. Pekko HTTP's own
 * {@code https} puts TLS above the transport, so its pool sees a connection as made at the TCP
 * connect, hands the request to it, and a handshake the host never answers is only ended by the
 * idle timeout, with the request neither sent nor failed. Here TLS sits inside the transport
 * (give the pool an {@code http://} URI): the pool holds the request until the handshake is done,
 * and a connection not made in time fails with {@link ConnectionNotMade}, its socket closed, the
 * request provably unwritten.
 */
public final class BoundedConnectTransport extends ClientTransport {
  private final SSLContext tls;
  private final Duration deadline;

  private BoundedConnectTransport(SSLContext tls, Duration deadline) {
    this.tls = tls;
    this.deadline = deadline;
  }

  /** Plain TCP, connected within {@code deadline}. */
  public static BoundedConnectTransport plain(Duration deadline) {
    return new BoundedConnectTransport(null, deadline);
  }

  /**
   * TLS on TCP (host name verified as for HTTPS, SNI sent), connected and handshaken within
   * {@code deadline}.
   */
  public static BoundedConnectTransport tls(SSLContext context, Duration deadline) {
    return new BoundedConnectTransport(context, deadline);
  }

  @Override
  public Flow<ByteString, ByteString, CompletionStage<OutgoingConnection>> connectTo(String host, int port,
      ClientConnectionSettings settings, ActorSystem system) {
    Flow<ByteString, ByteString, CompletionStage<OutgoingConnection>> tcp =
        ClientTransport.TCP().connectTo(host, port, settings.withConnectingTimeout(deadline), system);
    // The pool materializes this once per connection; every connection needs its own state.
    return Flow.<ByteString, ByteString, CompletionStage<OutgoingConnection>>fromMaterializer(
            (mat, attrs) -> connection(host, port, tcp, mat))
        .mapMaterializedValue(made -> made.thenCompose(c -> c));
  }

  private Flow<ByteString, ByteString, CompletionStage<OutgoingConnection>> connection(String host, int port,
      Flow<ByteString, ByteString, CompletionStage<OutgoingConnection>> tcp, Materializer mat) {
    CompletableFuture<OutgoingConnection> made = new CompletableFuture<>();
    CompletableFuture<Void> handshake = tls == null ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
    String where = host + ":" + port;
    // The kill switch sits on the wire, below TLS: aborting it closes the socket and fails the
    // connection upwards.
    Flow<ByteString, ByteString, Pair<UniqueKillSwitch, CompletionStage<OutgoingConnection>>> wire =
        BidiFlow.fromGraph(KillSwitches.<ByteString, ByteString>singleBidi()).join(tcp, Keep.both());
    Flow<ByteString, ByteString, Pair<UniqueKillSwitch, CompletionStage<OutgoingConnection>>> conn = tls == null ? wire
        : plaintext().atop(TLS.create(() -> engine(host, port), session -> handshake.complete(null),
            TLSClosing.eagerClose())).join(wire, Keep.right());
    return conn
        .watchTermination((m, done) -> {
          done.whenComplete((d, ex) -> made.completeExceptionally(new ConnectionNotMade(
              "connection to " + where + " ended before it was made" + (ex == null ? "" : ": " + describe(ex)), ex)));
          return m;
        })
        .mapMaterializedValue(m -> {
          UniqueKillSwitch wireSwitch = m.first();
          m.second().thenCombine(handshake, (c, v) -> c).whenComplete((c, ex) -> {
            if (ex == null) {
              made.complete(c);
            } else {
              made.completeExceptionally(new ConnectionNotMade("connection to " + where + " not made: "
                  + describe(ex), ex));
            }
          });
          Cancellable timer = mat.scheduleOnce(FiniteDuration.create(deadline.toMillis(), TimeUnit.MILLISECONDS), () -> {
            ConnectionNotMade late = new ConnectionNotMade("connection to " + where + " not made within "
                + deadline.toMillis() + " ms (" + (m.second().toCompletableFuture().isDone()
                    ? "TLS handshake not finished" : "TCP connect not finished") + ")", null);
            if (made.completeExceptionally(late)) {
              wireSwitch.abort(late);
            }
          });
          made.whenComplete((c, ex) -> timer.cancel());
          return made;
        });
  }

  private SSLEngine engine(String host, int port) {
    SSLEngine engine = tls.createSSLEngine(host, port);
    engine.setUseClientMode(true);
    SSLParameters p = engine.getSSLParameters();
    // As Pekko HTTP's own https client: the certificate must name the host.
    p.setEndpointIdentificationAlgorithm("HTTPS");
    engine.setSSLParameters(p);
    return engine;
  }

  /** HTTP's plain bytes to and from the TLS stage's session protocol. */
  private static BidiFlow<ByteString, TLSProtocol.SslTlsOutbound, TLSProtocol.SslTlsInbound, ByteString, NotUsed>
      plaintext() {
    return BidiFlow.fromFlows(
        Flow.<ByteString>create().map(b -> (TLSProtocol.SslTlsOutbound) new TLSProtocol.SendBytes(b)),
        Flow.<TLSProtocol.SslTlsInbound>create()
            .filter(in -> in instanceof TLSProtocol.SessionBytes)
            .map(in -> ((TLSProtocol.SessionBytes) in).bytes()));
  }

  private static String describe(Throwable t) {
    Throwable c = t;
    while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }

  /** For diagnostics only; no secret is involved. */
  @Override
  public String toString() {
    return "BoundedConnectTransport(" + (tls == null ? "tcp" : "tls") + ", " + deadline.toMillis() + " ms)";
  }
}
