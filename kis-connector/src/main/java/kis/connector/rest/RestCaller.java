package kis.connector.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import kis.connector.Delayer;
import kis.connector.KisApiException;
import kis.connector.KisConfig;
import kis.connector.KisCredentials;
import kis.connector.KisException;
import kis.connector.KisNotSentException;
import kis.connector.KisTransportException;
import kis.connector.auth.AccessToken;
import kis.connector.auth.TokenManager;
import kis.connector.http.ConnectionNotMade;
import kis.connector.http.HttpCall;
import kis.connector.http.HttpReply;
import kis.connector.http.HttpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call discipline shared by every endpoint: rate limit, token, headers, then either the read
 * policy (retry with backoff, continuation paging) or the order policy (never retried; an
 * ambiguous result is in doubt).
 */
final class RestCaller {
  private static final Logger LOG = LoggerFactory.getLogger(RestCaller.class);
  static final String NOT_SENT = "NOT_SENT";

  private final KisConfig config;
  private final KisCredentials credentials;
  private final TokenManager tokens;
  private final RateLimiter limiter;
  private final HttpTransport transport;
  private final Delayer delayer;
  private final InFlightLimit inFlight;
  private final java.util.concurrent.atomic.LongAdder throttled = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder retries = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder inDoubt = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder notSent = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder notSentReads = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder tokenRejections = new java.util.concurrent.atomic.LongAdder();
  /** Order calls waiting for an access token right now (the issuance may wait out KIS's minute). */
  private final java.util.concurrent.atomic.AtomicInteger ordersAwaitingToken =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile RestListener listener = RestListener.NONE;

  RestCaller(KisConfig config, KisCredentials credentials, TokenManager tokens, RateLimiter limiter,
      HttpTransport transport, Delayer delayer) {
    this.config = config;
    this.credentials = credentials;
    this.tokens = tokens;
    this.limiter = limiter;
    this.transport = transport;
    this.delayer = delayer;
    this.inFlight = new InFlightLimit(config.maxConnections());
  }

  KisCredentials credentials() {
    return credentials;
  }

  void listener(RestListener l) {
    this.listener = l == null ? RestListener.NONE : l;
  }

  int ordersAwaitingToken() {
    return ordersAwaitingToken.get();
  }

  RestStats stats() {
    return new RestStats(throttled.sum(), retries.sum(), inDoubt.sum(), tokenRejections.sum(), notSent.sum(),
        notSentReads.sum());
  }

  /**
   * One read (one page), retried on timeouts, connection errors, 5xx and throttling. Each attempt
   * is written only within {@code readQueueTimeout} of its start, else the read fails with
   * {@link KisNotSentException} and is not retried.
   */
  CompletionStage<Envelope> read(Tr tr, Map<String, String> query, boolean nextPage) {
    return readAttempt(tr, query, nextPage, 1, config.retryBackoff(), false);
  }

  /** Every page of a continuation TR, in order. */
  CompletionStage<List<Envelope>> readAllPages(Tr tr, Function<PageKeys, Map<String, String>> query) {
    return nextPage(tr, query, PageKeys.FIRST, false, new ArrayList<>());
  }

  /**
   * One order call; the outcome is never an exception. It is written to the wire only within
   * {@code orderQueueTimeout} of this call (else {@link OrderOutcome.NotSent}); once written, its
   * reply is awaited for {@code orderTimeout} (else {@link OrderOutcome.InDoubt}).
   */
  CompletionStage<OrderOutcome> order(Tr tr, Map<String, String> body) {
    return orderAttempt(tr, body, false, QueueDeadline.in(config.orderQueueTimeout(), "order-queue-timeout"));
  }

  private CompletionStage<List<Envelope>> nextPage(Tr tr, Function<PageKeys, Map<String, String>> query, PageKeys keys,
      boolean continuation, List<Envelope> pages) {
    return read(tr, query.apply(keys), continuation).thenCompose(env -> {
      pages.add(env);
      PageKeys next = env.pageKeys();
      if (env.hasMorePages() && !next.blank()) {
        if (pages.size() >= config.maxPages()) {
          return CompletableFuture.failedFuture(
              new KisTransportException(tr.name() + ": more than " + config.maxPages() + " pages; stopped"));
        }
        return nextPage(tr, query, next, true, pages);
      }
      return CompletableFuture.completedFuture(pages);
    });
  }

