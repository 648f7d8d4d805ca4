package kis.connector.sim;

import static kis.connector.sim.SimHarness.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import kis.connector.assembly.KisConnector;
import kis.connector.rest.OrderCashRequest;
import kis.connector.rest.OrderOutcome;
import kis.connector.rest.OrderSide;
import kis.connector.rest.RevisableOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** kis-sim imitating the real server: real TR ids, and the real-only revisable-orders inquiry. */
class SimRealFlavourTest {
  static SimHarness h;
  static KisConnector kis;

  @BeforeAll
  static void start() {
    h = new SimHarness("flavour = REAL");
    kis = h.connector("tr-ids = real");
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  void revisableOrdersListTheRestingOrderWithItsCancellableQuantity() throws Exception {
    long low = join(kis.rest().inquirePrice("035720")).stckLlam();
    OrderOutcome.Accepted a = assertInstanceOf(OrderOutcome.Accepted.class,
        join(kis.rest().orderCash(OrderCashRequest.limit("KRX", OrderSide.BUY, "035720", 4, low))));
    assertEquals("TTTC0012U", h.sim.orderLog().entries().get(h.sim.orderLog().size() - 1).trId());

    List<RevisableOrder> open = join(kis.rest().inquirePsblRvsecncl());

    RevisableOrder r = open.stream().filter(o -> o.odno().equals(a.odno())).findFirst().orElseThrow();
    assertEquals(4, r.ordQty());
    assertEquals(4, r.psblQty());
    assertEquals(low, r.ordUnpr());
    assertEquals("02", r.sllBuyDvsnCd());
    assertEquals("KRX", r.excgIdDvsnCd(), "the venue its revise or cancel must name");
  }

  @Test
  void manyFirstCallsShareOneTokenIssuance() throws Exception {
    KisConnector fresh = h.connector("tr-ids = real, token.cache-dir = \"" + h.tokenDir.resolve("fresh") + "\"");
    List<CompletableFuture<?>> calls = IntStream.range(0, 20)
        .mapToObj(i -> fresh.rest().inquirePrice("005930").toCompletableFuture()).<CompletableFuture<?>>map(f -> f)
        .toList();
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(10, java.util.concurrent.TimeUnit.SECONDS);

    assertEquals(1, fresh.tokens().accessIssuances());
    assertEquals(0, fresh.tokens().tooFrequentRefusals());
    assertFalse(calls.stream().anyMatch(CompletableFuture::isCompletedExceptionally));
    assertTrue(fresh.rest().stats().tokenRejections() == 0);
  }
}
