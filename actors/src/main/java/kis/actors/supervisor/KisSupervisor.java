package kis.actors.supervisor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import kis.actors.reconcile.MissedNotices;
import kis.actors.reconcile.ReconcileReport;
import kis.actors.reconcile.ReconcilerActor;
import kis.adapter.BrokerReport;
import kis.adapter.KisMarketData;
import kis.adapter.KisNotices;
import kis.connector.QuoteMarket;
import kis.connector.assembly.KisConnector;
import kis.connector.ws.FrameParser;
import kis.connector.ws.KisFeedEvent;
import kis.connector.ws.KisWebSocket;
import kis.connector.ws.SubscriptionLimitException;
import kis.journal.PrintSource;
import kis.journal.Symbol;
import kis.journal.calendar.MarketCalendar;
import kis.journal.calendar.SessionClock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.typed.javadsl.ActorSink;

/**
 * Owns the KIS websocket session for one app key and keeps it up. An explicit state machine over
 * {@link ConnectionState}: AUTHENTICATING (approval key) → CONNECTING (socket) → SUBSCRIBING
 * (every market symbol and the execution notices) → a gap-fill reconciliation → LIVE. A closed
 * socket, a failed step or a silence the {@link StalenessWatchdog} (the whole socket) or the
 * {@link StreamWatch} (one market-data stream against its own learned gap) judges stale leads to
 * RECONNECTING: the old session is closed (KIS allows one per app key), a jittered
 * {@link Backoff} delay is waited out, and the cycle starts again; a refused approval key is
 * reissued (up to a limit, then DISABLED). When the websocket keeps failing
 * ({@link SupervisorSettings#degradedAfter} attempts in a row) while REST still answers, the
 * status is DEGRADED: attempts go on behind it, and the reconciler polls today's orders and fills
 * every {@link SupervisorSettings#degradedPoll} in place of the notices; LIVE ends it (after the gap
 * fill), and so does REST failing too (back to RECONNECTING). A LIVE socket is shown DEGRADED too
 * when KIS keeps answering EGW00201 ({@link SupervisorSettings#throttled}, from the REST client's
 * count) or when fills keep turning up in the inquiry without their notice
 * ({@link SupervisorSettings#missedNotices}, from the reconciler's {@link MissedNotices}); the
 * reconciler is polled as above, and the state is LIVE again after a calm without one
 * ({@link SupervisorSettings.Trouble#calm}). {@link Status#degradedBecause()} names every cause in
 * force. Trades and books go to their subscribers, execution
 * notices (decoded into broker reports) to the sink the wiring names. Connection I/O stays in kis-connector; its events arrive here
 * through an {@link ActorSink}, its futures through {@code pipeToSelf}.
 */
public final class KisSupervisor {

  /** What a reconnect renews. */
  public enum Level {
    /** A new socket with the same approval key. */
    WEBSOCKET,
    /** A new approval key, then a new socket. */
    APPROVAL_KEY,
    /** The whole session: a fresh access token check and approval key, then a new socket. */
    SESSION
  }

  /** Everything the supervisor accepts. */
  public sealed interface Command
      permits SubscribeMarket, ListenMarket, WatchStatus, GetStatus, ForceReconnect, Opened, OpenFailed, Feed, StreamEnded,
      Subscribed, Reconciled, BackoffElapsed, WatchdogTick, RestProbed, DegradedPoll, NoticesMissed, GetStreams,
      PollTick, PollAnswered, SubscribeMarketStatus {}

  /**
   * Forward KRX's market-operation status of {@code symbol} ({@code H0STMKO0}: a frame when a VI
   * starts and ends) to {@code subscriber}, across reconnects, in a registration left over after the
   * notices, prints and books ({@link StatusSlots}); a stock that finds none gets no live VI news,
   * logged once and named in {@link Status#withoutViNews}. Real accounts only (paper has no such TR).
   */
  public record SubscribeMarketStatus(Symbol symbol, ActorRef<KisFeedEvent> subscriber) implements Command {}

  /**
   * Forward {@code symbol}'s trades (and, if {@code orderBook}, its 10-level book) on
   * {@code source}'s feed to {@code subscriber}, across reconnects. Each (source, symbol) is one
   * registration at KIS (each book one more), however many subscribe it. Past KIS's limit
   * ({@code kis.websocket.max-subscriptions}, less one for the execution notices) the registrations
   * go by {@code priority} ({@link SlotPlan}; a feed's priority is the highest any subscriber gave),
   * and a feed's trades left without one are polled by REST within the budget
   * ({@link PollSchedule}): each answer that shows new volume goes to {@code polled} as a
   * {@link PolledPrint} (nothing to {@code subscriber}). A book left without one is logged, not polled.
   *
   * @param polled gets the polled prints while the feed has no registration; null: none wanted
   */
  public record SubscribeMarket(Symbol symbol, ActorRef<KisFeedEvent> subscriber, boolean orderBook,
      PrintSource source, FeedPriority priority, ActorRef<PolledPrint> polled) implements Command {
    public SubscribeMarket {
      source = source == null ? PrintSource.KRX : source;
      priority = priority == null ? FeedPriority.PRINTS : priority;
    }

    /** At the default priority, polled prints going nowhere. */
    public SubscribeMarket(Symbol symbol, ActorRef<KisFeedEvent> subscriber, boolean orderBook, PrintSource source) {
      this(symbol, subscriber, orderBook, source, FeedPriority.PRINTS, null);
    }

    /** KRX's feed. */
    public SubscribeMarket(Symbol symbol, ActorRef<KisFeedEvent> subscriber, boolean orderBook) {
      this(symbol, subscriber, orderBook, PrintSource.KRX);
    }

    /** KRX's trades. */
    public SubscribeMarket(Symbol symbol, ActorRef<KisFeedEvent> subscriber) {
      this(symbol, subscriber, false);
    }
  }