  private CompletionStage<Envelope> readAttempt(Tr tr, Map<String, String> query, boolean nextPage, int attempt,
      Duration backoff, boolean tokenRenewed) {
    String path = tr.path() + queryString(query);
    QueueDeadline deadline = QueueDeadline.in(config.readQueueTimeout(), "read-queue-timeout");
    return exchange(tr, "GET", path, null, nextPage, config.readTimeout(), deadline).handle((ex, failure) -> {
      if (failure != null) {
        Throwable cause = unwrap(failure);
        if (cause instanceof NotSent ns) {
          cause = ns.getCause();
          if (cause instanceof KisNotSentException notSent) {
            // Queued past its deadline: a retry would queue again behind the same congestion.
            notSentReads.increment();
            LOG.warn("{}", notSent.getMessage());
            return CompletableFuture.<Envelope>failedFuture(notSent);
          }
        }
        if (cause instanceof KisException k && !(cause instanceof KisTransportException)) {
          return CompletableFuture.<Envelope>failedFuture(k);
        }
        return retryRead(tr, query, nextPage, attempt, backoff, tokenRenewed, describe(cause), cause);
      }
      Reply reply = count(Reply.classify(ex.reply()));
      if (reply instanceof Reply.Ok ok) {
        return CompletableFuture.completedFuture(ok.envelope());
      }
      if (reply instanceof Reply.TokenRejected t) {
        if (tokenRenewed) {
          return CompletableFuture.<Envelope>failedFuture(apiError(tr, t.envelope()));
        }
        return tokens.reissueAfterRejection(ex.token())
            .thenCompose(tok -> readAttempt(tr, query, nextPage, attempt, backoff, true));
      }
      if (reply instanceof Reply.Failed f) {
        return CompletableFuture.<Envelope>failedFuture(apiError(tr, f.envelope()));
      }
      String why = reply instanceof Reply.NoEnvelope n ? "HTTP " + n.status() + " without a KIS envelope"
          : envelopeOf(reply).msgCd() + " " + envelopeOf(reply).msg1();
      KisException last = reply instanceof Reply.NoEnvelope ? new KisTransportException(tr.name() + ": " + why)
          : apiError(tr, envelopeOf(reply));
      return retryRead(tr, query, nextPage, attempt, backoff, tokenRenewed, why, last);
    }).thenCompose(Function.identity());
  }

  private CompletionStage<Envelope> retryRead(Tr tr, Map<String, String> query, boolean nextPage, int attempt,
      Duration backoff, boolean tokenRenewed, String why, Throwable last) {
    if (attempt >= config.readAttempts()) {
      Throwable t = last instanceof KisException ? last
          : new KisTransportException(tr.name() + " failed after " + attempt + " attempts: " + why, last);
      return CompletableFuture.failedFuture(t);
    }
    retries.increment();
    LOG.debug("{} attempt {} failed ({}); retrying in {} ms", tr, attempt, why, backoff.toMillis());
    Duration nextBackoff = backoff.multipliedBy(2).compareTo(config.retryBackoffMax()) > 0
        ? config.retryBackoffMax() : backoff.multipliedBy(2);
    return delayer.delay(backoff)
        .thenCompose(v -> readAttempt(tr, query, nextPage, attempt + 1, nextBackoff, tokenRenewed));
  }

