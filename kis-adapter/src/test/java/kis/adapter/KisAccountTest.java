package kis.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import kis.adapter.account.AccountOrder;
import kis.adapter.account.AccountSnapshot;
import kis.adapter.account.Holding;
import kis.connector.rest.Balance;
import kis.connector.rest.DailyCcld;
import kis.connector.rest.DailyCcldQuery;
import kis.journal.OrderNo;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import org.junit.jupiter.api.Test;

/** The wire-to-snapshot mapping documented on AccountOrder and Holding. */
class KisAccountTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  static DailyCcld.Order row(String odno, String orgn, String cncl, String side, long qty, long filled, long rmn) {
    return row(odno, orgn, cncl, side, qty, filled, rmn, "KRX");
  }

  static DailyCcld.Order row(String odno, String orgn, String cncl, String side, long qty, long filled, long rmn,
      String venue) {
    return new DailyCcld.Order(DAY, "06010", odno, orgn, "00", "지정가", side, "005930", "삼성전자", qty, 70_000,
        LocalTime.of(9, 1, 2), filled, BigDecimal.valueOf(70_000), cncl, filled * 70_000, qty - filled - rmn, rmn, 0,
        venue);
  }

  @Test
  void rowsBecomeNewReviseAndCancelOrdersByTheirOriginalNumberAndCancelFlag() {
    DailyCcld ccld = new DailyCcld(List.of(
        row("0000000001", "", "N", "02", 10, 4, 0),
        row("0000000002", "0000000001", "N", "02", 6, 0, 6),
        row("0000000003", "0000000002", "Y", "01", 6, 0, 0),
        row("0000000004", "0000000000", "N", "01", 1, 0, 1)), DailyCcld.Summary.EMPTY);

    AccountSnapshot s = snapshot(DAY, Instant.EPOCH, new Balance(List.of(), Balance.Summary.EMPTY), ccld);

    List<AccountOrder> o = s.orders();
    assertEquals(AccountOrder.Kind.NEW, o.get(0).kind());
    assertEquals(Optional.empty(), o.get(0).originalOrderNo());
    assertEquals(AccountOrder.Kind.REVISE, o.get(1).kind());
    assertEquals(Optional.of(OrderNo.of("1")), o.get(1).originalOrderNo());
    assertEquals(AccountOrder.Kind.CANCEL, o.get(2).kind());
    assertEquals(AccountOrder.Kind.NEW, o.get(3).kind(), "an all-zero original number means none");
    assertEquals(Side.BUY, o.get(0).side());
    assertEquals(Side.SELL, o.get(2).side());
    assertEquals(4, o.get(0).filledQuantity());
    assertEquals(280_000, o.get(0).filledAmount());
    assertEquals(6, o.get(0).cancelledQuantity());
    assertEquals("06010", o.get(0).branchNo());
    assertEquals(LocalTime.of(9, 1, 2), o.get(0).orderTime());
  }

  @Test
  void holdingsKeepQuantityAndRoundTheAveragePriceDown() {
    Balance b = new Balance(List.of(new Balance.Holding("005930", "삼성전자", 12, 12, 0, 0,
        new BigDecimal("70123.9876"), 841_487, 70_000, 840_000, -1_487, BigDecimal.ZERO)), Balance.Summary.EMPTY);

    AccountSnapshot s = snapshot(DAY, Instant.EPOCH, b, new DailyCcld(List.of(), DailyCcld.Summary.EMPTY));

    assertEquals(List.of(new Holding(Symbol.of("005930"), 12, 70_123)), s.holdings());
    assertEquals(DAY, s.tradingDate());
  }

  @Test
  void anOrderReadTwiceAcrossPagesCountsOnceAsTheLaterOfItsTwoReads() {
    // Page 1 saw order 1 with 4 filled; a new order arrived, pushing it onto page 2, read with 10 filled.
    DailyCcld ccld = new DailyCcld(List.of(
        row("0000000001", "", "N", "02", 10, 4, 6),
        row("0000000002", "", "N", "02", 1, 0, 1),
        row("0000000001", "", "N", "02", 10, 10, 0)), DailyCcld.Summary.EMPTY);

    AccountSnapshot s = snapshot(DAY, Instant.EPOCH, new Balance(List.of(), Balance.Summary.EMPTY), ccld);

    assertEquals(2, s.orders().size());
    assertEquals(10, s.orders().get(0).filledQuantity());
    assertEquals(700_000, s.orders().get(0).filledAmount());
  }

  static AccountSnapshot snapshot(LocalDate day, Instant at, Balance b, DailyCcld ccld) {
    return KisAccount.of(day, at, b, ccld).known().orElseThrow();
  }

  @Test
  void aRowWithAnUnknownSideCodeRefusesTheWholeSnapshotNamingTheRow() {
    DailyCcld ccld = new DailyCcld(List.of(
        row("0000000001", "", "N", "02", 10, 4, 0),
        row("0000000005", "", "N", "09", 1, 0, 1)), DailyCcld.Summary.EMPTY);

    Decoded<AccountSnapshot> d = KisAccount.of(DAY, Instant.EPOCH, new Balance(List.of(), Balance.Summary.EMPTY), ccld);

    Decoded.Refused<AccountSnapshot> r = assertInstanceOf(Decoded.Refused.class, d);
    assertTrue(r.why().contains("0000000005") && r.why().contains("'09'"), r.why());
  }

  @Test
  void todaysOrdersAreAskedOnEveryVenueForThatDayOnly() {
    DailyCcldQuery q = KisAccount.todaysOrders(DAY);
    assertEquals(DAY, q.from());
    assertEquals(DAY, q.to());
    assertEquals("ALL", q.exchange());
  }

  @Test
  void eachOrderCarriesTheVenueItsRowNamesAndABlankVenueIsKrx() {
    DailyCcld ccld = new DailyCcld(List.of(
        row("0000000001", "", "N", "02", 10, 0, 10, "NXT"),
        row("0000000002", "", "N", "02", 10, 0, 10, "SOR"),
        row("0000000003", "", "N", "01", 10, 0, 10, "krx "),
        row("0000000004", "", "N", "01", 10, 0, 10, "")), DailyCcld.Summary.EMPTY);

    AccountSnapshot s = KisAccount.of(DAY, Instant.EPOCH, new Balance(List.of(), Balance.Summary.EMPTY), ccld)
        .known().orElseThrow();

    assertEquals(List.of(Venue.NXT, Venue.SOR, Venue.KRX, Venue.KRX),
        s.orders().stream().map(AccountOrder::venue).toList());
  }

  @Test
  void aRowWithAnUnknownVenueRefusesTheWholeSnapshotNamingTheRow() {
    DailyCcld ccld = new DailyCcld(List.of(row("0000000007", "", "N", "02", 10, 0, 10, "XYZ")),
        DailyCcld.Summary.EMPTY);

    Decoded<AccountSnapshot> d = KisAccount.of(DAY, Instant.EPOCH, new Balance(List.of(), Balance.Summary.EMPTY), ccld);

    Decoded.Refused<AccountSnapshot> r = assertInstanceOf(Decoded.Refused.class, d);
    assertTrue(r.why().contains("0000000007") && r.why().contains("'XYZ'"), r.why());
  }
}