  /**
   * Forward every frame of {@code symbol} that others' subscriptions bring, whichever feed, to
   * {@code subscriber}; never a registration of its own (the dashboard's watch of the agents' symbols).
   */
  public record ListenMarket(Symbol symbol, ActorRef<KisFeedEvent> subscriber) implements Command {}

  /** Tell {@code subscriber} the current status and every change (LIVE only after the gap fill). */
  public record WatchStatus(ActorRef<Status> subscriber) implements Command {}

  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /** Answered with every market-data stream as the adaptive watchdog judges it now ({@link StreamWatch}). */
  public record GetStreams(ActorRef<Streams> replyTo) implements Command {}

  /** Every stream seen, by symbol and TR: expected gap, current silence, how it is judged. */
  public record Streams(List<StreamWatch.Health> streams) {
    public Streams {
      streams = List.copyOf(streams);
    }
  }

  /** Operator or test: reconnect now at {@code level}. */
  public record ForceReconnect(Level level) implements Command {}

  private record Opened(int generation, KisWebSocket ws) implements Command {}

  private record OpenFailed(int generation, Throwable cause) implements Command {}

  private record Feed(int generation, KisFeedEvent event) implements Command {}

  private record StreamEnded(int generation, String cause) implements Command {}

  private record Subscribed(int generation, List<KisFeedEvent.SubscriptionAck> acks, Throwable failure)
      implements Command {}

  private record Reconciled(int generation, String outcome) implements Command {}

  private record BackoffElapsed(int generation, Level level) implements Command {}

  private record WatchdogTick() implements Command {}

  /** A REST call made after repeated websocket failures: {@code failure} is null when REST answered. */
  private record RestProbed(String failure) implements Command {}

  private record DegradedPoll() implements Command {}

  private record NoticesMissed(MissedNotices report) implements Command {}

  private record PollTick() implements Command {}

  /** A poll's answer: {@code failure} null when KIS answered. */
  private record PollAnswered(MarketFeed feed, long price, long cumulativeVolume, String failure)
      implements Command {}

