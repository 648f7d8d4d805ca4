package kis.connector.sim;

import static kis.connector.sim.SimHarness.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import kis.connector.assembly.KisConnector;
import kis.connector.rest.DailyCcld;
import kis.connector.rest.DailyCcldQuery;
import kis.connector.rest.OrderCashRequest;
import kis.connector.rest.OrderOutcome;
import kis.connector.rest.OrderSide;
import kis.sim.FaultControl;
import kis.sim.OrderLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each fault kis-sim can inject, and the typed outcome the connector turns it into. */
class SimFaultsTest {
  static SimHarness h;
  static KisConnector kis;
  static long lowPrice;

  @BeforeAll
  static void start() throws Exception {
    h = new SimHarness("token-reissue-interval = 2s");
    kis = h.connector("order-timeout = 500ms, read-timeout = 2s, retry-backoff = 50ms,"
        + " token.min-issue-interval = 2200ms");
    lowPrice = join(kis.rest().inquirePrice("035720")).stckLlam();
  }

  @AfterEach
  void clearFaults() {
    h.sim.faults().clear();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  static OrderCashRequest restingBuy() {
    return OrderCashRequest.limit("KRX", OrderSide.BUY, "035720", 1, lowPrice);
  }

  List<OrderLog.Entry> ordersSince(int before) {
    List<OrderLog.Entry> all = h.sim.orderLog().entries();
    return all.subList(before, all.size());
  }

  @Test
  void orderTimeoutIsInDoubtNeverResentAndFoundInTodaysOrders() throws Exception {
    h.sim.faults().restTimeout(Duration.ofSeconds(2));
    h.sim.faults().failRest(FaultControl.RestFault.TIMEOUT, true, 1, "order-cash");
    int before = h.sim.orderLog().size();

    OrderOutcome o = join(kis.rest().orderCash(restingBuy()));

    assertInstanceOf(OrderOutcome.InDoubt.class, o);
    List<OrderLog.Entry> sent = ordersSince(before);
    assertEquals(1, sent.size(), "sent exactly once");
    assertEquals(OrderLog.Outcome.FAULT_APPLIED, sent.get(0).outcome());
    DailyCcld day = join(kis.rest().inquireDailyCcld(DailyCcldQuery.day("KRX", LocalDate.now(ZoneId.of("Asia/Seoul")))));
    assertTrue(day.orders().stream().anyMatch(r -> r.odno().equals(sent.get(0).odno())),
        "the in-doubt order is resolved from inquire-daily-ccld");
  }

  @Test
  void orderServerErrorIsInDoubtAndNotResent() throws Exception {
    h.sim.faults().failRest(FaultControl.RestFault.HTTP_500, false, 1, "order-cash");
    int before = h.sim.orderLog().size();

    OrderOutcome o = join(kis.rest().orderCash(restingBuy()));

    assertInstanceOf(OrderOutcome.InDoubt.class, o);
    assertEquals(1, ordersSince(before).size());
  }

  @Test
  void readServerErrorsAndTimeoutsAreRetried() throws Exception {
    long retries = kis.rest().stats().readRetries();
    h.sim.faults().failRest(FaultControl.RestFault.HTTP_500, false, 2, "inquire-price");
    assertTrue(join(kis.rest().inquirePrice("005930")).stckPrpr() > 0);
    assertEquals(retries + 2, kis.rest().stats().readRetries());
  }

  @Test
  void rateLimitRefusalOnAReadIsRetried() throws Exception {
    long throttled = kis.rest().stats().throttled();
    h.sim.faults().rateLimitBurst(2);
    assertTrue(join(kis.rest().inquireBalance()).summary().dncaTotAmt() > 0);
    assertEquals(throttled + 2, kis.rest().stats().throttled());
  }

  @Test
  void aRateLimitBurstOnTheOrderPathLeavesInquiriesAlone() throws Exception {
    long throttled = kis.rest().stats().throttled();
    h.sim.faults().rateLimitBurst(1, "order-cash");
    int before = h.sim.orderLog().size();

    assertTrue(join(kis.rest().inquireBalance()).summary().dncaTotAmt() > 0);
    assertEquals(throttled, kis.rest().stats().throttled(), "the inquiry was not refused");
    OrderOutcome first = join(kis.rest().orderCash(restingBuy()));

    assertEquals("EGW00201", assertInstanceOf(OrderOutcome.Throttled.class, first).msgCd());
    assertEquals(List.of(OrderLog.Outcome.REFUSED_AT_GATEWAY),
        ordersSince(before).stream().map(OrderLog.Entry::outcome).toList());
  }

  @Test
  void rateLimitRefusalOnAnOrderIsThrottledNotAcceptedAndSafeToResend() throws Exception {
    h.sim.faults().rateLimitBurst(1);
    int before = h.sim.orderLog().size();

    OrderOutcome first = join(kis.rest().orderCash(restingBuy()));
    OrderOutcome second = join(kis.rest().orderCash(restingBuy()));

    OrderOutcome.Throttled t = assertInstanceOf(OrderOutcome.Throttled.class, first);
    assertEquals("EGW00201", t.msgCd());
    assertInstanceOf(OrderOutcome.Accepted.class, second);
    List<OrderLog.Entry> sent = ordersSince(before);
    assertEquals(List.of(OrderLog.Outcome.REFUSED_AT_GATEWAY, OrderLog.Outcome.ACCEPTED),
        sent.stream().map(OrderLog.Entry::outcome).toList());
  }

  @Test
  void expiredTokenIsReissuedOnceWithinTheIssuanceLimit() throws Exception {
    join(kis.rest().inquirePrice("005930"));
    int issued = kis.tokens().accessIssuances();
    long rejections = kis.rest().stats().tokenRejections();
    h.sim.faults().expireTokens();

    assertTrue(join(kis.rest().inquirePrice("005930")).stckPrpr() > 0);
    OrderOutcome o = join(kis.rest().orderCash(restingBuy()));

    assertInstanceOf(OrderOutcome.Accepted.class, o);
    assertEquals(issued + 1, kis.tokens().accessIssuances());
    assertEquals(rejections + 1, kis.rest().stats().tokenRejections());
    assertEquals(0, kis.tokens().tooFrequentRefusals(), "never EGW00133");
  }
}