  private CompletionStage<OrderOutcome> orderAttempt(Tr tr, Map<String, String> body, boolean tokenRenewed,
      QueueDeadline deadline) {
    String json;
    try {
      json = KisJson.MAPPER.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return CompletableFuture.completedFuture(new OrderOutcome.Rejected("LOCAL", "order body could not be written"));
    }
    return exchange(tr, "POST", tr.path(), json, false, config.orderTimeout(), deadline).handle((ex, failure) -> {
      if (failure != null) {
        Throwable cause = unwrap(failure);
        if (cause instanceof NotSent || cause instanceof ConnectionNotMade) {
          // No access token, no TR id, the queue deadline passed, or its connection could not be
          // made (the pool writes a request only on a connection that is up, TLS included): the
          // order never left this process, and never will.
          Throwable why = cause instanceof NotSent ns ? ns.getCause() : cause;
          String code = why instanceof KisApiException k ? k.msgCd() : NOT_SENT;
          notSent.increment();
          LOG.warn("{} order not sent: {}", tr, describe(why));
          return CompletableFuture.<OrderOutcome>completedFuture(new OrderOutcome.NotSent(code, describe(why)));
        }
        inDoubt.increment();
        LOG.warn("{} order call has no definitive answer: {}", tr, describe(cause));
        return CompletableFuture.<OrderOutcome>completedFuture(new OrderOutcome.InDoubt(describe(cause)));
      }
      Reply reply = count(Reply.classify(ex.reply()));
      if (reply instanceof Reply.Ok ok) {
        return CompletableFuture.completedFuture(accepted(ok.envelope()));
      }
      if (reply instanceof Reply.Throttled t) {
        return CompletableFuture.<OrderOutcome>completedFuture(
            new OrderOutcome.Throttled(t.envelope().msgCd(), t.envelope().msg1()));
      }
      if (reply instanceof Reply.TokenRejected t) {
        if (tokenRenewed) {
          return CompletableFuture.<OrderOutcome>completedFuture(
              new OrderOutcome.Rejected(t.envelope().msgCd(), t.envelope().msg1()));
        }
        // The gateway refused the token before the order system saw the order: resending is safe.
        return tokens.reissueAfterRejection(ex.token()).thenCompose(tok -> orderAttempt(tr, body, true, deadline));
      }
      if (reply instanceof Reply.Failed f) {
        return CompletableFuture.<OrderOutcome>completedFuture(
            new OrderOutcome.Rejected(f.envelope().msgCd(), f.envelope().msg1()));
      }
      String why = reply instanceof Reply.NoEnvelope n ? "HTTP " + n.status() + " without a KIS envelope"
          : "HTTP " + envelopeOf(reply).httpStatus() + " " + envelopeOf(reply).msgCd() + " " + envelopeOf(reply).msg1();
      inDoubt.increment();
      LOG.warn("{} order call has no definitive answer: {}", tr, why);
      return CompletableFuture.<OrderOutcome>completedFuture(new OrderOutcome.InDoubt(why));
    }).thenCompose(Function.identity());
  }

  private Reply count(Reply r) {
    if (r instanceof Reply.Throttled) {
      throttled.increment();
    } else if (r instanceof Reply.TokenRejected) {
      tokenRejections.increment();
    }
    return r;
  }

  private static OrderOutcome accepted(Envelope env) {
    var out = env.output("output");
    String odno = text(out, "ODNO");
    if (odno.isEmpty()) {
      return new OrderOutcome.InDoubt("rt_cd 0 but no ODNO in the reply");
    }
    String tmd = text(out, "ORD_TMD");
    java.time.LocalTime time;
    try {
      time = KisJson.parseTime(tmd);
    } catch (RuntimeException e) {
      time = null;
    }
    return new OrderOutcome.Accepted(odno, text(out, "KRX_FWDG_ORD_ORGNO"), time);
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode out, String upper) {
    var v = out.get(upper);
    if (v == null) {
      v = out.get(upper.toLowerCase(java.util.Locale.ROOT));
    }
    return v == null || v.isNull() ? "" : v.asText().trim();
  }

