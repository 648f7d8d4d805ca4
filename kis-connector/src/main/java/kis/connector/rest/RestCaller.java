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
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import kis.connector.Delayer;
import kis.connector.KisApiException;
import kis.connector.KisConfig;
import kis.connector.KisCredentials;
import kis.connector.KisException;
import kis.connector.KisTransportException;
import kis.connector.auth.AccessToken;
import kis.connector.auth.TokenManager;
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
  private final java.util.concurrent.atomic.LongAdder tokenRejections = new java.util.concurrent.atomic.LongAdder();
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

  RestStats stats() {
    return new RestStats(throttled.sum(), retries.sum(), inDoubt.sum(), tokenRejections.sum());
  }

  /** One read (one page), retried on timeouts, connection errors, 5xx and throttling. */
  CompletionStage<Envelope> read(Tr tr, Map<String, String> query, boolean nextPage) {
    return readAttempt(tr, query, nextPage, 1, config.retryBackoff(), false);
  }

  /** Every page of a continuation TR, in order. */
  CompletionStage<List<Envelope>> readAllPages(Tr tr, Function<PageKeys, Map<String, String>> query) {
    return nextPage(tr, query, PageKeys.FIRST, false, new ArrayList<>());
  }

  /** One order call; the outcome is never an exception. */
  CompletionStage<OrderOutcome> order(Tr tr, Map<String, String> body) {
    return orderAttempt(tr, body, false);
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
    return exchange(tr, "GET", path, null, nextPage, config.readTimeout()).handle((ex, failure) -> {
      if (failure != null) {
        Throwable cause = unwrap(failure);
        if (cause instanceof NotSent ns) {
          cause = ns.getCause();
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

  private CompletionStage<OrderOutcome> orderAttempt(Tr tr, Map<String, String> body, boolean tokenRenewed) {
    String json;
    try {
      json = KisJson.MAPPER.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return CompletableFuture.completedFuture(new OrderOutcome.Rejected("LOCAL", "order body could not be written"));
    }
    return exchange(tr, "POST", tr.path(), json, false, config.orderTimeout()).handle((ex, failure) -> {
      if (failure != null) {
        Throwable cause = unwrap(failure);
        if (cause instanceof NotSent ns) {
          // No access token (or no TR id): the order never left this process.
          Throwable why = ns.getCause();
          String code = why instanceof KisApiException k ? k.msgCd() : NOT_SENT;
          LOG.warn("{} order not sent: {}", tr, describe(why));
          return CompletableFuture.<OrderOutcome>completedFuture(
              new OrderOutcome.Rejected(code, "order not sent: " + describe(why)));
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
        return tokens.reissueAfterRejection(ex.token()).thenCompose(tok -> orderAttempt(tr, body, true));
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

  /** Rate limit, then token, then the HTTP call. */
  private CompletionStage<Exchange> exchange(Tr tr, String method, String path, String json, boolean nextPage,
      Duration timeout) {
    String trId;
    try {
      trId = tr.trId(config.paperTrIds());
    } catch (UnsupportedOperationException e) {
      return CompletableFuture.failedFuture(new NotSent(new KisException(e.getMessage())));
    }
    // Token first (it may wait for the issuance interval), then a wire slot, then the rate permit,
    // so that the permit is taken right before the request leaves.
    CompletionStage<AccessToken> ready = tokens.accessToken()
        .handle((token, failure) -> {
          if (failure != null) {
            tell(l -> l.onNoToken(tr));
            throw new NotSent(unwrap(failure));
          }
          return token;
        });
    return ready.thenCompose(token -> inFlight.acquire(tr.isOrder())
        .thenCompose(v -> limiter.acquire())
        .thenCompose(v -> timed(tr, () -> transport.send(call(method, path, json, trId, token, nextPage), timeout)))
        .whenComplete((r, e) -> inFlight.release())
        .thenApply(reply -> new Exchange(token, reply)));
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

  /** A failure before the request left this process (no token, no TR id). */
  private static final class NotSent extends RuntimeException {
    NotSent(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
