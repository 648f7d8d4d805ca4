package kis.journal.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.AgentParked;
import kis.journal.event.AgentResumed;
import kis.journal.event.CancelRequested;
import kis.journal.event.FillSource;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderCancelled;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderExpired;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderInDoubt;
import kis.journal.event.OrderRejected;
import kis.journal.event.OrderRequested;
import kis.journal.event.OrderRevised;
import kis.journal.event.PositionCorrected;
import kis.journal.event.ProtectiveArmed;
import kis.journal.event.ProtectiveCancelled;
import kis.journal.event.ProtectiveTrailed;
import kis.journal.event.ProtectiveTriggered;
import kis.journal.event.ReviseRequested;
import kis.journal.ProtectiveId;
import kis.journal.ProtectiveSpec;
import kis.journal.TimeInForce;
import kis.journal.Trail;
import kis.journal.state.AgentState;
import kis.journal.state.AgentStateSerializer;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every journaled type goes through Jackson CBOR (never Java serialization), its manifest is its
 * class name, and a JacksonMigration can read an old schema: the evolution path in journal/README.md.
 */
class EventSerializationTest {
  static final ActorSystem system = ActorSystem.create("ser", ConfigFactory.parseString(
          "pekko.serialization.jackson.migrations { \"kis.journal.event.AgentParked\" = "
              + "\"kis.journal.serialization.RenamedReasonMigration\" }")
      .withFallback(ConfigFactory.load()));
  static final Serialization serialization = SerializationExtension.get(system);
  static final int JACKSON_CBOR = 33;

  static final Instant T = Instant.parse("2026-11-24T01:00:00Z");
  static final Symbol S = Symbol.of("005930");
  static final ClientOrderId ID = new ClientOrderId("a1-1");
  static final OrderNo NO = OrderNo.of("1001");
  static final ProtectiveId PID = new ProtectiveId("a1-p1");

  static final List<AgentEvent> ONE_OF_EACH = List.of(
      new OrderRequested(ID, OrderSpec.limit(S, Side.BUY, 10, 70_000), "signal", T),
      new OrderDenied(ID, OrderSpec.market(S, Side.SELL, 3), RejectReason.RISK_INSUFFICIENT_POSITION, "none", T),
      new OrderDenied(new ClientOrderId("a1-9"), OrderSpec.limit(S, Side.BUY, 1, 64_000), RejectReason.RISK_HALTED,
          "the KIS connection is SUBSCRIBING", T, 7),
      new OrderAccepted(ID, NO, "06010", "090000", false, T),
      new OrderRejected(ID, "40570000", "주문가능금액을 초과 했습니다", T),
      new OrderInDoubt(ID, "timeout", T),
      new InDoubtResolved(ID, Optional.of(NO), "06010", T),
      new InDoubtResolved(ID, Optional.empty(), null, T),
      new OrderFilled(ID, NO, S, Side.BUY, 4, 70_000, 39, 0, "e1", "090101", FillSource.NOTICE, T),
      new ReviseRequested(ID, 70_100, T),
      new OrderRevised(ID, OrderNo.of("2001"), 70_100, true, T),
      new CancelRequested(ID, "stop", T),
      new OrderCancelled(ID, false, T),
      new ModifyRejected(ID, "40330000", "모의투자 정정/취소할 수량이 없습니다.", T),
      new OrderExpired(ID, LocalDate.of(2026, 11, 24), T),
      new PositionCorrected(S, 12, 70_000, "rc-1", "balance", T),
      new AgentParked("operator", T),
      new AgentResumed("operator", T),
      new ProtectiveArmed(PID, ProtectiveSpec.trailingStop(S, Side.SELL, 10, Trail.ticks(5))
          .until(TimeInForce.goodTill(LocalDate.of(2026, 11, 27))), ID, "a1-p1", T.plusSeconds(3600), "bracket", T),
      new ProtectiveTrailed(PID, 69_500, 70_000, T, T),
      new ProtectiveTriggered(PID, 69_400, T, new ClientOrderId("a1-2"), OrderSpec.market(S, Side.SELL, 10), T),
      new ProtectiveCancelled(PID, "OCO", T));

