package kis.actors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import org.junit.jupiter.api.Test;

class NoticeRouterTest {
  static final Instant T = Instant.parse("2026-11-24T01:00:00Z");
  static final AgentId A1 = new AgentId("a1");
  static final AgentId A2 = new AgentId("a2");
  static final OrderNo N100 = OrderNo.of("100");
  static final OrderNo N200 = OrderNo.of("200");
  static final ClientOrderId C1 = new ClientOrderId("a1-1");
  static final ClientOrderId C2 = new ClientOrderId("a2-1");

  final NoticeRouter<String> router = new NoticeRouter<>(3, Duration.ofSeconds(5), 100);

  static Routing<String> toAgent(AgentId a, String n) {
    return new Routing.ToAgent<>(a, n);
  }

  @Test
  void aNoticeForARegisteredOrderGoesToItsOwner() {
    router.sendStarted(C1);
    router.register(N100, A1);
    router.sendSettled(C1);
    assertEquals(List.of(toAgent(A1, "fill-1")), router.onNotice(N100, "k1", "fill-1", T));
    assertEquals(Optional.of(A1), router.owner(OrderNo.of("0000000100")));
  }

  @Test
  void aNoticeBeforeItsReplyIsHeldAndReleasedInOrderWhenTheReplyLands() {
    router.sendStarted(C1);
    assertInstanceOf(Routing.Held.class, router.onNotice(N100, "k1", "accepted", T).get(0));
    assertInstanceOf(Routing.Held.class, router.onNotice(N100, "k2", "fill-1", T.plusMillis(5)).get(0));
    assertEquals(List.of(toAgent(A1, "accepted"), toAgent(A1, "fill-1")), router.register(N100, A1));
    assertEquals(0, router.heldCount());
    assertEquals(List.of(), router.sendSettled(C1));
  }

  @Test
  void heldNoticesForOtherNumbersStayHeldWhileTheirReplyMayStillCome() {
    router.sendStarted(C1);
    router.sendStarted(C2);
    router.onNotice(N200, "k1", "a2-fill", T);
    assertEquals(List.of(), router.register(N100, A1));
    assertEquals(List.of(), router.sendSettled(C1));
    assertEquals(List.of(toAgent(A2, "a2-fill")), router.register(N200, A2));
  }

  @Test
  void aDuplicateNoticeChangesNothingHeldOrNot() {
    router.sendStarted(C1);
    router.onNotice(N100, "k1", "fill-1", T);
    assertInstanceOf(Routing.Duplicate.class, router.onNotice(N100, "k1", "fill-1", T).get(0));
    assertEquals(1, router.heldCount());
    assertEquals(List.of(toAgent(A1, "fill-1")), router.register(N100, A1)); // delivered once
    assertInstanceOf(Routing.Duplicate.class, router.onNotice(N100, "k1", "fill-1", T).get(0));
  }

  @Test
  void aNoticeNoAgentCanOwnGoesToTheReconcilerAtOnce() {
    List<Routing<String>> r = router.onNotice(N100, "k1", "manual-fill", T);
    assertEquals(1, r.size());
    assertEquals("manual-fill", ((Routing.ToReconciler<String>) r.get(0)).notice());
  }

  @Test
  void aHeldNoticeTimesOutToTheReconciler() {
    router.sendStarted(C1);
    router.onNotice(N100, "k1", "fill-1", T);
    assertEquals(Optional.of(T.plusSeconds(5)), router.nextExpiry());
    assertEquals(List.of(), router.expire(T.plusMillis(4_999)));
    List<Routing<String>> r = router.expire(T.plusSeconds(5));
    assertEquals("fill-1", ((Routing.ToReconciler<String>) r.get(0)).notice());
    assertEquals(Optional.empty(), router.nextExpiry());
  }

  @Test
  void whenTheLastSendSettledWithoutClaimingThemHeldNoticesGoToTheReconciler() {
    router.sendStarted(C1);
    router.onNotice(N200, "k1", "stray", T);
    List<Routing<String>> r = router.sendSettled(C1); // in doubt: the reply never came
    assertEquals("stray", ((Routing.ToReconciler<String>) r.get(0)).notice());
    assertEquals(0, router.heldCount());
  }

