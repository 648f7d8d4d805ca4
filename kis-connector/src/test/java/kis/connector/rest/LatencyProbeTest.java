package kis.connector.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kis.connector.KisConfig;
import kis.connector.LatencyProbe;
import kis.connector.auth.HttpTokenIssuer;
import kis.connector.auth.TokenCache;
import kis.connector.auth.TokenManager;
import kis.connector.testing.FakeClock;
import kis.connector.testing.FakeDelayer;
import kis.connector.testing.ScriptedTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyProbeTest {
  @TempDir Path dir;

  @AfterEach
  void uninstall() {
    LatencyProbe.install(null);
  }

  @Test
  void anInstalledProbeSeesTheOrderRequestLeaveWithItsPathOnlyAndNothingOnceRemoved() {
    FakeClock clock = new FakeClock(Instant.parse("2026-11-24T00:30:00Z"));
    FakeDelayer delayer = new FakeDelayer(clock);
    ScriptedTransport http = new ScriptedTransport().then(200, KisRestClientTest.ACCEPTED)
        .then(200, KisRestClientTest.ACCEPTED);
    KisConfig config = KisConfig.forSimulator("http://127.0.0.1:1", "ws://127.0.0.1:1", dir).withTrIds(false);
    TokenManager tokens = new TokenManager(new HttpTokenIssuer(http, KisRestClientTest.CREDS, clock,
        Duration.ofSeconds(5)), new TokenCache(dir, config.restUrl(), KisRestClientTest.CREDS.appKey()), clock, delayer,
        Duration.ofHours(1), Duration.ofSeconds(61), Duration.ofHours(20));
    KisRestClient client = new KisRestClient(config, KisRestClientTest.CREDS, tokens,
        new RateLimiter(100, Duration.ofSeconds(1), clock::nanos, delayer), http, delayer);
    List<String> seen = new CopyOnWriteArrayList<>();
    long before = System.nanoTime();
    LatencyProbe.install(new LatencyProbe.Listener() {
      @Override
      public void frameReceived(long nanoTime, String frame) {
        seen.add("frame");
      }

      @Override
      public void requestSending(long nanoTime, String method, String pathAndQuery) {
        assertTrue(nanoTime >= before);
        seen.add(method + " " + pathAndQuery);
      }
    });

    KisRestClientTest.join(client.orderCash(OrderCashRequest.limit("KRX", OrderSide.BUY, "005930", 10, 70000)));
    LatencyProbe.install(null);
    KisRestClientTest.join(client.orderCash(OrderCashRequest.limit("KRX", OrderSide.BUY, "005930", 10, 70000)));

    assertEquals(List.of("POST /uapi/domestic-stock/v1/trading/order-cash"), seen);
    assertEquals(2, http.apiCalls().size());
  }
}