  @AfterAll
  static void shutdown() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }

  private static Object roundTrip(Object o) {
    Serializer s = serialization.findSerializerFor(o);
    if (o instanceof AgentState) {
      assertEquals(AgentStateSerializer.IDENTIFIER, s.identifier(), "snapshots use the compact form");
    } else {
      assertEquals(JACKSON_CBOR, s.identifier(), o.getClass() + " must use jackson-cbor");
    }
    byte[] bytes = s.toBinary(o);
    String manifest = Serializers.manifestFor(s, o);
    return serialization.deserialize(bytes, s.identifier(), manifest).get();
  }

  @Test
  void oneOfEachEventTypeIsCovered() {
    Set<String> covered = ONE_OF_EACH.stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toSet());
    Set<String> permitted = permittedLeaves(AgentEvent.class);
    assertEquals(permitted, covered);
  }

  private static Set<String> permittedLeaves(Class<?> c) {
    if (!c.isSealed()) {
      return Set.of(c.getSimpleName());
    }
    return java.util.Arrays.stream(c.getPermittedSubclasses()).flatMap(p -> permittedLeaves(p).stream())
        .collect(Collectors.toSet());
  }

  @Test
  void everyEventSurvivesCborAndItsManifestIsItsClassName() {
    for (AgentEvent e : ONE_OF_EACH) {
      assertEquals(e, roundTrip(e));
      Serializer s = serialization.findSerializerFor(e);
      String manifest = Serializers.manifestFor(s, e);
      assertTrue(manifest.startsWith(e.getClass().getName()), manifest);
    }
  }

  @Test
  void theFoldedStateSurvivesItsSnapshotForm() {
    AgentState s = AgentState.fold("a1", ONE_OF_EACH);
    Object back = roundTrip(s);
    assertEquals(s, back);
    assertEquals(s.stateHash(), ((AgentState) back).stateHash());
  }

  /** A busy day: more orders than the closed window keeps, each accepted and filled. */
  private static List<AgentEvent> busyDay(int orders) {
    List<AgentEvent> events = new java.util.ArrayList<>();
    for (int n = 1; n <= orders; n++) {
      ClientOrderId id = new ClientOrderId("a1-" + n);
      OrderNo no = OrderNo.of(String.valueOf(1000 + n));
      events.add(new OrderRequested(id, OrderSpec.limit(S, Side.BUY, 1, 70_000), "t", T));
      events.add(new OrderAccepted(id, no, "06010", "090000", false, T));
      events.add(new OrderFilled(id, no, S, Side.BUY, 1, 70_000, 9, 0, "e" + n, "090001", FillSource.NOTICE, T));
    }
    return events;
  }

  @Test
  void aSnapshotPastTheClosedWindowRecoversToTheFullFold() {
    List<AgentEvent> events = busyDay(AgentState.CLOSED_KEPT + 80);
    AgentState full = AgentState.fold("a1", events);
    int cut = 3 * (AgentState.CLOSED_KEPT + 30);
    AgentState snapshot = (AgentState) roundTrip(AgentState.fold("a1", events.subList(0, cut)));
    assertEquals(30, snapshot.prunedOrderNos().of(LocalDate.of(2026, 11, 24)).size(), "the snapshot holds pruned numbers");
    AgentState recovered = snapshot;
    for (AgentEvent e : events.subList(cut, events.size())) {
      recovered = recovered.apply(e);
    }
    assertEquals(full, recovered);
    assertEquals(full.stateHash(), recovered.stateHash());
  }

  @Test
  void aSnapshotWrittenBeforeOrderNumbersWerePrunedPerDayStillLoads() throws Exception {
    AgentState s = AgentState.fold("a1", busyDay(3));
    ObjectMapper cbor = JacksonObjectMapperProvider.get(system).getOrCreate("jackson-cbor", Optional.empty());
    ObjectNode old = cbor.valueToTree(s);
    old.remove("prunedOrderNos");
    Object loaded = serialization.deserialize(cbor.writeValueAsBytes(old), JACKSON_CBOR, AgentState.class.getName())
        .get();
    assertEquals(s, loaded);
    assertEquals(kis.journal.state.PrunedOrderNos.NONE, ((AgentState) loaded).prunedOrderNos());
  }

  @Test
  void aSnapshotWithArmedOrdersKeepsThemAndOneWrittenBeforeThemLoadsWithNone() throws Exception {
    AgentState s = AgentState.fold("a1", List.of(
        new ProtectiveArmed(PID, ProtectiveSpec.stopLimit(S, Side.SELL, 5, 69_000, 68_900)
            .until(TimeInForce.GOOD_TILL_CLOSE), null, null, T.plusSeconds(60), "stop", T),
        new ProtectiveArmed(new ProtectiveId("a1-p2"), ProtectiveSpec.trailingStop(S, Side.SELL, 5,
            Trail.basisPoints(150)), null, null, T.plusSeconds(60), "trail", T),
        new ProtectiveTrailed(new ProtectiveId("a1-p2"), 68_900, 70_000, T, T)));
    AgentState back = (AgentState) roundTrip(s);
    assertEquals(s, back);
    assertEquals(2, back.protections().armed().size());
    assertEquals(s.stateHash(), back.stateHash());
    ObjectMapper cbor = JacksonObjectMapperProvider.get(system).getOrCreate("jackson-cbor", Optional.empty());
    ObjectNode old = cbor.valueToTree(AgentState.fold("a1", busyDay(2)));
    old.remove("protections");
    AgentState loaded = (AgentState) serialization.deserialize(cbor.writeValueAsBytes(old), JACKSON_CBOR,
        AgentState.class.getName()).get();
    assertEquals(kis.journal.state.Protections.NONE, loaded.protections());
    assertEquals(AgentState.fold("a1", busyDay(2)).stateHash(), loaded.stateHash());
  }

  @Test
  void aSnapshotWrittenInJacksonCborBeforeTheCompactFormLoadsToTheSameBooks() throws Exception {
    List<AgentEvent> events = new java.util.ArrayList<>(busyDay(AgentState.CLOSED_KEPT + 40));
    events.addAll(ONE_OF_EACH);
    AgentState s = AgentState.fold("a1", events);
    Serializer jackson = serialization.serializerByIdentity().apply(JACKSON_CBOR);
    byte[] old = jackson.toBinary(s);
    AgentState loaded = (AgentState) serialization.deserialize(old, JACKSON_CBOR, AgentState.class.getName()).get();
    assertEquals(s, loaded);
    assertEquals(s.stateHash(), loaded.stateHash());
    // And the compact form of the same books is several times smaller.
    byte[] compact = serialization.findSerializerFor(s).toBinary(s);
    assertTrue(compact.length * 2 < old.length, compact.length + " compact bytes against " + old.length + " in CBOR");
  }

  @Test
  void anEventWrittenUnderAnOlderSchemaIsMigratedOnReplay() throws Exception {
    // Write a version-1 AgentParked as an old engine would have: field "why", no version suffix.
    ObjectMapper cbor = JacksonObjectMapperProvider.get(system).getOrCreate("jackson-cbor", Optional.empty());
    ObjectNode v1 = cbor.createObjectNode();
    v1.put("why", "operator");
    v1.put("recordedAt", T.toString());
    byte[] bytes = cbor.writeValueAsBytes(v1);
    Object replayed = serialization.deserialize(bytes, JACKSON_CBOR, AgentParked.class.getName()).get();
    assertEquals(new AgentParked("operator", T), replayed);
    // New writes carry the version in the manifest.
    AgentParked now = new AgentParked("x", T);
    assertEquals(AgentParked.class.getName() + "#2", Serializers.manifestFor(serialization.findSerializerFor(now), now));
  }

  @Test
  void orderTypesAndSidesAreJournaledByNameNotByAnyBrokerCode() throws Exception {
    ObjectMapper cbor = JacksonObjectMapperProvider.get(system).getOrCreate("jackson-cbor", Optional.empty());
    ObjectNode requested = cbor.valueToTree(new OrderRequested(ID, OrderSpec.limit(S, Side.BUY, 10, 70_000), "s", T));
    assertEquals("LIMIT", requested.get("spec").get("type").asText());
    assertEquals("BUY", requested.get("spec").get("side").asText());
    // As an engine before the codes left the core wrote it: the same names read back.
    ObjectNode old = requested.deepCopy();
    ((ObjectNode) old.get("spec")).put("type", "MARKET").put("side", "SELL").put("price", 0);
    Object replayed = serialization.deserialize(cbor.writeValueAsBytes(old), JACKSON_CBOR,
        OrderRequested.class.getName()).get();
    assertEquals(new OrderRequested(ID, OrderSpec.market(S, Side.SELL, 10), "s", T), replayed);
  }
}
