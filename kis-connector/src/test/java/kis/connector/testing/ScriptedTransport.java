package kis.connector.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import kis.connector.http.HttpCall;
import kis.connector.http.HttpReply;
import kis.connector.http.HttpTransport;

/**
 * A transport that answers from a script: token calls get a token, every other call takes the
 * next scripted answer. Records every call.
 */
public final class ScriptedTransport implements HttpTransport {
  private final Deque<Function<HttpCall, CompletionStage<HttpReply>>> script = new ArrayDeque<>();
  private final List<HttpCall> calls = new CopyOnWriteArrayList<>();
  private int tokenCounter;

  public synchronized ScriptedTransport then(int status, String body) {
    return then(status, body, Map.of());
  }

  public synchronized ScriptedTransport then(int status, String body, Map<String, String> headers) {
    script.add(c -> CompletableFuture.completedFuture(new HttpReply(status, headers, body)));
    return this;
  }

  public synchronized ScriptedTransport thenTimeout() {
    script.add(c -> CompletableFuture.failedFuture(new TimeoutException()));
    return this;
  }

  public synchronized ScriptedTransport thenConnectionLost() {
    script.add(c -> CompletableFuture.failedFuture(new java.io.IOException("Connection reset by peer")));
    return this;
  }

  @Override
  public synchronized CompletionStage<HttpReply> send(HttpCall call, Duration timeout) {
    calls.add(call);
    if (call.pathAndQuery().startsWith("/oauth2/tokenP")) {
      tokenCounter++;
      return CompletableFuture.completedFuture(new HttpReply(200, Map.of(),
          "{\"access_token\":\"tok-" + tokenCounter + "\",\"token_type\":\"Bearer\",\"expires_in\":86400}"));
    }
    if (call.pathAndQuery().startsWith("/oauth2/Approval")) {
      return CompletableFuture.completedFuture(new HttpReply(200, Map.of(), "{\"approval_key\":\"appr-1\"}"));
    }
    Function<HttpCall, CompletionStage<HttpReply>> next = script.poll();
    if (next == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("script exhausted at " + call));
    }
    return next.apply(call);
  }

  /** Calls other than token issuance. */
  public List<HttpCall> apiCalls() {
    return calls.stream().filter(c -> !c.pathAndQuery().startsWith("/oauth2/")).toList();
  }

  public synchronized int tokenIssuances() {
    return tokenCounter;
  }
}
