package kis.connector.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ControlMessageTest {
  @Test
  void recognisesPingPong() throws Exception {
    var p = assertInstanceOf(ControlMessage.PingPong.class,
        ControlMessage.parse("{\"header\":{\"tr_id\":\"PINGPONG\",\"datetime\":\"20261124093000\"}}"));
    assertEquals("20261124093000", p.datetime());
  }

  @Test
  void subscribeAckKeepsTheAesKey() throws Exception {
    String json = "{\"header\":{\"tr_id\":\"H0STCNI0\",\"tr_key\":\"htsuser01\",\"encrypt\":\"Y\"},"
        + "\"body\":{\"rt_cd\":\"0\",\"msg_cd\":\"OPSP0000\",\"msg1\":\"SUBSCRIBE SUCCESS\","
        + "\"output\":{\"iv\":\"" + Frames.IV + "\",\"key\":\"" + Frames.KEY + "\"}}}";
    var a = assertInstanceOf(ControlMessage.Ack.class, ControlMessage.parse(json));
    assertTrue(a.success());
    assertFalse(a.unsubscribe());
    assertTrue(a.key().isPresent());
  }

  @Test
  void alreadySubscribedIsBenignAndUnsubscribeIsRecognisedByMessage() throws Exception {
    var already = (ControlMessage.Ack) ControlMessage.parse("{\"header\":{\"tr_id\":\"H0STCNT0\",\"tr_key\":\"005930\"},"
        + "\"body\":{\"rt_cd\":\"1\",\"msg_cd\":\"OPSP0002\",\"msg1\":\"ALREADY IN SUBSCRIBE\"}}");
    assertTrue(already.success());
    var unsub = (ControlMessage.Ack) ControlMessage.parse("{\"header\":{\"tr_id\":\"H0STCNT0\",\"tr_key\":\"005930\"},"
        + "\"body\":{\"rt_cd\":\"0\",\"msg_cd\":\"OPSP0001\",\"msg1\":\"UNSUBSCRIBE SUCCESS\"}}");
    assertTrue(unsub.unsubscribe());
    var full = (ControlMessage.Ack) ControlMessage.parse("{\"header\":{\"tr_id\":\"H0STCNT0\",\"tr_key\":\"005930\"},"
        + "\"body\":{\"rt_cd\":\"1\",\"msg_cd\":\"OPSP0008\",\"msg1\":\"MAX SUBSCRIBE OVER\"}}");
    assertFalse(full.success());
  }

  @Test
  void garbageIsMalformed() {
    assertThrows(MalformedFrameException.class, () -> ControlMessage.parse("{not json"));
    assertThrows(MalformedFrameException.class, () -> ControlMessage.parse("[1,2]"));
    assertThrows(MalformedFrameException.class, () -> ControlMessage.parse("{\"header\":{\"tr_id\":\"H0STCNT0\"}}"));
  }
}
