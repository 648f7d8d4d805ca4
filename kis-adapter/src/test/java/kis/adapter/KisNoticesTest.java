package kis.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.util.Optional;
import kis.connector.rest.OrderSide;
import kis.connector.ws.KisFeedEvent.ExecutionNotice;
import kis.connector.ws.KisFeedEvent.NoticeKind;
import kis.journal.OrderNo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import kis.journal.Venue;
import org.junit.jupiter.api.Test;

class KisNoticesTest {
  private static final LocalTime T = LocalTime.of(9, 0, 1);

  private static ExecutionNotice notice(String odno, String orgn, String rctf, boolean refused, NoticeKind kind,
      String acpt, long qty, long price, long orderPrice) {
    return new ExecutionNotice(odno, orgn, OrderSide.BUY, rctf, "00", "0", "005930", qty, price, T, refused, kind,
        acpt, "06010", 10, orderPrice);
  }

  private static ExecutionNotice fill(String odno, long qty, long price) {
    return notice(odno, "", "0", false, NoticeKind.FILL, "2", qty, price, 0);
  }

  private static ExecutionNotice confirmation(String odno, String orgn, String rctf, long orderPrice) {
    return notice(odno, orgn, rctf, false, NoticeKind.ACCEPTANCE, "2", 10, orderPrice, orderPrice);
  }

  @Test
  void aFillNoticeIsAFillWithTheJournaledExecKeyShape() {
    BrokerReport.Fill f = assertInstanceOf(BrokerReport.Fill.class, KisNotices.decode(fill("123", 3, 70_000)));
    assertEquals(OrderNo.of("123"), f.number());
    assertEquals(3, f.quantity());
    assertEquals(70_000, f.price());
    assertEquals("090001", f.execTime());
    // Journaled on every OrderFilled since the first release: the shape must not change.
    assertEquals("n:0000000123:090001:3:70000", f.execKey());
  }

  @Test
  void aFillNamesTheBookItExecutedOnFromOrdExgGbAndBlankOrUnknownNamesNone() {
    Map<String, Optional<Venue>> expected = new LinkedHashMap<>();
    expected.put("1", Optional.of(Venue.KRX));
    expected.put("2", Optional.of(Venue.NXT));
    expected.put("3", Optional.of(Venue.KRX)); // SOR routed to KRX
    expected.put("4", Optional.of(Venue.NXT)); // SOR routed to NXT
    expected.put("", Optional.empty()); // the 23-field layout
    expected.put("9", Optional.empty());
    expected.forEach((code, venue) -> {
      ExecutionNotice n = fill("123", 3, 70_000);
      ExecutionNotice withCode = new ExecutionNotice(n.odno(), n.orgnOdno(), n.side(), n.rvseCnclCls(), n.ordDvsn(),
          n.ordCond(), n.symbol(), n.qty(), n.price(), n.time(), n.refused(), n.kind(), n.acptYn(), n.branchNo(),
          n.orderQty(), n.orderPrice(), code);
      BrokerReport.Fill f = assertInstanceOf(BrokerReport.Fill.class, KisNotices.decode(withCode), code);
      assertEquals(venue, f.executedOn(), "ORD_EXG_GB '" + code + "'");
      assertEquals("n:0000000123:090001:3:70000", f.execKey(), "the venue is not part of the journaled key");
    });
  }

  @Test
  void aRefusedNoticeIsARefusalWhateverItsKind() {
    for (NoticeKind k : NoticeKind.values()) {
      BrokerReport r = KisNotices.decode(notice("5", "4", "1", true, k, "2", 1, 70_000, 70_000));
      BrokerReport.Refused refused = assertInstanceOf(BrokerReport.Refused.class, r, k.name());
      assertEquals(Optional.of(OrderNo.of("4")), refused.original());
    }
  }

  @Test
  void aReceiptIsReceivedAndARemainderCancelIsItsOwnReport() {
    assertInstanceOf(BrokerReport.Received.class,
        KisNotices.decode(notice("7", "", "0", false, NoticeKind.ACCEPTANCE, "1", 10, 70_000, 70_000)));
    assertInstanceOf(BrokerReport.RemainderCancelled.class,
        KisNotices.decode(notice("7", "", "0", false, NoticeKind.ACCEPTANCE, "3", 10, 70_000, 70_000)));
  }

