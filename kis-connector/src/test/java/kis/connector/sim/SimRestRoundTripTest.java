package kis.connector.sim;

import static kis.connector.sim.SimHarness.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import kis.connector.QuoteMarket;
import kis.connector.assembly.KisConnector;
import kis.connector.rest.AskingPrice;
import kis.connector.rest.Balance;
import kis.connector.rest.BuyingPower;
import kis.connector.rest.BuyingPowerQuery;
import kis.connector.rest.Candle;
import kis.connector.rest.DailyCandlesQuery;
import kis.connector.rest.DailyCcld;
import kis.connector.rest.DailyCcldQuery;
import kis.connector.rest.InvestorDay;
import kis.connector.rest.KisRestClient;
import kis.connector.rest.MinuteCandle;
import kis.connector.rest.OrderCashRequest;
import kis.connector.rest.OrderOutcome;
import kis.connector.rest.OrderSide;
import kis.connector.rest.Quote;
import kis.connector.rest.ReviseCancelRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every paper endpoint against kis-sim (paper flavour), plus paging and token reuse. */
class SimRestRoundTripTest {
  static final ZoneId KST = ZoneId.of("Asia/Seoul");
  static SimHarness h;
  static KisConnector kis;

  @BeforeAll
  static void start() {
    h = new SimHarness("");
    kis = h.connector("");
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  static LocalDate today() {
    return LocalDate.now(KST);
  }

  @Test
  void quotationEndpointsRoundTrip() throws Exception {
    KisRestClient rest = kis.rest();
    Quote q = join(rest.inquirePrice("005930"));
    assertEquals("005930", q.pdno());
    assertTrue(q.stckPrpr() > 0 && q.stckMxpr() > q.stckPrpr() && q.stckLlam() < q.stckPrpr(), q.toString());
    assertTrue(q.asprUnit() > 0);

    AskingPrice book = join(rest.inquireAskingPrice("005930"));
    assertEquals(10, book.asks().size());
    assertTrue(book.asks().get(0).price() > book.bids().get(0).price(), book.toString());

    List<Candle> days = join(rest.dailyCandles(DailyCandlesQuery.days("005930", today().minusDays(30), today())));
    assertFalse(days.isEmpty());
    assertTrue(days.stream().allMatch(c -> c.high() >= c.low() && c.date() != null), days.toString());

    List<MinuteCandle> minutes = join(rest.minuteCandles("005930", LocalTime.now(KST)));
    assertTrue(minutes.size() <= 30);
    assertTrue(minutes.stream().allMatch(m -> m.high() >= m.low()), minutes.toString());

    List<InvestorDay> investors = join(rest.inquireInvestor("005930"));
    assertFalse(investors.isEmpty());
    assertTrue(investors.get(0).date() != null);
  }

  @Test
  void aStockIsQuotedOnNxtAndOnTheIntegratedMarket() throws Exception {
    KisRestClient rest = kis.rest();
    for (QuoteMarket m : QuoteMarket.values()) {
      Quote q = join(rest.inquirePrice(m, "005930"));
      assertEquals("005930", q.pdno(), m.name());
      assertTrue(q.stckPrpr() > 0, m + ": " + q);
      AskingPrice book = join(rest.inquireAskingPrice(m, "005930"));
      assertEquals(10, book.asks().size(), m.name());
    }
  }

  @Test
  void accountEndpointsAndAnOrderLifecycleRoundTrip() throws Exception {
    KisRestClient rest = kis.rest();
    Balance before = join(rest.inquireBalance());
    assertTrue(before.summary().dncaTotAmt() > 0, before.summary().toString());

    BuyingPower bp = join(rest.inquirePsblOrder(BuyingPowerQuery.at("035720", 40000)));
    assertTrue(bp.ordPsblCash() > 0 && bp.nrcvbBuyQty() > 0, bp.toString());

    long price = join(rest.inquirePrice("035720")).stckLlam();  // far below the market: rests unfilled
    OrderOutcome placed = join(rest.orderCash(OrderCashRequest.limit("KRX", OrderSide.BUY, "035720", 3, price)));
    OrderOutcome.Accepted a = assertInstanceOf(OrderOutcome.Accepted.class, placed);
    assertEquals(10, a.odno().length());

    DailyCcld day = join(rest.inquireDailyCcld(DailyCcldQuery.day("KRX", today())));
    DailyCcld.Order row = day.orders().stream().filter(o -> o.odno().equals(a.odno())).findFirst().orElseThrow();
    assertEquals(3, row.ordQty());
    assertEquals(price, row.ordUnpr());
    assertEquals(OrderSide.BUY, row.side());
    assertEquals("035720", row.pdno());

    OrderOutcome cancelled = join(rest.reviseOrCancel(ReviseCancelRequest.cancelAll("KRX", a.krxFwdgOrdOrgno(), a.odno(), "00")));
    OrderOutcome.Accepted c = assertInstanceOf(OrderOutcome.Accepted.class, cancelled);
    DailyCcld after = join(rest.inquireDailyCcld(DailyCcldQuery.day("KRX", today())));
    assertTrue(after.orders().stream().anyMatch(o -> o.odno().equals(c.odno()) && o.orgnOdno().equals(a.odno())),
        after.orders().toString());

    OrderOutcome again = join(rest.reviseOrCancel(ReviseCancelRequest.cancelAll("KRX", a.krxFwdgOrdOrgno(), a.odno(), "00")));
    OrderOutcome.Rejected r = assertInstanceOf(OrderOutcome.Rejected.class, again);
    assertFalse(r.msgCd().isBlank());
  }

  @Test
  void dailyOrdersArePagedPastThePaperPageSize() throws Exception {
    KisRestClient rest = kis.rest();
    long low = join(rest.inquirePrice("005935")).stckLlam();
    List<CompletionStage<OrderOutcome>> sent = new ArrayList<>();
    for (int i = 0; i < 17; i++) {  // paper pages hold 15 rows
      sent.add(rest.orderCash(OrderCashRequest.limit("KRX", OrderSide.BUY, "005935", 1, low)));
    }
    Set<String> odnos = new java.util.HashSet<>();
    for (CompletionStage<OrderOutcome> s : sent) {
      odnos.add(assertInstanceOf(OrderOutcome.Accepted.class, join(s)).odno());
    }

    DailyCcld day = join(rest.inquireDailyCcld(DailyCcldQuery.day("KRX", today())));

    Set<String> listed = day.orders().stream().map(DailyCcld.Order::odno).collect(Collectors.toSet());
    assertTrue(listed.containsAll(odnos), "all 17 orders across pages");
    assertEquals(day.orders().size(), listed.size(), "no row twice");
  }

  @Test
  void aSecondConnectorReusesTheCachedTokenInsteadOfIssuing() throws Exception {
    join(kis.rest().inquirePrice("005930"));
    KisConnector restarted = h.connector("");

    join(restarted.rest().inquirePrice("005930"));

    assertEquals(0, restarted.tokens().accessIssuances());
  }

  @Test
  void tokenIsRefreshedProactivelyBeforeExpiry() throws Exception {
    OffsetClock clock = new OffsetClock();
    KisConnector c = h.connector("token.cache-dir = \"" + h.tokenDir.resolve("refresh") + "\"", clock);
    join(c.rest().inquirePrice("005930"));
    assertEquals(1, c.tokens().accessIssuances());

    clock.offset = Duration.ofHours(23).plusMinutes(30);  // half an hour before the 24 h expiry
    join(c.rest().inquirePrice("005930"));
    join(c.rest().inquirePrice("005930"));

    // One refresh (KIS hands back the same token within 6 h of issue, so the value may not change).
    assertEquals(2, c.tokens().accessIssuances());
    assertEquals(0, c.tokens().tooFrequentRefusals());
  }

  /** The wall clock shifted by a settable offset, in KST. */
  static final class OffsetClock extends Clock {
    volatile Duration offset = Duration.ZERO;

    @Override
    public ZoneId getZone() {
      return KST;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }
}