  @Test
  void theHoldIsBoundedAndPushesTheOldestToTheReconciler() {
    router.sendStarted(C1);
    for (int i = 1; i <= 3; i++) {
      router.onNotice(OrderNo.of(String.valueOf(300 + i)), "k" + i, "n" + i, T);
    }
    List<Routing<String>> r = router.onNotice(N200, "k4", "n4", T);
    assertEquals("n1", ((Routing.ToReconciler<String>) r.get(0)).notice());
    assertInstanceOf(Routing.Held.class, r.get(1));
    assertEquals(3, router.heldCount());
  }

  @Test
  void aNoticeHandedToTheReconcilerReachesTheOwnerWhenARegistrationNamesItsNumber() {
    // In doubt: the reply never came, so the fill's notice goes to the reconciler, which finds the
    // order and registers its number; the notice then goes to the owner too, to match the
    // reconciler's inferred fill of the same shares.
    router.sendStarted(C1);
    router.sendSettled(C1);
    List<Routing<String>> r = router.onNotice(N100, "k1", "fill-2", T);
    assertEquals("fill-2", ((Routing.ToReconciler<String>) r.get(0)).notice());
    assertEquals(1, router.unownedCount());
    assertEquals(List.of(toAgent(A1, "fill-2")), router.register(N100, A1));
    assertEquals(0, router.unownedCount());
    assertEquals(List.of(), router.register(N100, A1), "released once");
    assertEquals(List.of(toAgent(A1, "fill-4")), router.onNotice(N100, "k2", "fill-4", T));
  }

  @Test
  void heldNoticesThatTimedOutOrWereLeftWhenTheSendSettledAlsoReachALaterOwner() {
    router.sendStarted(C1);
    router.onNotice(N100, "k1", "accepted", T);
    router.expire(T.plusSeconds(5));
    router.onNotice(N100, "k2", "fill-1", T.plusSeconds(6));
    router.sendSettled(C1);
    assertEquals(List.of(toAgent(A1, "accepted"), toAgent(A1, "fill-1")), router.register(N100, A1));
  }

  @Test
  void unownedNoticesAreBoundedOldestFirstAndForgottenAtTheDayRoll() {
    for (int i = 1; i <= 4; i++) {
      router.onNotice(OrderNo.of(String.valueOf(300 + i)), "k" + i, "n" + i, T);
    }
    assertEquals(3, router.unownedCount());
    assertEquals(List.of(), router.register(OrderNo.of("301"), A1), "the oldest was dropped");
    assertEquals(List.of(toAgent(A2, "n4")), router.register(OrderNo.of("304"), A2));
    router.dayRoll();
    assertEquals(0, router.unownedCount());
    assertEquals(List.of(), router.register(OrderNo.of("302"), A1));
  }

  @Test
  void theFirstRegistrationOfANumberWins() {
    router.register(N100, A1);
    router.register(N100, A2);
    assertEquals(Optional.of(A1), router.owner(N100));
  }

  @Test
  void theDayRollForgetsNumbersBecauseKisRestartsThem() {
    router.register(N100, A1);
    router.onNotice(N100, "k1", "fill", T);
    router.dayRoll();
    assertEquals(Optional.empty(), router.owner(N100));
    assertInstanceOf(Routing.ToReconciler.class, router.onNotice(N100, "k1", "fill", T).get(0));
  }

  @Test
  void aReviseOrCancelNoticeFollowsItsOriginalOrdersOwner() {
    router.register(N100, A1);
    OrderNo cancelNo = OrderNo.of("150");
    assertEquals(List.of(toAgent(A1, "cancel-confirmed")),
        router.onNotice(cancelNo, Optional.of(N100), "k1", "cancel-confirmed", T));
    assertEquals(Optional.of(A1), router.owner(cancelNo));
    assertInstanceOf(Routing.ToReconciler.class,
        router.onNotice(OrderNo.of("151"), Optional.of(OrderNo.of("999")), "k2", "stray", T).get(0));
  }

  @Test
  void theDuplicateMemoryIsBoundedOldestFirst() {
    NoticeRouter<String> small = new NoticeRouter<>(3, Duration.ofSeconds(5), 2);
    small.register(N100, A1);
    small.onNotice(N100, "k1", "f1", T);
    small.onNotice(N100, "k2", "f2", T);
    small.onNotice(N100, "k3", "f3", T); // k1 forgotten
    assertInstanceOf(Routing.Duplicate.class, small.onNotice(N100, "k3", "f3", T).get(0));
    assertEquals(List.of(toAgent(A1, "f1")), small.onNotice(N100, "k1", "f1", T)); // the agent's fold dedups it
  }
}