  @Test
  void aConfirmationIsAcceptedRevisedOrCancelledByRctfCls() {
    assertEquals(OrderNo.of("200"), assertInstanceOf(BrokerReport.Accepted.class,
        KisNotices.decode(confirmation("200", "", "0", 70_000))).number());
    assertInstanceOf(BrokerReport.Accepted.class, KisNotices.decode(confirmation("200", "", " ", 70_000)));

    BrokerReport.Revised rv = assertInstanceOf(BrokerReport.Revised.class,
        KisNotices.decode(confirmation("201", "200", "1", 69_900)));
    assertEquals(OrderNo.of("201"), rv.number());
    assertEquals(Optional.of(OrderNo.of("200")), rv.original());
    assertEquals(69_900, rv.newPrice());

    BrokerReport.Cancelled c = assertInstanceOf(BrokerReport.Cancelled.class,
        KisNotices.decode(confirmation("202", "201", "2", 0)));
    assertEquals(Optional.of(OrderNo.of("201")), c.original());
  }

  @Test
  void aReviseTakesTheOrderPriceAndFallsBackToTheContractPriceOfOlderLayouts() {
    ExecutionNotice older = notice("201", "200", "1", false, NoticeKind.ACCEPTANCE, "2", 10, 69_800, 0);
    assertEquals(69_800, assertInstanceOf(BrokerReport.Revised.class, KisNotices.decode(older)).newPrice());
  }

  @Test
  void anOriginalPaddedWithZerosOrBlanksMeansNoOriginal() {
    for (String pad : new String[] {"", "   ", "0000000000", "0", null}) {
      BrokerReport r = KisNotices.decode(notice("9", pad, "2", false, NoticeKind.ACCEPTANCE, "2", 1, 0, 0));
      assertEquals(Optional.empty(), r.original(), "'" + pad + "'");
    }
    assertEquals(Optional.of(OrderNo.of("0000000042")),
        KisNotices.decode(confirmation("9", " 0000000042 ", "2", 0)).original());
    assertTrue(KisOrderNumbers.namesNone("0000000000"));
    assertEquals(Optional.empty(), KisOrderNumbers.original("12x"), "not an order number: none");
  }

  @Test
  void unknownCodesAndUnreadableNumbersAreUnreadableReportsNotExceptions() {
    BrokerReport.Unreadable badNo = assertInstanceOf(BrokerReport.Unreadable.class,
        KisNotices.decode(fill("12AB", 1, 70_000)));
    assertEquals(Optional.empty(), badNo.orderNo());
    assertTrue(badNo.why().contains("order number"), badNo.why());

    BrokerReport.Unreadable acpt = assertInstanceOf(BrokerReport.Unreadable.class,
        KisNotices.decode(notice("7", "", "0", false, NoticeKind.ACCEPTANCE, "9", 1, 1, 1)));
    assertTrue(acpt.why().contains("ACPT_YN '9'"), acpt.why());
    assertEquals(Optional.of(OrderNo.of("7")), acpt.orderNo());

    BrokerReport.Unreadable rctf = assertInstanceOf(BrokerReport.Unreadable.class,
        KisNotices.decode(confirmation("7", "6", "5", 70_000)));
    assertTrue(rctf.why().contains("RCTF_CLS '5'"), rctf.why());

    assertInstanceOf(BrokerReport.Unreadable.class, KisNotices.decode(fill("7", 0, 70_000)));
    assertInstanceOf(BrokerReport.Unreadable.class, KisNotices.decode(confirmation("7", "6", "1", 0)));
  }

  @Test
  void theSameNoticeTwiceHasOneKeyAndAFillAndItsConfirmationDiffer() {
    assertEquals(KisNotices.decode(fill("123", 3, 70_000)).key(), KisNotices.decode(fill("0000000123", 3, 70_000)).key());
    assertNotEquals(KisNotices.decode(fill("123", 3, 70_000)).key(), KisNotices.decode(fill("123", 2, 70_000)).key());
    ExecutionNotice confirmed = notice("123", "", "0", false, NoticeKind.ACCEPTANCE, "2", 3, 70_000, 70_000);
    assertNotEquals(KisNotices.decode(fill("123", 3, 70_000)).key(), KisNotices.decode(confirmed).key());
  }
}
