package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebsocketTest {
  KisSimulator sim;
  WireClient kis;
  String approval;

  @BeforeEach
  void start() {
    sim = SimTestSupport.start("pingpong-interval = 200ms");
    kis = new WireClient(sim);
    kis.issueToken();
    approval = kis.approvalKey();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void tradeFramesHaveFortySixFieldsAndMultiRecordFramesConcatenate() throws Exception {
    try (WsProbe ws = new WsProbe(sim.websocketUrl() + "/tryitout/H0STCNT0")) {
      JsonNode ack = ws.subscribeAck(approval, "H0STCNT0", "005930");
      assertEquals("OPSP0000", ack.path("body").path("msg_cd").asText());
      assertEquals("N", ack.path("header").path("encrypt").asText());
      assertEquals(32, ack.path("body").path("output").path("key").asText().length());
      kis.control("POST", "/sim/trade", java.util.Map.of("symbol", "005930", "price", 71_200, "qty", 7, "count", 2));
      String f = ws.next(s -> s.startsWith("0|H0STCNT0|"), Duration.ofSeconds(5));
      assertNotNull(f);
      String[] parts = f.split("\\|", 4);
      assertEquals("002", parts[2]);
      String[] fields = parts[3].split("\\^", -1);
      assertEquals(2 * 46, fields.length);
      assertEquals("005930", fields[0]);
      assertEquals("71200", fields[2]);
      assertEquals("2", fields[3]);
      assertEquals("200", fields[4]);
      assertEquals("7", fields[12]);
      assertEquals("7", fields[13]);
      assertEquals("005930", fields[46]);
      assertEquals("14", fields[46 + 13]);
    }
  }

  @Test
  void bookFramesHaveFiftyNineFieldsWithAsksAboveBids() throws Exception {
    try (WsProbe ws = new WsProbe(sim.websocketUrl())) {
      ws.subscribeAck(approval, "H0STASP0", "000660");
      kis.trade("000660", 128_000, 1);
      String f = ws.next(s -> s.startsWith("0|H0STASP0|001|"), Duration.ofSeconds(5));
      assertNotNull(f);
      String[] fields = f.split("\\|", 4)[3].split("\\^", -1);
      assertEquals(59, fields.length);
      assertEquals("000660", fields[0]);
      long ask1 = Long.parseLong(fields[3]);
      long bid1 = Long.parseLong(fields[13]);
      assertEquals(128_100, ask1);
      assertEquals(128_000, bid1);
    }
  }

  @Test
  void subscriptionControlMessagesFollowKis() throws Exception {
    try (WsProbe ws = new WsProbe(sim.websocketUrl() + "/tryitout")) {
      assertEquals("OPSP0000", ws.subscribeAck(approval, "H0STCNT0", "005930").path("body").path("msg_cd").asText());
      JsonNode again = ws.subscribeAck(approval, "H0STCNT0", "005930");
      assertEquals("OPSP0002", again.path("body").path("msg_cd").asText());
      assertEquals("ALREADY IN SUBSCRIBE", again.path("body").path("msg1").asText());
      ws.subscribe(approval, "2", "H0STCNT0", "005930");
      JsonNode unsub = ws.nextJson(s -> s.contains("UNSUBSCRIBE"));
      assertEquals("OPSP0001", unsub.path("body").path("msg_cd").asText());
      ws.subscribe(approval, "2", "H0STCNT0", "005930");
      assertEquals("OPSP0003", ws.nextJson(s -> s.contains("UNSUBSCRIBE")).path("body").path("msg_cd").asText());
      assertEquals("OPSP8991", ws.subscribeAck(approval, "H0STCNI0", "simuser").path("body").path("msg_cd").asText(),
          "the real-server notice TR is not offered on paper");
      assertEquals("OPSP0011", ws.subscribeAck("not-a-key", "H0STASP0", "005930").path("body").path("msg_cd").asText());
    }
  }

  @Test
  void fortySecondRegistrationIsOverTheLimit() throws Exception {
    try (WsProbe ws = new WsProbe(sim.websocketUrl() + "/tryitout")) {
      for (int i = 0; i < 41; i++) {
        JsonNode ack = ws.subscribeAck(approval, i % 2 == 0 ? "H0STCNT0" : "H0STASP0", String.format("%06d", i));
        assertEquals("OPSP0000", ack.path("body").path("msg_cd").asText(), "registration " + (i + 1));
      }
      JsonNode over = ws.subscribeAck(approval, "H0STCNT0", "999999");
      assertEquals("OPSP0008", over.path("body").path("msg_cd").asText());
      assertEquals("MAX SUBSCRIBE OVER", over.path("body").path("msg1").asText());
    }
  }

  @Test
  void secondLiveSessionWithTheSameAppKeyIsRefused() throws Exception {
    try (WsProbe first = new WsProbe(sim.websocketUrl() + "/tryitout");
        WsProbe second = new WsProbe(sim.websocketUrl() + "/tryitout")) {
      first.subscribeAck(approval, "H0STCNT0", "005930");
      JsonNode ack = second.subscribeAck(kis.approvalKey(), "H0STCNT0", "005930");
      assertEquals("OPSP8996", ack.path("body").path("msg_cd").asText());
    }
  }

  @Test
  void serverSendsPingPongHeartbeats() throws Exception {
    try (WsProbe ws = new WsProbe(sim.websocketUrl() + "/tryitout")) {
      String ping = ws.next(s -> s.contains("PINGPONG"), Duration.ofSeconds(5));
      assertNotNull(ping);
      JsonNode n = WireClient.M.readTree(ping);
      assertTrue(n.path("header").path("datetime").asText().matches("\\d{14}"));
      assertTrue(n.path("body").isMissingNode());
      ws.send(ping); // the client's echo is accepted silently
      ws.ws.sendPing(WsProbe.utf8(ping)).join();
      assertNotNull(ws.next(s -> s.contains("PINGPONG"), Duration.ofSeconds(5)), "the session survives echoes");
    }
  }

  @Test
  void noticesGoOnlyToTheSubscribedHtsId() throws Exception {
    try (WsProbe ws = new WsProbe(sim.websocketUrl() + "/tryitout")) {
      ws.subscribeAck(approval, "H0STCNI9", "someone-else");
      ws.subscribeAck(approval, "H0STCNT0", "005930");
      kis.order(true, "005930", "01", 1, 0);
      assertNotNull(ws.next(s -> s.startsWith("0|H0STCNT0|"), Duration.ofSeconds(5)));
      assertEquals(0, ws.all.stream().filter(s -> s.startsWith("1|")).count());
    }
  }
}
