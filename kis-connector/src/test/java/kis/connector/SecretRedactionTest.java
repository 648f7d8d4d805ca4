package kis.connector;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import kis.connector.auth.HttpTokenIssuer;
import kis.connector.auth.TokenCache;
import kis.connector.auth.TokenManager;
import kis.connector.rest.KisRestClient;
import kis.connector.rest.OrderCashRequest;
import kis.connector.rest.OrderSide;
import kis.connector.rest.RateLimiter;
import kis.connector.testing.FakeClock;
import kis.connector.testing.FakeDelayer;
import kis.connector.testing.ScriptedTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Drives the failure paths that log and throw, then scans every captured line for a secret. */
class SecretRedactionTest {
  static final String APP_KEY = "PSappkeyVALUE0123456789abcdefghijk";
  static final String APP_SECRET = "SECRETvalue" + "q".repeat(60);
  static final String CANO = "50098765";
  static final String HTS = "htsSecretUser";
  static final List<String> SECRETS = List.of(APP_KEY, APP_SECRET, CANO, HTS, "tok-1", "tok-2", "appr-1");

  @TempDir Path dir;
  ListAppender<ILoggingEvent> captured;
  Logger root;
  Level oldLevel;

  @BeforeEach
  void capture() {
    // Everything under kis.*, at every level, into the list only (the console stays quiet).
    root = (Logger) LoggerFactory.getLogger("kis");
    oldLevel = root.getLevel();
    root.setLevel(Level.TRACE);
    root.setAdditive(false);
    captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
  }

  @AfterEach
  void release() {
    root.detachAppender(captured);
    root.setLevel(oldLevel);
    root.setAdditive(true);
  }

  @Test
  void noSecretReachesLogsExceptionsOrToString() {
    KisCredentials creds = KisCredentials.of(APP_KEY, APP_SECRET, CANO + "-01", HTS);
    FakeClock clock = new FakeClock(Instant.parse("2026-11-24T00:30:00Z"));
    FakeDelayer delayer = new FakeDelayer(clock);
    ScriptedTransport http = new ScriptedTransport()
        .thenTimeout()
        .then(500, "<html>error</html>")
        .then(500, "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00123\",\"msg1\":\"기간이 만료된 token 입니다.\"}")
        .then(200, "{\"rt_cd\":\"1\",\"msg_cd\":\"40250000\",\"msg1\":\"모의투자 주문가능금액이 부족합니다.\"}")
        .thenConnectionLost().thenConnectionLost().thenConnectionLost().thenConnectionLost()
        .then(200, "{\"rt_cd\":\"1\",\"msg_cd\":\"OPSQ2000\",\"msg1\":\"ERROR : INPUT INVALID_CHECK_ACNO\"}");
    KisConfig config = KisConfig.forSimulator("http://127.0.0.1:1", "ws://127.0.0.1:1", dir)
        .withRetries(4, Duration.ofMillis(10), Duration.ofMillis(10));
    TokenManager tokens = new TokenManager(new HttpTokenIssuer(http, creds, clock, Duration.ofSeconds(1)),
        new TokenCache(dir, config.restUrl(), creds.appKey()), clock, delayer, Duration.ofHours(1),
        Duration.ofSeconds(61), Duration.ofHours(20));
    KisRestClient client = new KisRestClient(config, creds, tokens,
        new RateLimiter(10, Duration.ofSeconds(1), clock::nanos, delayer), http, delayer);

    List<String> seen = new ArrayList<>();
    OrderCashRequest order = OrderCashRequest.limit("KRX", OrderSide.BUY, "005930", 1, 70000);
    for (int i = 0; i < 3; i++) {
      seen.add(join(client.orderCash(order)));
    }
    seen.add(join(client.inquireBalance()));
    seen.add(join(client.inquireBalance()));
    seen.add(join(tokens.approvalKey()));
    seen.add(creds.toString());
    seen.add(config.toString());
    http.apiCalls().forEach(c -> seen.add(c.toString()));
    tokens.accessToken().thenAccept(t -> seen.add(t.toString()));

    for (ILoggingEvent e : captured.list) {
      seen.add(e.getFormattedMessage());
      if (e.getThrowableProxy() != null) {
        seen.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
      }
    }
    assertTrue(captured.list.size() >= 3, "the failure paths logged something: " + captured.list.size());
    for (String line : seen) {
      for (String secret : SECRETS) {
        assertFalse(line.contains(secret), "secret leaked into: " + line);
      }
    }
  }

  private static String join(CompletionStage<?> s) {
    try {
      return String.valueOf(s.toCompletableFuture().join());
    } catch (RuntimeException e) {
      java.io.StringWriter w = new java.io.StringWriter();
      e.printStackTrace(new java.io.PrintWriter(w));
      return w.toString();
    }
  }
}
