package kis.connector.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import kis.connector.http.BoundedConnectTransport;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.settings.ClientConnectionSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import kis.connector.KisConfig;
import kis.connector.KisException;
import kis.connector.QuoteMarket;
import kis.connector.Secret;
import kis.connector.ws.KisFeedEvent.Connected;
import kis.connector.ws.KisFeedEvent.Disconnected;
import kis.connector.ws.KisFeedEvent.Heartbeat;
import kis.connector.ws.KisFeedEvent.SubscriptionAck;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgradeResponse;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.AsPublisher;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One websocket session with KIS (kis-api.md 5): one instance is one connection lifetime; to
 * reconnect, open a new one. Answers {@code PINGPONG} itself, keeps the AES key of each TR from its
 * subscribe ack, decrypts and parses data frames, and enforces the registration limit (41) before
 * anything is sent.
 *
 * <p>{@link #events()} is the single stream of everything that happens, starting with
 * {@link Connected} (or a {@link Disconnected} if the upgrade failed) and always ending with one
 * {@link Disconnected}, after which it completes. It may be materialized once. Until it is, up to
 * {@code kis.websocket.buffer-size} events are buffered, then the socket is back-pressured (and
 * heartbeats go unanswered), so attach a consumer right after {@link #connect}. Frames that cannot
 * be parsed are counted in {@link #malformedFrames()}, logged without their content, and skipped;
 * they never end the stream.
 *
 * <p>Thread-safe: subscribe/unsubscribe/close may be called from any thread.
 */
public final class KisWebSocket {
  private static final Logger LOG = LoggerFactory.getLogger(KisWebSocket.class);
  private static final Duration STRICT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  private final KisConfig config;
  private final Secret approvalKey;
  private final Materializer mat;
  private final Map<String, AesKey> keys = new ConcurrentHashMap<>();
  private final Map<Registration, CompletableFuture<SubscriptionAck>> pending = new LinkedHashMap<>();
  private final Set<Registration> registered = new HashSet<>();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong otherAccounts = new AtomicLong();
  private final Predicate<String> ownAccount;
  private final FrameTap tap;
  private final CompletableFuture<Done> closed = new CompletableFuture<>();
  private final CompletableFuture<KisFeedEvent> connected = new CompletableFuture<>();
  private volatile BoundedSourceQueue<Message> outgoing;
  private volatile UniqueKillSwitch killSwitch;
  private volatile Publisher<KisFeedEvent> publisher;

  private KisWebSocket(KisConfig config, Secret approvalKey, Materializer mat, Predicate<String> ownAccount,
      FrameTap tap) {
    this.ownAccount = ownAccount;
    this.tap = tap;
    this.config = config;
    this.approvalKey = approvalKey;
    this.mat = mat;
  }

  /** Opens the socket to {@code config.wsUrl()}; events start flowing into {@link #events()}. */
  public static KisWebSocket connect(ClassicActorSystemProvider system, KisConfig config, Secret approvalKey) {
    return connect(system, config, approvalKey, account -> true);
  }

  /**
   * As {@link #connect(ClassicActorSystemProvider, KisConfig, Secret)}, keeping only the execution
   * notices whose {@code ACNT_NO} passes {@code ownAccount}: one HTS id can link several accounts,
   * and KIS sends the notices of all of them (kis-api.md 5.8).
   */
  public static KisWebSocket connect(ClassicActorSystemProvider system, KisConfig config, Secret approvalKey,
      Predicate<String> ownAccount) {
    return connect(system, config, approvalKey, ownAccount, null);
  }

  /**
   * As {@link #connect(ClassicActorSystemProvider, KisConfig, Secret, Predicate)}, trusting
   * {@code tls} for a {@code wss} URL (null: the JVM's default trust).
   */
  public static KisWebSocket connect(ClassicActorSystemProvider system, KisConfig config, Secret approvalKey,
      Predicate<String> ownAccount, SSLContext tls) {
    return connect(system, config, approvalKey, ownAccount, tls, FrameTap.NONE);
  }

  /**
   * As {@link #connect(ClassicActorSystemProvider, KisConfig, Secret, Predicate, SSLContext)}, showing
   * every market-data frame to {@code tap} as it arrives (the recording of {@code run}).
   */
  public static KisWebSocket connect(ClassicActorSystemProvider system, KisConfig config, Secret approvalKey,
      Predicate<String> ownAccount, SSLContext tls, FrameTap tap) {
    KisWebSocket ws = new KisWebSocket(config, approvalKey, Materializer.matFromSystem(system), ownAccount, tap);
    ws.open(Http.get(system.classicSystem()), ClientConnectionSettings.create(system.classicSystem()), tls,
        system.classicSystem().log());
    return ws;
  }

  private void open(Http http, ClientConnectionSettings defaults, SSLContext tls,
      org.apache.pekko.event.LoggingAdapter log) {
    Sink<Message, Pair<UniqueKillSwitch, Publisher<KisFeedEvent>>> inbound = Flow.<Message>create()
        .viaMat(KillSwitches.single(), Keep.right())
        .mapAsync(1, this::strictText)
        .mapConcat(this::onText)
        .prepend(Source.completionStage(connected))
        // The end of the connection becomes one Disconnected element; its side effects (failing
        // pending acks, completing closed()) run in map, when the element really passes.
        .concat(Source.single(new Disconnected("closed")))
        .recover(new org.apache.pekko.japi.pf.PFBuilder<Throwable, KisFeedEvent>()
            .matchAny(ex -> new Disconnected(describe(ex)))
            .build())
        .map(e -> e instanceof Disconnected d ? ended(d.cause()) : e)
        // A consumer that cancels also ends the connection; closed() must complete then too.
        .watchTermination((notUsed, done) -> {
          done.whenComplete((d, ex) -> ended("stream terminated"));
          return notUsed;
        })
        .buffer(config.wsBufferSize(), OverflowStrategy.backpressure())
        .toMat(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), Keep.both());
    Source<Message, BoundedSourceQueue<Message>> out = Source.queue(256);
    Flow<Message, Message, Pair<Pair<UniqueKillSwitch, Publisher<KisFeedEvent>>, BoundedSourceQueue<Message>>> flow =
        Flow.fromSinkAndSourceCoupledMat(inbound, out, Keep.both());
    // As for REST (BoundedConnectTransport): TLS inside the transport, so a host that never answers
    // the handshake is given up on, its socket closed, within the connect timeout.
    URI uri = URI.create(config.wsUrl());
    boolean wss = "wss".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() != -1 ? uri.getPort() : wss ? 443 : 80;
    String plainUrl = "ws://" + uri.getHost() + ":" + port + (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    ClientConnectionSettings settings = defaults.withTransport(wss
        ? BoundedConnectTransport.tls(tls != null ? tls : defaultTls(), config.wsConnectTimeout())
        : BoundedConnectTransport.plain(config.wsConnectTimeout()));
    Pair<CompletionStage<WebSocketUpgradeResponse>, Pair<Pair<UniqueKillSwitch, Publisher<KisFeedEvent>>,
        BoundedSourceQueue<Message>>> m = http.singleWebSocketRequest(WebSocketRequest.create(plainUrl), flow,
            ConnectionContext.noEncryption(), Optional.empty(), settings, log, mat);
    synchronized (this) {
      killSwitch = m.second().first().first();
      publisher = m.second().first().second();
      outgoing = m.second().second();
    }
    m.first().toCompletableFuture()
        .orTimeout(config.wsConnectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((resp, ex) -> {
          if (ex != null) {
            connected.completeExceptionally(ex);
            killSwitch.abort(ex);
          } else if (!resp.isValid()) {
            KisException refused = new KisException("websocket upgrade refused: " + resp.invalidationReason());
            connected.completeExceptionally(refused);
            killSwitch.abort(refused);
          } else {
            connected.complete(new Connected(config.wsUrl()));
          }
        });
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context in this JVM", e);
    }
  }

  /** Every event of this connection; see the class comment. Materialize once. */
  public Source<KisFeedEvent, NotUsed> events() {
    // If the connection dies before anyone subscribes (a refused connect on a loaded machine),
    // the coupled websocket flow cancels the inbound side and its Disconnected element is lost
    // with it; and a consumer later than the materializer's subscription timeout (5 s by default)
    // is failed by the publisher instead of served. The promise "always ends with one
    // Disconnected" is kept here for both.
    return Source.fromPublisher(publisher)
        .recover(new org.apache.pekko.japi.pf.PFBuilder<Throwable, KisFeedEvent>()
            .matchAny(ex -> ended(connected.isCompletedExceptionally() ? endCause() : describe(ex)))
            .build())
        .orElse(Source.lazySingle(() -> ended(endCause())));
  }

  private String endCause() {
    return connected.isCompletedExceptionally()
        ? connected.handle((ok, ex) -> ex == null ? "closed" : describe(ex)).toCompletableFuture().join()
        : "closed";
  }

  /** Completes with the upgrade ({@code Connected}), or fails if it did not succeed. */
  public CompletionStage<KisFeedEvent> connectedStage() {
    return connected;
  }

  /** Subscribes to real-time KRX trades ({@code H0STCNT0}) of a stock. */
  public CompletionStage<SubscriptionAck> subscribeTrades(String pdno) {
    return subscribeTrades(QuoteMarket.KRX, pdno);
  }

  /**
   * Subscribes to real-time trades of a stock on {@code market} ({@code H0STCNT0}, {@code H0NXCNT0}
   * or {@code H0UNCNT0}; each is a registration of its own). Paper offers KRX only.
   */
  public CompletionStage<SubscriptionAck> subscribeTrades(QuoteMarket market, String pdno) {
    return subscribe(market.tradeTr(), pdno);
  }

  /** Subscribes to the KRX 10-level book ({@code H0STASP0}) of a stock. */
  public CompletionStage<SubscriptionAck> subscribeOrderBook(String pdno) {
    return subscribeOrderBook(QuoteMarket.KRX, pdno);
  }

  /** Subscribes to the 10-level book of a stock on {@code market} ({@code H0STASP0}, {@code H0NXASP0} or {@code H0UNASP0}). */
  public CompletionStage<SubscriptionAck> subscribeOrderBook(QuoteMarket market, String pdno) {
    return subscribe(market.bookTr(), pdno);
  }

  /**
   * Subscribes to KRX's market-operation status of a stock ({@code H0STMKO0}: a frame when a VI
   * starts on it and when it ends); a registration of its own. Real accounts only.
   */
  public CompletionStage<SubscriptionAck> subscribeMarketStatus(String pdno) {
    return subscribe(FrameParser.MARKET_STATUS, pdno);
  }

  /** Subscribes to own-order notices, keyed by the HTS id ({@code H0STCNI9} on paper). */
  public CompletionStage<SubscriptionAck> subscribeExecutionNotices(Secret htsId, boolean paper) {
    return subscribe(paper ? FrameParser.NOTICE_PAPER : FrameParser.NOTICE_REAL, htsId.reveal());
  }

  /**
   * Registers {@code (trId, trKey)}. Completes with KIS's ack (which may say failure, e.g.
   * {@code OPSP0008}, or {@code OPSP0011} for a refused approval key: then close this session and
   * use {@code KisConnector.openWebSocketWithNewApprovalKey}); fails with {@link SubscriptionLimitException} when the session already
   * holds {@code kis.websocket.max-subscriptions} registrations, or with a timeout when no ack came.
   * Re-subscribing an active registration returns a successful ack without sending anything.
   */
  public CompletionStage<SubscriptionAck> subscribe(String trId, String trKey) {
    Registration reg = new Registration(trId, trKey);
    CompletableFuture<SubscriptionAck> ack;
    synchronized (this) {
      if (registered.contains(reg)) {
        return CompletableFuture.completedFuture(
            new SubscriptionAck(trId, reg.shownKey(), true, true, "LOCAL", "ALREADY IN SUBSCRIBE"));
      }
      CompletableFuture<SubscriptionAck> inFlight = pending.get(reg);
      if (inFlight != null) {
        return inFlight;
      }
      if (registered.size() + pending.size() >= config.maxSubscriptions()) {
        return CompletableFuture.failedFuture(new SubscriptionLimitException(config.maxSubscriptions()));
      }
      ack = new CompletableFuture<>();
      pending.put(reg, ack);
    }
    return send(reg, "1", ack);
  }

  /** Unregisters {@code (trId, trKey)}; completes with KIS's ack. */
  public CompletionStage<SubscriptionAck> unsubscribe(String trId, String trKey) {
    Registration reg = new Registration(trId, trKey);
    CompletableFuture<SubscriptionAck> ack = new CompletableFuture<>();
    synchronized (this) {
      if (!registered.contains(reg)) {
        return CompletableFuture.completedFuture(
            new SubscriptionAck(trId, reg.shownKey(), false, false, "LOCAL", "not subscribed"));
      }
      pending.put(reg.unsubscribing(), ack);
    }
    return send(reg, "2", ack);
  }

  /** The approval key this session was opened with, for {@code TokenManager.reissueApprovalKey}. */
  public Secret approvalKey() {
    return approvalKey;
  }

  /** Registrations currently held (acknowledged). */
  public synchronized int registrations() {
    return registered.size();
  }

  /** Frames that could not be parsed (malformed, unknown TR, undecryptable) since connecting. */
  public long malformedFrames() {
    return malformed.get();
  }

  /** Execution notices dropped because they belong to another account of the same HTS id. */
  public long otherAccountNotices() {
    return otherAccounts.get();
  }

  /** Completes when the connection has ended, whichever side ended it. */
  public CompletionStage<Done> closed() {
    return closed;
  }

  /** Closes the socket (a close frame, then a forced stop after a grace period). Idempotent. */
  public void close() {
    BoundedSourceQueue<Message> q;
    UniqueKillSwitch ks;
    synchronized (this) {
      q = outgoing;
      ks = killSwitch;
    }
    try {
      q.complete();
    } catch (IllegalStateException alreadyClosed) {
      return;
    }
    CompletableFuture.delayedExecutor(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
      if (!closed.isDone()) {
        ks.shutdown();
      }
    });
  }

  private CompletionStage<SubscriptionAck> send(Registration reg, String trType, CompletableFuture<SubscriptionAck> ack) {
    ObjectNode msg = ControlMessage.JSON.createObjectNode();
    ObjectNode header = msg.putObject("header");
    header.put("approval_key", approvalKey.reveal());
    header.put("custtype", config.custtype());
    header.put("tr_type", trType);
    header.put("content-type", "utf-8");
    ObjectNode input = msg.putObject("body").putObject("input");
    input.put("tr_id", reg.trId());
    input.put("tr_key", reg.trKey());
    QueueOfferResult r = outgoing.offer(TextMessage.create(msg.toString()));
    if (r != QueueOfferResult.enqueued()) {
      failPending(reg, trType, new KisException("websocket is closed or its send queue is full"));
      return ack;
    }
    ack.orTimeout(config.wsAckTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((a, ex) -> {
      if (ex instanceof TimeoutException) {
        synchronized (this) {
          pending.remove(trType.equals("1") ? reg : reg.unsubscribing());
        }
      }
    });
    return ack;
  }

  private void failPending(Registration reg, String trType, Throwable ex) {
    CompletableFuture<SubscriptionAck> f;
    synchronized (this) {
      f = pending.remove(trType.equals("1") ? reg : reg.unsubscribing());
    }
    if (f != null) {
      f.completeExceptionally(ex);
    }
  }

  private CompletionStage<String> strictText(Message m) {
    if (m.isText()) {
      TextMessage t = m.asTextMessage();
      if (t.isStrict()) {
        // A frame that came whole (every KIS frame does): no toStrict round of futures per frame.
        return CompletableFuture.completedFuture(t.getStrictText());
      }
      return t.toStrict(STRICT_TIMEOUT.toMillis(), mat).thenApply(TextMessage::getStrictText);
    }
    return m.asBinaryMessage().toStrict(STRICT_TIMEOUT.toMillis(), mat).thenApply(b -> b.getStrictData().utf8String());
  }

  /** Handles one frame; returns the events it produces (none for a malformed one). */
  private List<KisFeedEvent> onText(String text) {
    kis.connector.LatencyProbe.Listener probe = kis.connector.LatencyProbe.listener();
    if (probe != null) {
      probe.frameReceived(System.nanoTime(), text);
    }
    if (tap != FrameTap.NONE && FrameTap.isMarketFrame(text)) {
      try {
        tap.marketFrame(text);
      } catch (RuntimeException e) {
        // The recording is a by-product: it never costs the engine a frame.
        LOG.warn("the market-data frame tap failed ({}); the frame is handled as usual", e.getClass().getSimpleName());
      }
    }
    try {
      if (FrameParser.isDataFrame(text)) {
        return FrameParser.parse(text, trId -> Optional.ofNullable(keys.get(trId)), account -> {
          boolean own = ownAccount.test(account);
          if (!own) {
            otherAccounts.incrementAndGet();
          }
          return own;
        });
      }
      ControlMessage c = ControlMessage.parse(text);
      if (c instanceof ControlMessage.PingPong p) {
        // Echo the heartbeat verbatim as a text frame, as the community clients do.
        outgoing.offer(TextMessage.create(text));
        return List.of(new Heartbeat(p.datetime()));
      }
      return List.of(onAck((ControlMessage.Ack) c));
    } catch (MalformedFrameException e) {
      long n = malformed.incrementAndGet();
      LOG.warn("skipping KIS websocket frame #{} that could not be parsed: {}", n, e.getMessage());
      return List.of();
    }
  }

  private SubscriptionAck onAck(ControlMessage.Ack a) {
    boolean unsub = a.unsubscribe();
    a.key().ifPresent(k -> keys.put(a.trId(), k));
    CompletableFuture<SubscriptionAck> f;
    SubscriptionAck ack;
    synchronized (this) {
      Registration reg = match(a.trId(), a.trKey(), unsub);
      String shown = reg == null ? Registration.shown(a.trId(), a.trKey()) : reg.shownKey();
      ack = new SubscriptionAck(a.trId(), shown, !unsub, a.success(), a.msgCd(), a.msg1());
      f = reg == null ? null : pending.remove(unsub ? reg.unsubscribing() : reg);
      if (reg != null && a.success()) {
        if (unsub) {
          registered.remove(reg);
        } else {
          registered.add(reg);
        }
      }
    }
    if (!a.success()) {
      LOG.warn("KIS websocket refused {} of {}: {} {}", unsub ? "unsubscribe" : "subscribe", a.trId(), a.msgCd(), a.msg1());
    }
    if (f != null) {
      f.complete(ack);
    }
    return ack;
  }

  /** The pending registration an ack answers: by (tr_id, tr_key), else the oldest for the TR. */
  private Registration match(String trId, String trKey, boolean unsub) {
    List<Registration> candidates = new ArrayList<>();
    for (Registration p : pending.keySet()) {
      if (p.trId().equals(trId) && p.unsub() == unsub) {
        if (p.trKey().equals(trKey)) {
          return p.unsub() ? p.subscribed() : p;
        }
        candidates.add(p);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    Registration p = candidates.get(0);
    return p.unsub() ? p.subscribed() : p;
  }

  private KisFeedEvent ended(String cause) {
    List<CompletableFuture<SubscriptionAck>> open;
    synchronized (this) {
      if (closed.isDone()) {
        return new Disconnected(cause);
      }
      open = new ArrayList<>(pending.values());
      pending.clear();
      registered.clear();
    }
    KisException ex = new KisException("websocket ended: " + cause);
    open.forEach(f -> f.completeExceptionally(ex));
    closed.complete(Done.getInstance());
    killSwitch.shutdown();
    LOG.info("KIS websocket ended: {}", cause);
    return new Disconnected(cause);
  }

  private static String describe(Throwable t) {
    Throwable c = t;
    while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof TimeoutException) {
      return "websocket upgrade timed out";
    }
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }

  /** A (tr_id, tr_key) registration; {@code unsub} marks the pending unsubscribe of one. */
  private record Registration(String trId, String trKey, boolean unsub) {
    Registration(String trId, String trKey) {
      this(trId, trKey, false);
    }

    Registration unsubscribing() {
      return new Registration(trId, trKey, true);
    }

    Registration subscribed() {
      return new Registration(trId, trKey, false);
    }

    String shownKey() {
      return shown(trId, trKey);
    }

    static String shown(String trId, String trKey) {
      // Notice TRs are keyed by the HTS id, which is a credential.
      return trId.equals(FrameParser.NOTICE_REAL) || trId.equals(FrameParser.NOTICE_PAPER) ? "***" : trKey;
    }

    @Override
    public String toString() {
      return trId + "/" + shownKey();
    }
  }
}
