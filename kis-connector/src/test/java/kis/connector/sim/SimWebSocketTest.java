package kis.connector.sim;

import static kis.connector.sim.SimHarness.await;
import static kis.connector.sim.SimHarness.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kis.connector.assembly.KisConnector;
import kis.connector.rest.OrderCashRequest;
import kis.connector.rest.OrderOutcome;
import kis.connector.rest.OrderSide;
import kis.connector.ws.KisFeedEvent;
import kis.connector.ws.KisFeedEvent.Connected;
import kis.connector.ws.KisFeedEvent.Disconnected;
import kis.connector.ws.KisFeedEvent.ExecutionNotice;
import kis.connector.ws.KisFeedEvent.Heartbeat;
import kis.connector.ws.KisFeedEvent.NoticeKind;
import kis.connector.ws.KisFeedEvent.OrderBook;
import kis.connector.ws.KisFeedEvent.SubscriptionAck;
import kis.connector.ws.KisFeedEvent.Trade;
import kis.connector.ws.KisWebSocket;
import kis.connector.ws.SubscriptionLimitException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The websocket client against kis-sim: subscriptions, data, heartbeats, notices, limits, endings. */
class SimWebSocketTest {
  SimHarness h;
  KisConnector kis;
  KisWebSocket ws;
  BlockingQueue<KisFeedEvent> events;

  // A simulator per test: KIS allows one websocket session per app key.
  @BeforeEach
  void open() throws Exception {
    h = new SimHarness("");
    kis = h.connector("");
    ws = join(kis.openWebSocket());
    events = h.collect(ws);
    await(events, Connected.class, c -> true);
  }

  @AfterEach
  void close() {
    ws.close();
    h.close();
  }

  @Test
  void subscribedTradesAndBooksArriveTypedAndHeartbeatsAreSeen() throws Exception {
    SubscriptionAck ack = join(ws.subscribeTrades("005930"));
    assertTrue(ack.success(), ack.toString());
    assertTrue(join(ws.subscribeOrderBook("005930")).success());
    assertEquals(2, ws.registrations());

    h.trade("005930", 70_500, 7);
    Trade t = await(events, Trade.class, x -> x.price() == 70_500);
    assertEquals("005930", t.symbol());
    assertEquals(7, t.volume());
    assertTrue(t.cumulativeVolume() >= 7);
    OrderBook b = await(events, OrderBook.class, x -> x.symbol().equals("005930"));
    assertEquals(10, b.asks().size());

    h.pingPong();
    await(events, Heartbeat.class, x -> !x.datetime().isBlank());
    // The session survives the heartbeat: data still flows afterwards.
    h.trade("005930", 70_600, 1);
    await(events, Trade.class, x -> x.price() == 70_600);
    assertEquals(0, ws.malformedFrames());

    assertTrue(join(ws.unsubscribe("H0STCNT0", "005930")).success());
    assertEquals(1, ws.registrations());
  }

  @Test
  void executionNoticesAreDecryptedWithTheAckKey() throws Exception {
    SubscriptionAck ack = join(ws.subscribeExecutionNotices(h.credentials().htsId(), kis.paper()));
    assertTrue(ack.success(), ack.toString());
    assertEquals("H0STCNI9", ack.trId());
    assertEquals("***", ack.trKey(), "the HTS id is not shown");

    OrderOutcome.Accepted a = assertInstanceOf(OrderOutcome.Accepted.class,
        join(kis.rest().orderCash(OrderCashRequest.limit("KRX", OrderSide.BUY, "005930", 10, 70_000))));
    ExecutionNotice accepted = await(events, ExecutionNotice.class, n -> n.odno().equals(a.odno()));
    assertEquals(NoticeKind.ACCEPTANCE, accepted.kind());
    assertEquals(OrderSide.BUY, accepted.side());
    assertFalse(accepted.refused());

    h.trade("005930", 70_000, 3);
    ExecutionNotice fill = await(events, ExecutionNotice.class, n -> n.odno().equals(a.odno()) && n.isFill());
    assertEquals(3, fill.qty());
    assertEquals(70_000, fill.price());
    assertEquals("005930", fill.symbol());
    assertEquals(0, ws.malformedFrames());
  }

  @Test
  void the42ndRegistrationIsRefusedBeforeItIsSent() throws Exception {
    for (int i = 1; i <= 41; i++) {
      assertTrue(join(ws.subscribe("H0STCNT0", String.format("%06d", i))).success(), "registration " + i);
    }
    assertEquals(41, ws.registrations());

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> ws.subscribe("H0STCNT0", "000042").toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertInstanceOf(SubscriptionLimitException.class, e.getCause());

    assertTrue(join(ws.unsubscribe("H0STCNT0", "000001")).success());
    assertTrue(join(ws.subscribe("H0STCNT0", "000042")).success(), "a freed slot can be reused");
  }

  @Test
  void aServerDropEndsTheStreamWithDisconnected() throws Exception {
    join(ws.subscribeTrades("005930"));
    h.sim.faults().dropWebsockets();

    await(events, Disconnected.class, d -> true);
    ws.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(0, ws.registrations());
  }

  @Test
  void closingEndsTheStreamAndAFreshSessionCanBeOpened() throws Exception {
    ws.close();
    await(events, Disconnected.class, d -> true);
    ws.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);

    ws = join(kis.openWebSocket());
    events = h.collect(ws);
    await(events, Connected.class, c -> true);
    assertTrue(join(ws.subscribeTrades("005930")).success(), "one session per app key: the old one is gone");
  }
}