  /**
   * The connection as the supervisor sees it.
   *
   * @param state the state machine's current state
   * @param since when it entered that state
   * @param reconnects reconnects so far, by level
   * @param lastCause why the last connection ended, if one did
   * @param symbols market symbols subscribed
   * @param degradedBecause every cause of DEGRADED in force, with its reason (empty unless DEGRADED)
   * @param lastFrame when the current connection last received a frame of any kind (PINGPONG,
   *     subscription reply, notice, market data); empty before its first
   * @param withoutViNews stocks whose market status found no registration left: no live VI news
   */
  public record Status(ConnectionState state, Instant since, Map<Level, Long> reconnects, Optional<String> lastCause,
      int symbols, Map<DegradedCause, String> degradedBecause, Optional<Instant> lastFrame,
      List<Symbol> withoutViNews) {
    public Status {
      degradedBecause = java.util.Collections.unmodifiableMap(degradedBecause.isEmpty()
          ? new EnumMap<>(DegradedCause.class) : new EnumMap<>(degradedBecause));
      withoutViNews = withoutViNews == null ? List.of() : List.copyOf(withoutViNews);
    }

    /** A status with every stock's VI news registered. */
    public Status(ConnectionState state, Instant since, Map<Level, Long> reconnects, Optional<String> lastCause,
        int symbols, Map<DegradedCause, String> degradedBecause, Optional<Instant> lastFrame) {
      this(state, since, reconnects, lastCause, symbols, degradedBecause, lastFrame, List.of());
    }

    /** A status without DEGRADED causes or a frame seen. */
    public Status(ConnectionState state, Instant since, Map<Level, Long> reconnects, Optional<String> lastCause,
        int symbols) {
      this(state, since, reconnects, lastCause, symbols, Map.of(), Optional.empty());
    }

    public long totalReconnects() {
      return reconnects.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Why the state is DEGRADED, every cause joined, if it is. */
    public Optional<String> degradedReason() {
      return degradedBecause.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", degradedBecause.values()));
    }

    /** One line for a dashboard: the DEGRADED reason, else why the last connection ended, else empty. */
    public String text() {
      return degradedReason().or(this::lastCause).orElse("");
    }
  }

  private static final String OPSP_UNKNOWN_KEY = "OPSP0011";
  private static final String OPSP_ALREADY = "OPSP0002";

  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final KisConnector connector;
  private final SupervisorSettings settings;
  /** Gets every execution notice, decoded. */
  private final Consumer<BrokerReport> notices;
  private final ActorRef<ReconcilerActor.Command> reconciler;
  private final SessionClock sessions;
  private final Clock clock;
  private final SplittableRandom random = new SplittableRandom();

  private ConnectionState state = ConnectionState.DISCONNECTED;
  private Instant since;
  private final Map<Level, Long> reconnects = new EnumMap<>(Level.class);
  private String lastCause;
  private final Map<MarketFeed, Set<ActorRef<KisFeedEvent>>> trades = new LinkedHashMap<>();
  private final Map<MarketFeed, Set<ActorRef<KisFeedEvent>>> books = new LinkedHashMap<>();
  private final Map<Symbol, Set<ActorRef<KisFeedEvent>>> listeners = new HashMap<>();
  /** Market-status subscribers by stock, in the order asked for (the order slots are granted in). */
  private final Map<Symbol, Set<ActorRef<KisFeedEvent>>> statuses = new LinkedHashMap<>();
  /** The stocks whose market status this session holds a registration for. */
  private final Set<Symbol> statusHeld = new LinkedHashSet<>();
  /** The stocks last logged as getting no VI news, so the log says it once per change. */
  private List<Symbol> withoutViNews = List.of();
  private List<Symbol> loggedWithoutViNews = List.of();
  private final List<ActorRef<Status>> watchers = new ArrayList<>();
  private int generation;
  private int attempt;
  private int refusedKeys;
  private KisWebSocket ws;
  private Instant connectedAt;
  private Instant lastFrame;
  private Instant lastTrade;
  private Map<DegradedCause, String> announcedCauses = Map.of();
  /** Why DEGRADED is shown; WEBSOCKET only while the socket is not LIVE, the others only while it is. */
  private final Map<DegradedCause, String> causes = new EnumMap<>(DegradedCause.class);
  private final EventWindow throttles;
  private final EventWindow missed;
  /** The REST client's EGW00201 count at the last sample. */
  private long throttledSeen;
  /** Each market-data stream's learned gap and silence. */
  private final StreamWatch streamWatch;
  /** When each feed's trades (and book) were first subscribed: ties of priority go to the earlier. */
  private final Map<MarketFeed, Long> firstSubscribed = new HashMap<>();
  private final Map<MarketFeed, FeedPriority> priorities = new HashMap<>();
  private final Map<MarketFeed, Set<ActorRef<PolledPrint>>> pollSubscribers = new HashMap<>();
  /** The registrations asked of the current socket (those of the plan when it was made or changed). */
  private final Set<SlotPlan.Wanted> registered = new HashSet<>();
  /** Trade feeds whose registration KIS (or the socket's own count) refused on this socket: polled. */
  private final Set<MarketFeed> refused = new HashSet<>();
  private final PollSchedule polls;
  private boolean pollInFlight;

  private KisSupervisor(ActorContext<Command> ctx, TimerScheduler<Command> timers, KisConnector connector,
      SupervisorSettings settings, Consumer<BrokerReport> notices, ActorRef<ReconcilerActor.Command> reconciler,
      SessionClock sessions, StreamSessions streamSessions) {
    this.ctx = ctx;
    this.timers = timers;
    this.connector = connector;
    this.settings = settings;
    this.notices = notices;
    this.reconciler = reconciler;
    this.sessions = sessions;
    this.clock = sessions.clock();
    this.since = clock.instant();
    this.throttles = new EventWindow(settings.throttled().retention());
    this.missed = new EventWindow(settings.missedNotices().retention());
    this.throttledSeen = connector.rest().stats().throttled();
    this.streamWatch = new StreamWatch(settings.streams(), settings.watchdog().heartbeatSilence(), streamSessions,
        clock);
    this.polls = new PollSchedule(settings.polling(), connector.rateLimiter().permits(),
        connector.rateLimiter().window(), clock.instant());
    for (Level l : Level.values()) {
      reconnects.put(l, 0L);
    }
  }

  /**
   * Starts connecting at once.
   *
   * @param connector the app key's connector (REST, tokens, websocket factory); kept for life
   * @param notices gets every execution notice, decoded at the edge ({@link KisNotices}), as the
   *     message {@code asMessage} makes of it (the order gateway's, say): the supervisor knows no
   *     one's protocol but its own
   * @param reconciler runs after every (re)connect before the supervisor reports LIVE
   * @param sessions the market phase (trade-silence watchdog) and the clock
   */
  public static <N> Behavior<Command> create(KisConnector connector, SupervisorSettings settings,
      ActorRef<N> notices, Function<BrokerReport, ? extends N> asMessage, ActorRef<ReconcilerActor.Command> reconciler,
      SessionClock sessions) {
    return create(connector, settings, notices, asMessage, reconciler, sessions,
        StreamSessions.calendar(new MarketCalendar(sessions.calendar())));
  }

  /**
   * As above, with {@code streamSessions} saying when each venue's market data is due (the
   * per-stream watchdog judges silence only then).
   */
  public static <N> Behavior<Command> create(KisConnector connector, SupervisorSettings settings,
      ActorRef<N> notices, Function<BrokerReport, ? extends N> asMessage, ActorRef<ReconcilerActor.Command> reconciler,
      SessionClock sessions, StreamSessions streamSessions) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      KisSupervisor s = new KisSupervisor(ctx, timers, connector, settings, r -> notices.tell(asMessage.apply(r)),
          reconciler, sessions, streamSessions);
      timers.startTimerWithFixedDelay("watchdog", new WatchdogTick(), settings.watchdogInterval());
      reconciler.tell(new ReconcilerActor.ReportMissedNotices(ctx.messageAdapter(MissedNotices.class,
          NoticesMissed::new)));
      s.open(Level.SESSION);
      return s.behavior();
    }));
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(SubscribeMarket.class, this::onSubscribeMarket)
        .onMessage(SubscribeMarketStatus.class, this::onSubscribeMarketStatus)
        .onMessage(ListenMarket.class, m -> {
          listeners.computeIfAbsent(m.symbol(), k -> new HashSet<>()).add(m.subscriber());
          return Behaviors.same();
        })
        .onMessage(WatchStatus.class, m -> {
          watchers.add(m.subscriber());
          m.subscriber().tell(status());
          return Behaviors.same();
        })
        .onMessage(GetStatus.class, m -> {
          m.replyTo().tell(status());
          return Behaviors.same();
        })
        .onMessage(GetStreams.class, m -> {
          List<StreamWatch.Health> all = new ArrayList<>(streamWatch.health());
          all.addAll(polls.health(clock.instant()));
          m.replyTo().tell(new Streams(all));
          return Behaviors.same();
        })
        .onMessage(PollTick.class, m -> onPollTick())
        .onMessage(PollAnswered.class, this::onPollAnswered)
        .onMessage(ForceReconnect.class, m -> {
          attempt = 0;
          reconnect(m.level(), "forced by operator");
          return Behaviors.same();
        })
        .onMessage(Opened.class, this::onOpened)
        .onMessage(OpenFailed.class, m -> {
          if (m.generation() == generation) {
            reconnect(Level.WEBSOCKET, "open failed: " + describe(m.cause()));
          }
          return Behaviors.same();
        })
        .onMessage(Feed.class, this::onFeed)
        .onMessage(StreamEnded.class, m -> {
          if (m.generation() == generation) {
            reconnect(Level.WEBSOCKET, "stream ended: " + m.cause());
          }
          return Behaviors.same();
        })
        .onMessage(Subscribed.class, this::onSubscribed)
        .onMessage(Reconciled.class, m -> {
          if (m.generation() == generation && state == ConnectionState.SUBSCRIBING) {
            ctx.getLog().info("gap fill after connect: {}", m.outcome());
            attempt = 0;
            refusedKeys = 0;
            ConnectionState before = reported();
            state = ConnectionState.LIVE;
            streamWatch.restart();
            causes.remove(DegradedCause.WEBSOCKET);
            pollWhileDegraded();
            show(before, "subscribed and reconciled");
          }
          return Behaviors.same();
        })
        .onMessage(BackoffElapsed.class, m -> {
          if (m.generation() == generation && state == ConnectionState.RECONNECTING) {
            open(m.level());
          }
          return Behaviors.same();
        })
        .onMessage(WatchdogTick.class, m -> {
          sampleThrottles();
          watch();
          return Behaviors.same();
        })
        .onMessage(NoticesMissed.class, this::onNoticesMissed)
        .onMessage(RestProbed.class, this::onRestProbed)
        .onMessage(DegradedPoll.class, m -> {
          if (!causes.isEmpty()) {
            ActorRef<StatusReply<ReconcileReport>> ignore = ctx.getSystem().ignoreRef();
            reconciler.tell(new ReconcilerActor.RunNow(ignore));
          }
          return Behaviors.same();
        })
        .onSignal(PostStop.class, s -> {
          if (ws != null) {
            ws.close();
          }
          return Behaviors.same();
        })
        .build();
  }

  /** Gets an approval key (a new one for APPROVAL_KEY) and opens a socket, once the old one is closed. */
  private void open(Level level) {
    moveTo(ConnectionState.AUTHENTICATING, "opening a session (" + level + ")");
    int gen = generation;
    KisWebSocket old = ws;
    ws = null;
    CompletionStage<Object> oldClosed = old == null ? CompletableFuture.completedFuture(null)
        : old.closed().<Object>thenApply(d -> d).toCompletableFuture()
            .completeOnTimeout(null, 5, TimeUnit.SECONDS).exceptionally(t -> null);
    CompletionStage<KisWebSocket> opened = oldClosed.thenCompose(x -> {
      if (level == Level.APPROVAL_KEY && old != null) {
        return connector.openWebSocketWithNewApprovalKey(old);
      }
      if (level == Level.SESSION) {
        // The access token is checked (and renewed if due) with the session, so REST is ready too.
        return connector.tokens().accessToken().thenCompose(t -> connector.openWebSocket());
      }
      return connector.openWebSocket();
    });
    ctx.pipeToSelf(opened, (socket, failure) -> failure == null ? new Opened(gen, socket) : new OpenFailed(gen, failure));
  }

  private Behavior<Command> onOpened(Opened m) {
    if (m.generation() != generation) {
      m.ws().close();
      return Behaviors.same();
    }
    ws = m.ws();
    moveTo(ConnectionState.CONNECTING, "approval key ready");
    int gen = generation;
    ws.events().map(e -> (Command) new Feed(gen, e))
        .runWith(ActorSink.actorRef(ctx.getSelf(), new StreamEnded(gen, "completed"),
            t -> new StreamEnded(gen, describe(t))), ctx.getSystem());
    return Behaviors.same();
  }

  private Behavior<Command> onFeed(Feed m) {
    if (m.generation() != generation) {
      return Behaviors.same();
    }
    KisFeedEvent e = m.event();
    Instant now = clock.instant();
    lastFrame = now;
    StreamFrames.of(e).ifPresent(f -> streamWatch.frame(f.key(), f.halted()));
    if (e instanceof KisFeedEvent.Trade t) {
      lastTrade = now;
      Symbol s = Symbol.of(t.symbol());
      forward(trades.get(new MarketFeed(KisMarketData.source(t.market()), s)), e);
      forward(listeners.get(s), e);
    } else if (e instanceof KisFeedEvent.OrderBook b) {
      Symbol s = Symbol.of(b.symbol());
      forward(books.get(new MarketFeed(KisMarketData.source(b.market()), s)), e);
      forward(listeners.get(s), e);
    } else if (e instanceof KisFeedEvent.MarketStatus st) {
      forward(statuses.get(Symbol.of(st.symbol())), e);
    } else if (e instanceof KisFeedEvent.ExecutionNotice n) {
      notices.accept(KisNotices.decode(n));
    } else if (e instanceof KisFeedEvent.Connected) {
      connectedAt = now;
      lastTrade = null;
      moveTo(ConnectionState.SUBSCRIBING, "socket open");
      subscribeAll();
    } else if (e instanceof KisFeedEvent.Disconnected d) {
      reconnect(Level.WEBSOCKET, "disconnected: " + d.cause());
    }
    return Behaviors.same();
  }

  private void subscribeAll() {
    int gen = generation;
    KisWebSocket socket = ws;
    List<CompletableFuture<KisFeedEvent.SubscriptionAck>> acks = new ArrayList<>();
    // The notices first: if KIS's registrations run out, a market feed goes without, never the fills.
    if (settings.executionNotices()) {
      acks.add(socket.subscribeExecutionNotices(connector.credentials().htsId(), connector.paper())
          .toCompletableFuture());
    }
    registered.clear();
    refused.clear();
    Set<SlotPlan.Wanted> plan = plan();
    for (SlotPlan.Wanted w : plan) {
      registered.add(w);
      acks.add(register(socket, w));
    }
    watchRegistered();
    repoll();
    // Market status last, in the slots the notices, prints and books left.
    statusHeld.clear();
    for (Symbol s : statusSlots().granted(printSlots(), statusWanted())) {
      statusHeld.add(s);
      acks.add(beyondLimitRefused(socket.subscribeMarketStatus(s.code()), FrameParser.MARKET_STATUS, s.code(),
          "market status of " + s.code()));
    }
    logWithoutViNews();
    CompletableFuture<List<KisFeedEvent.SubscriptionAck>> all = CompletableFuture
        .allOf(acks.toArray(CompletableFuture[]::new))
        .thenApply(v -> acks.stream().map(CompletableFuture::join).toList())
        .orTimeout(settings.subscribeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    ctx.pipeToSelf(all, (list, failure) -> new Subscribed(gen, list, failure));
  }

  /**
   * A market feed beyond KIS's registration limit is one refused feed, not a failed session: a
   * reconnect would meet the same limit again, and every other feed would stay down meanwhile.
   */
  private CompletableFuture<KisFeedEvent.SubscriptionAck> beyondLimitRefused(
      CompletionStage<KisFeedEvent.SubscriptionAck> ack, String trId, MarketFeed feed) {
    return beyondLimitRefused(ack, trId, feed.symbol().code(), feed.toString());
  }

  private static CompletableFuture<KisFeedEvent.SubscriptionAck> beyondLimitRefused(
      CompletionStage<KisFeedEvent.SubscriptionAck> ack, String trId, String key, String shown) {
    return ack.toCompletableFuture().exceptionally(t -> {
      Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
      if (c instanceof SubscriptionLimitException) {
        return new KisFeedEvent.SubscriptionAck(trId, key,
            true, false, "LIMIT", "no registration left for " + shown + ": " + c.getMessage());
      }
      throw t instanceof CompletionException ce ? ce : new CompletionException(t);
    });
  }

  private Behavior<Command> onSubscribed(Subscribed m) {
    if (m.generation() != generation || state != ConnectionState.SUBSCRIBING) {
      return Behaviors.same();
    }
    if (m.failure() != null) {
      reconnect(Level.WEBSOCKET, "subscribing failed: " + describe(m.failure()));
      return Behaviors.same();
    }
    servedOrPolled(m.acks());
    Optional<KisFeedEvent.SubscriptionAck> refusedAck = m.acks().stream().filter(a -> !a.success()).findFirst();
    if (refusedAck.isPresent()) {
      KisFeedEvent.SubscriptionAck a = refusedAck.get();
      if (OPSP_UNKNOWN_KEY.equals(a.msgCd())) {
        if (++refusedKeys > settings.maxApprovalKeyRetries()) {
          disable("approval key refused " + refusedKeys + " times (" + a.msgCd() + ")");
        } else {
          reconnect(Level.APPROVAL_KEY, "approval key refused (" + a.msgCd() + ")");
        }
        return Behaviors.same();
      }
      // One refused feed (an unknown symbol, say) must not keep every other feed down.
      ctx.getLog().warn("subscription {} refused: {} {}", a.trId(), a.msgCd(), a.msg1());
    }
    int gen = generation;
    ctx.ask(StatusReply.class, reconciler, settings.reconcileTimeout(),
        (ActorRef<StatusReply> r) -> new ReconcilerActor.RunNow(narrowReply(r)),
        (reply, failure) -> new Reconciled(gen, outcome(reply, failure)));
    return Behaviors.same();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ActorRef<StatusReply<ReconcileReport>> narrowReply(ActorRef<StatusReply> r) {
    return (ActorRef) r;
  }

  private static String outcome(StatusReply<?> reply, Throwable failure) {
    if (failure != null) {
      return "not finished (" + describe(failure) + "); going live anyway";
    }
    if (reply.isError()) {
      return "failed (" + reply.getError().getMessage() + "); going live anyway";
    }
    return reply.getValue() instanceof ReconcileReport r ? r.summary() : String.valueOf(reply.getValue());
  }

  private Behavior<Command> onSubscribeMarket(SubscribeMarket m) {
    MarketFeed feed = new MarketFeed(m.source(), m.symbol());
    trades.computeIfAbsent(feed, k -> new HashSet<>()).add(m.subscriber());
    if (m.orderBook()) {
      books.computeIfAbsent(feed, k -> new HashSet<>()).add(m.subscriber());
    }
    firstSubscribed.putIfAbsent(feed, (long) firstSubscribed.size());
    priorities.merge(feed, m.priority(), FeedPriority::max);
    if (m.polled() != null) {
      pollSubscribers.computeIfAbsent(feed, k -> new HashSet<>()).add(m.polled());
    }
    // Before the socket is open, subscribeAll follows the plan; once it is open (while subscribing
    // too: a repeat is acknowledged as ALREADY IN SUBSCRIBE) the plan's change is made now.
    if (ws != null && (state == ConnectionState.LIVE || state == ConnectionState.SUBSCRIBING)) {
      replan(ws);
    } else {
      noteWithoutViNews();
    }
    repoll();
    return Behaviors.same();
  }

  /** The registrations the feeds get now: the highest priority first, within KIS's limit less the notices. */
  private Set<SlotPlan.Wanted> plan() {
    List<SlotPlan.Wanted> wanted = new ArrayList<>();
    trades.keySet().forEach(f -> wanted.add(new SlotPlan.Wanted(f, false, priorities.getOrDefault(f,
        FeedPriority.PRINTS), firstSubscribed.getOrDefault(f, Long.MAX_VALUE))));
    books.keySet().forEach(f -> wanted.add(new SlotPlan.Wanted(f, true, priorities.getOrDefault(f,
        FeedPriority.PRINTS), firstSubscribed.getOrDefault(f, Long.MAX_VALUE))));
    int slots = connector.config().maxSubscriptions() - (settings.executionNotices() ? 1 : 0);
    return SlotPlan.streamed(wanted, slots);
  }

  /**
   * Moves the open socket to the current plan: a registration that lost its slot to a feed of
   * higher priority is dropped first (KIS counts it until the unsubscribe is acknowledged), then
   * the new ones are asked for. Futures complete on the socket's thread: only logging happens there.
   */
  private void replan(KisWebSocket socket) {
    Set<SlotPlan.Wanted> plan = plan();
    List<SlotPlan.Wanted> dropped = registered.stream().filter(w -> !plan.contains(w)).toList();
    List<SlotPlan.Wanted> added = plan.stream().filter(w -> !registered.contains(w)).toList();
    if (dropped.isEmpty() && added.isEmpty()) {
      return;
    }
    registered.removeAll(dropped);
    registered.addAll(added);
    watchRegistered();
    List<CompletableFuture<?>> gone = new ArrayList<>();
    for (SlotPlan.Wanted w : dropped) {
      QuoteMarket q = KisMarketData.market(w.feed().source());
      ctx.getLog().info("{} {} gives its registration to a feed of higher priority; polled from now on",
          w.feed(), w.book() ? "book" : "trades");
      gone.add(socket.unsubscribe(w.book() ? q.bookTr() : q.tradeTr(), w.feed().symbol().code())
          .toCompletableFuture().exceptionally(t -> null));
    }
    gone.add(roomForPrints(socket).toCompletableFuture()); // prints before VI news
    CompletableFuture<Void> freed = CompletableFuture.allOf(gone.toArray(CompletableFuture[]::new));
    for (SlotPlan.Wanted w : added) {
      QuoteMarket q = KisMarketData.market(w.feed().source());
      warnIfRefused(freed.thenCompose(x -> register(socket, w)), w.book() ? q.bookTr() : q.tradeTr(), w.feed());
    }
  }

  /** The per-stream watchdog judges the registered streams only (a polled feed's old stream is silent by design). */
  private void watchRegistered() {
    Set<StreamWatch.Key> keys = new HashSet<>();
    for (SlotPlan.Wanted w : registered) {
      QuoteMarket q = KisMarketData.market(w.feed().source());
      keys.add(new StreamWatch.Key(w.feed().symbol(), w.book() ? q.bookTr() : q.tradeTr(), StreamFrames.venue(q)));
    }
    streamWatch.keepOnly(keys);
  }

  private CompletableFuture<KisFeedEvent.SubscriptionAck> register(KisWebSocket socket, SlotPlan.Wanted w) {
    QuoteMarket q = KisMarketData.market(w.feed().source());
    String code = w.feed().symbol().code();
    return w.book() ? beyondLimitRefused(socket.subscribeOrderBook(q, code), q.bookTr(), w.feed())
        : beyondLimitRefused(socket.subscribeTrades(q, code), q.tradeTr(), w.feed());
  }

  /** A trade registration refused on this socket (the limit, an unknown symbol) leaves its feed to the poller. */
  private void servedOrPolled(List<KisFeedEvent.SubscriptionAck> acks) {
    for (KisFeedEvent.SubscriptionAck a : acks) {
      // ALREADY IN SUBSCRIBE: the registration stands, its prints come.
      if (!a.success() && !OPSP_ALREADY.equals(a.msgCd())) {
        registered.stream().filter(w -> !w.book() && w.feed().symbol().code().equals(a.trKey())
            && KisMarketData.market(w.feed().source()).tradeTr().equals(a.trId()))
            .forEach(w -> refused.add(w.feed()));
      }
    }
    repoll();
  }

  /** Every trade feed without a registration in the plan (or refused one) is polled; the timer follows. */
  private void repoll() {
    Set<MarketFeed> streamed = new HashSet<>();
    plan().stream().filter(w -> !w.book()).forEach(w -> streamed.add(w.feed()));
    streamed.removeAll(refused);
    Set<MarketFeed> polled = new java.util.LinkedHashSet<>(trades.keySet());
    polled.removeAll(streamed);
    Set<MarketFeed> before = polls.feeds();
    polls.poll(polled);
    if (!polled.equals(before)) {
      ctx.getLog().info("{} feed(s) streamed, {} polled by REST (each every {} ms)", trades.size() - polled.size(),
          polled.size(), polls.symbolInterval().toMillis());
    }
    if (!polled.isEmpty() && !timers.isTimerActive("poll") && !pollInFlight) {
      timers.startSingleTimer("poll", new PollTick(), polls.callInterval());
    }
  }

  /**
   * One poll, when the REST budget has a permit free now: a call that would queue is skipped (the
   * orders and the reconciler go first), and the next tries one interval later.
   */
  private Behavior<Command> onPollTick() {
    Optional<MarketFeed> next = connector.rateLimiter().freeNow() ? polls.next() : Optional.empty();
    if (next.isEmpty()) {
      if (!polls.feeds().isEmpty()) {
        timers.startSingleTimer("poll", new PollTick(), polls.callInterval());
      }
      return Behaviors.same();
    }
    MarketFeed f = next.get();
    pollInFlight = true;
    ctx.pipeToSelf(connector.rest().inquirePrice(KisMarketData.market(f.source()), f.symbol().code()),
        (q, t) -> t == null ? new PollAnswered(f, q.stckPrpr(), q.acmlVol(), null)
            : new PollAnswered(f, 0, 0, describe(t)));
    return Behaviors.same();
  }

  private Behavior<Command> onPollAnswered(PollAnswered m) {
    pollInFlight = false;
    if (m.failure() != null) {
      polls.failed(m.feed(), m.failure());
      ctx.getLog().debug("poll of {} failed: {}", m.feed(), m.failure());
    } else {
      polls.answered(m.feed(), m.price(), m.cumulativeVolume(), clock.instant()).ifPresent(p -> {
        Set<ActorRef<PolledPrint>> to = pollSubscribers.get(m.feed());
        if (to != null) {
          to.forEach(r -> r.tell(p));
        }
      });
    }
    if (!polls.feeds().isEmpty()) {
      timers.startSingleTimer("poll", new PollTick(), polls.callInterval());
    }
    return Behaviors.same();
  }

  /**
   * A new print or book feed while connected: if the status registrations hold the slot it needs,
   * the latest granted one is given up first (prints before VI news), then the feed subscribes.
   */
  private CompletionStage<?> roomForPrints(KisWebSocket socket) {
    List<Symbol> keep = statusSlots().granted(printSlots(), statusWanted());
    CompletableFuture<?> done = CompletableFuture.completedFuture(null);
    for (Symbol s : List.copyOf(statusHeld)) {
      if (!keep.contains(s)) {
        statusHeld.remove(s);
        done = done.thenCompose(x -> socket.unsubscribe(FrameParser.MARKET_STATUS, s.code()).toCompletableFuture()
            .exceptionally(t -> null));
      }
    }
    noteWithoutViNews();
    return done;
  }

  private Behavior<Command> onSubscribeMarketStatus(SubscribeMarketStatus m) {
    boolean fresh = statuses.computeIfAbsent(m.symbol(), k -> new HashSet<>()).add(m.subscriber())
        && statuses.get(m.symbol()).size() == 1;
    if (fresh && ws != null && (state == ConnectionState.LIVE || state == ConnectionState.SUBSCRIBING)
        && statusSlots().granted(printSlots(), statusWanted()).contains(m.symbol())) {
      statusHeld.add(m.symbol());
      org.slf4j.Logger log = ctx.getLog();
      beyondLimitRefused(ws.subscribeMarketStatus(m.symbol().code()), FrameParser.MARKET_STATUS, m.symbol().code(),
          "market status of " + m.symbol().code()).whenComplete((a, t) -> {
            if (t != null || !a.success()) {
              log.warn("market status of {} not registered: {}", m.symbol(), t != null ? describe(t) : a.msg1());
            }
          });
    }
    noteWithoutViNews();
    return Behaviors.same();
  }

  /** Registrations the notices, prints and books take (counted before any market status). */
  private int printSlots() {
    return (settings.executionNotices() ? 1 : 0) + plan().size();
  }

  private StatusSlots statusSlots() {
    return new StatusSlots(connector.config().maxSubscriptions());
  }

  /** The stocks whose market status is asked for; none on paper, which has no such TR. */
  private List<Symbol> statusWanted() {
    return connector.paper() ? List.of() : List.copyOf(statuses.keySet());
  }

  /**
   * Which stocks get no live VI news, for want of a registration (the status shows them); a change
   * is announced to the status's watchers (the account desk, so the dashboard lists them).
   */
  private void noteWithoutViNews() {
    List<Symbol> before = withoutViNews;
    withoutViNews = statusSlots().without(printSlots(), statusWanted());
    if (!withoutViNews.equals(before)) {
      Status s = status();
      watchers.forEach(w -> w.tell(s));
    }
  }

  /**
   * Logs the stocks without VI news when a session registers (not at every agent's registration,
   * which changes the list one stock at a time), and again only if the list changed since.
   */
  private void logWithoutViNews() {
    noteWithoutViNews();
    List<Symbol> now = withoutViNews;
    if (!now.equals(loggedWithoutViNews)) {
      loggedWithoutViNews = now;
      if (!now.isEmpty()) {
        ctx.getLog().warn("no websocket registration left for the market status (H0STMKO0) of {}: no live VI news"
            + " for them ({} of {} registrations taken by notices, prints and books)", now, printSlots(),
            connector.config().maxSubscriptions());
      }
    }
  }

  /** Logged from the socket's thread: the actor's state is not touched. */
  private void warnIfRefused(CompletionStage<KisFeedEvent.SubscriptionAck> ack, String trId, MarketFeed feed) {
    org.slf4j.Logger log = ctx.getLog();
    beyondLimitRefused(ack, trId, feed).whenComplete((a, t) -> {
      if (t != null) {
        log.warn("subscription of {} failed: {}", feed, describe(t));
      } else if (!a.success()) {
        log.warn("subscription of {} refused: {} {}", feed, a.msgCd(), a.msg1());
      }
    });
  }

  private void watch() {
    if (state != ConnectionState.LIVE || connectedAt == null) {
      return;
    }
    Instant now = clock.instant();
    StalenessWatchdog.Verdict v = settings.watchdog().check(
        new StalenessWatchdog.Observed(connectedAt, Optional.ofNullable(lastFrame), Optional.ofNullable(lastTrade),
            !trades.isEmpty()),
        now, sessions.phaseAt(now), phaseStart());
    if (v.stale()) {
      moveTo(ConnectionState.STALE, v.reason());
      reconnect(Level.WEBSOCKET, "stale: " + v.reason());
      return;
    }
    streamWatch.check().ifPresent(stale -> {
      moveTo(ConnectionState.STALE, stale.reason());
      reconnect(Level.WEBSOCKET, "stale: " + stale.reason());
    });
  }

  private Instant phaseStart() {
    try {
      return sessions.currentPhaseStart();
    } catch (RuntimeException e) {
      return connectedAt;
    }
  }

  /** Drops the current session and schedules the next attempt after the backoff delay. */
  private void reconnect(Level level, String cause) {
    if (state == ConnectionState.DISABLED) {
      return;
    }
    generation++;
    lastCause = cause;
    reconnects.merge(level, 1L, Long::sum);
    streamWatch.restart();
    if (ws != null) {
      ws.close();
    }
    Duration delay = settings.backoff().delay(attempt, random);
    attempt++;
    if (state != ConnectionState.RECONNECTING) {
      moveTo(ConnectionState.RECONNECTING, cause);
    }
    ctx.getLog().warn("KIS session lost ({}); reconnecting ({}) in {} ms", cause, level, delay.toMillis());
    timers.startSingleTimer("backoff", new BackoffElapsed(generation, level), delay);
    if (attempt >= settings.degradedAfter()) {
      probeRest();
    }
  }

  /** Whether REST still answers while the websocket does not: a quote of a subscribed symbol, else the token. */
  private void probeRest() {
    CompletionStage<?> probe = trades.isEmpty() ? connector.tokens().accessToken()
        : connector.rest().inquirePrice(trades.keySet().iterator().next().symbol().code());
    ctx.pipeToSelf(probe, (ok, failure) -> new RestProbed(failure == null ? null : describe(failure)));
  }

  private Behavior<Command> onRestProbed(RestProbed m) {
    if (state == ConnectionState.LIVE || state == ConnectionState.DISABLED) {
      return Behaviors.same();
    }
    if (m.failure() == null && !causes.containsKey(DegradedCause.WEBSOCKET)) {
      enterDegraded(DegradedCause.WEBSOCKET, "websocket failed " + attempt + " attempts in a row, REST answers: fills"
          + " polled every " + settings.degradedPoll().toMillis() + " ms, no new orders");
    } else if (m.failure() != null && causes.containsKey(DegradedCause.WEBSOCKET)) {
      leaveDegraded(DegradedCause.WEBSOCKET, "REST fails too: " + m.failure());
    }
    return Behaviors.same();
  }

  /**
   * Samples the REST client's EGW00201 count. The limiter paces every call to the budget, so
   * refusals beyond a few mean KIS allows this key less than we think.
   */
  private void sampleThrottles() {
    long total = connector.rest().stats().throttled();
    Instant now = clock.instant();
    throttles.add(now, total - throttledSeen);
    throttledSeen = total;
    judge(DegradedCause.RATE_LIMITED, throttles, now, settings.throttled(),
        "KIS answered EGW00201 (rate limit) %d times in the last %d s");
  }

  private Behavior<Command> onNoticesMissed(NoticesMissed m) {
    // Outside LIVE the fills come by inquiry anyway (reconnect gap fill, websocket DEGRADED).
    if (state != ConnectionState.LIVE) {
      return Behaviors.same();
    }
    Instant now = clock.instant();
    missed.add(now, m.report().fills());
    judge(DegradedCause.NOTICES_LOST, missed, now, settings.missedNotices(),
        "%d fills in the last %d s came only from the inquiry (execution notices lost)");
    return Behaviors.same();
  }

  /** Enters {@code cause} at the trigger's limit within its window; leaves it after its calm. */
  private void judge(DegradedCause cause, EventWindow events, Instant now, SupervisorSettings.Trouble trigger,
      String format) {
    if (!causes.containsKey(cause)) {
      long seen = events.count(now, trigger.window());
      if (seen >= trigger.limit()) {
        enterDegraded(cause, String.format(format, seen, trigger.window().toSeconds()) + "; fills polled every "
            + settings.degradedPoll().toMillis() + " ms");
      }
    } else if (events.count(now, trigger.calm()) == 0) {
      // What came before the calm must not bring the cause straight back: count afresh.
      events.clear();
      leaveDegraded(cause, "none in the last " + trigger.calm().toMillis() + " ms");
    }
  }

  private void enterDegraded(DegradedCause cause, String why) {
    ConnectionState before = reported();
    causes.put(cause, why);
    pollWhileDegraded();
    ctx.getLog().warn("KIS degraded ({}): {}", cause, why);
    show(before, why);
  }

  private void leaveDegraded(DegradedCause cause, String why) {
    ConnectionState before = reported();
    if (causes.remove(cause) == null) {
      return;
    }
    pollWhileDegraded();
    ctx.getLog().info("KIS no longer degraded by {}: {}", cause, why);
    show(before, why);
  }

  /** The reconciler stands in for the notices while any cause holds. */
  private void pollWhileDegraded() {
    if (causes.isEmpty()) {
      timers.cancel("degraded-poll");
    } else if (!timers.isTimerActive("degraded-poll")) {
      timers.startTimerWithFixedDelay("degraded-poll", new DegradedPoll(), settings.degradedPoll());
    }
  }

  private void disable(String why) {
    causes.clear();
    pollWhileDegraded();
    generation++;
    if (ws != null) {
      ws.close();
    }
    lastCause = why;
    moveTo(ConnectionState.DISABLED, why);
  }

  private void moveTo(ConnectionState next, String why) {
    if (next == state) {
      return;
    }
    ConnectionState before = reported();
    state = next;
    show(before, why);
  }

  /** Logs and announces the shown state if it changed from {@code before}; a change of DEGRADED causes is announced too. */
  private void show(ConnectionState before, String why) {
    ConnectionState now = reported();
    Map<DegradedCause, String> shownCauses = shownCauses();
    if (now == before) {
      if (!shownCauses.equals(announcedCauses)) {
        announcedCauses = shownCauses;
        Status s = status();
        watchers.forEach(w -> w.tell(s));
      }
      ctx.getLog().debug("KIS connection attempt while {}: {} ({})", now, state, why);
      return;
    }
    announcedCauses = shownCauses;
    if (!before.canMoveTo(now)) {
      // The table is the contract; a path it lacks goes through RECONNECTING's successors.
      ctx.getLog().warn("connection state {} -> {} is not in the table ({}); taking it anyway", before, now, why);
    }
    ctx.getLog().info("KIS connection {} -> {}: {}", before, now, why);
    since = clock.instant();
    Status s = status();
    watchers.forEach(w -> w.tell(s));
  }

  /**
   * The state shown: DEGRADED hides the websocket attempts going on behind it, and covers a LIVE
   * socket while KIS throttles us or loses notices.
   */
  private ConnectionState reported() {
    if (state == ConnectionState.DISABLED) {
      return state;
    }
    if (state == ConnectionState.LIVE) {
      return causes.keySet().stream().anyMatch(c -> c != DegradedCause.WEBSOCKET) ? ConnectionState.DEGRADED : state;
    }
    return causes.containsKey(DegradedCause.WEBSOCKET) ? ConnectionState.DEGRADED : state;
  }

  /** The causes behind the shown DEGRADED (none when another state is shown). */
  private Map<DegradedCause, String> shownCauses() {
    if (reported() != ConnectionState.DEGRADED) {
      return Map.of();
    }
    Map<DegradedCause, String> shown = new EnumMap<>(causes);
    if (state == ConnectionState.LIVE) {
      shown.remove(DegradedCause.WEBSOCKET);
    }
    return shown;
  }

  private Status status() {
    Set<Symbol> symbols = new HashSet<>();
    trades.keySet().forEach(f -> symbols.add(f.symbol()));
    books.keySet().forEach(f -> symbols.add(f.symbol()));
    return new Status(reported(), since, Map.copyOf(reconnects), Optional.ofNullable(lastCause), symbols.size(),
        shownCauses(), Optional.ofNullable(lastFrame), withoutViNews);
  }

  private static void forward(Set<ActorRef<KisFeedEvent>> to, KisFeedEvent e) {
    if (to != null) {
      to.forEach(r -> r.tell(e));
    }
  }

  private static String describe(Throwable t) {
    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }
}