  /**
   * Token, then a wire slot, then the rate permit, then the HTTP call. Every wait before the wire
   * is bounded by {@code deadline}, and a call past it fails with {@link NotSent} (caused by a
   * {@link KisNotSentException}) before it is handed to the transport.
   */
  private CompletionStage<Exchange> exchange(Tr tr, String method, String path, String json, boolean nextPage,
      Duration timeout, QueueDeadline deadline) {
    String trId;
    try {
      trId = tr.trId(config.paperTrIds());
    } catch (UnsupportedOperationException e) {
      return CompletableFuture.failedFuture(new NotSent(new KisException(e.getMessage())));
    }
    // Token first (it may wait for the issuance interval), then a wire slot, then the rate permit,
    // so that the permit is taken right before the request leaves.
    // A copy: the timeout must not fail the token manager's shared stage for other callers.
    CompletableFuture<AccessToken> token = tokens.accessToken().toCompletableFuture().copy()
        .orTimeout(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    if (tr.isOrder() && !token.isDone()) {
      ordersAwaitingToken.incrementAndGet();
      token.whenComplete((t, e) -> ordersAwaitingToken.decrementAndGet());
    }
    CompletionStage<AccessToken> ready = token.handle((t, failure) -> {
      if (failure != null) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TimeoutException) {
          throw new NotSent(deadline.passed(tr, "no access token"));
        }
        tell(l -> l.onNoToken(tr));
        throw new NotSent(cause);
      }
      return t;
    });
    return ready.thenCompose(t -> inFlight.acquire(tr.isOrder(), Duration.ofNanos(deadline.remainingNanos()))
        .handle((v, failure) -> {
          if (failure != null) {
            throw new NotSent(deadline.passed(tr, "no free connection"));
          }
          return v;
        })
        .thenCompose(v -> permit(deadline))
        .thenCompose(permitted -> send(tr, method, path, json, nextPage, timeout, deadline, t, trId, permitted)));
  }

  /** The rate permit; false when it would come after the deadline (nothing booked then). */
  private CompletionStage<Boolean> permit(QueueDeadline deadline) {
    return limiter.acquireWithin(Duration.ofNanos(deadline.remainingNanos()));
  }

  /** Holding a wire slot: hands the request over, or gives the slot back if its deadline has passed. */
  private CompletionStage<Exchange> send(Tr tr, String method, String path, String json, boolean nextPage,
      Duration timeout, QueueDeadline deadline, AccessToken token, String trId, boolean permitted) {
    HttpTransport.Sending sending;
    try {
      if (!permitted || deadline.isPast()) {
        throw new NotSent(deadline.passed(tr, "no rate permit"));
      }
      kis.connector.LatencyProbe.Listener probe = kis.connector.LatencyProbe.listener();
      if (probe != null) {
        probe.requestSending(System.nanoTime(), method, path);
      }
      sending = transport.start(call(method, path, json, trId, token, nextPage), timeout);
    } catch (RuntimeException e) {
      inFlight.release();
      throw e;
    }
    // The slot is free when the transport is, which for a stalled request is later than its timeout.
    sending.done().whenComplete((v, e) -> inFlight.release());
    return timed(tr, sending::reply).thenApply(reply -> new Exchange(token, reply));
  }


  private <T> CompletionStage<T> timed(Tr tr, java.util.function.Supplier<CompletionStage<T>> send) {
    long start = System.nanoTime();
    return send.get().whenComplete((r, e) -> {
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      tell(l -> l.onCall(tr, latency, e == null));
    });
  }

  private void tell(java.util.function.Consumer<RestListener> event) {
    try {
      event.accept(listener);
    } catch (RuntimeException e) {
      LOG.debug("REST listener failed", e);
    }
  }

  private HttpCall call(String method, String path, String json, String trId, AccessToken token, boolean nextPage) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("content-type", "application/json; charset=utf-8");
    h.put("authorization", "Bearer " + token.token().reveal());
    h.put("appkey", credentials.appKey().reveal());
    h.put("appsecret", credentials.appSecret().reveal());
    h.put("tr_id", trId);
    h.put("custtype", config.custtype());
    h.put("tr_cont", nextPage ? "N" : "");
    return new HttpCall(method, path, h, json);
  }

  static String queryString(Map<String, String> query) {
    if (query.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("?");
    query.forEach((k, v) -> {
      if (sb.length() > 1) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
    });
    return sb.toString();
  }

  private static Envelope envelopeOf(Reply r) {
    if (r instanceof Reply.Throttled t) {
      return t.envelope();
    }
    if (r instanceof Reply.Ambiguous a) {
      return a.envelope();
    }
    if (r instanceof Reply.Failed f) {
      return f.envelope();
    }
    if (r instanceof Reply.TokenRejected t) {
      return t.envelope();
    }
    if (r instanceof Reply.Ok o) {
      return o.envelope();
    }
    throw new IllegalArgumentException("no envelope");
  }

  private static KisApiException apiError(Tr tr, Envelope e) {
    return new KisApiException(tr.name(), e.httpStatus(), e.msgCd(), e.msg1());
  }

  private static String describe(Throwable t) {
    if (t instanceof TimeoutException) {
      return "no reply within the timeout";
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private record Exchange(AccessToken token, HttpReply reply) {}

  /**
   * How long a call may wait in this process before it is written (System.nanoTime based).
   *
   * @param setting the {@code kis.} key that configures it, named in the failure
   */
  private record QueueDeadline(long atNanos, Duration limit, String setting) {
    static QueueDeadline in(Duration limit, String setting) {
      return new QueueDeadline(System.nanoTime() + limit.toNanos(), limit, setting);
    }

    long remainingNanos() {
      return Math.max(0, atNanos - System.nanoTime());
    }

    boolean isPast() {
      return System.nanoTime() - atNanos > 0;
    }

    KisNotSentException passed(Tr tr, String what) {
      return new KisNotSentException(tr.name() + " not sent: " + what + " within " + limit.toMillis()
          + " ms (kis." + setting + "); nothing reached KIS");
    }
  }

  /** A failure before the request left this process (no token, no TR id, queue deadline). */
  private static final class NotSent extends RuntimeException {
    NotSent(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
