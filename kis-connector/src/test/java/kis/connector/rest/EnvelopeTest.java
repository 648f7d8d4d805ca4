package kis.connector.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import kis.connector.http.HttpReply;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
  private static final String FK = "12345678^01^N^N^02^01^N^" + " ".repeat(76);

  @Test
  void continuationKeysComeBackVerbatimWithTheirPadding() {
    Envelope e = Envelope.parse(new HttpReply(200, Map.of("tr_cont", "M"),
        "{\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0500\",\"msg1\":\"조회가 계속됩니다..다음버튼을 Click 하십시오.      \","
            + "\"ctx_area_fk100\":\"" + FK + "\",\"ctx_area_nk100\":\"NK" + " ".repeat(98) + "\"}")).orElseThrow();

    assertTrue(e.hasMorePages());
    assertEquals(FK, e.pageKeys().fk());
    assertEquals(100, e.pageKeys().nk().length());
    assertEquals("조회가 계속됩니다..다음버튼을 Click 하십시오.", e.msg1());
  }

  @Test
  void lastPageIsMarkedByDOrE() {
    for (String last : new String[] {"D", "E", ""}) {
      Envelope e = Envelope.parse(new HttpReply(200, Map.of("tr_cont", last), "{\"rt_cd\":\"0\"}")).orElseThrow();
      assertFalse(e.hasMorePages(), last);
    }
    assertTrue(new PageKeys(" ".repeat(100), " ".repeat(100)).blank());
  }

  @Test
  void gatewayErrorsAreClassifiedFromTheBodyWhateverTheStatus() {
    String throttled = "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00201\",\"msg1\":\"초당 거래건수를 초과하였습니다.\"}";
    assertInstanceOf(Reply.Throttled.class, Reply.classify(new HttpReply(500, Map.of(), throttled)));
    assertInstanceOf(Reply.Throttled.class, Reply.classify(new HttpReply(200, Map.of(), throttled)));
    assertInstanceOf(Reply.TokenRejected.class, Reply.classify(new HttpReply(500, Map.of(),
        "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00123\",\"msg1\":\"기간이 만료된 token 입니다.\"}")));
    assertInstanceOf(Reply.Ambiguous.class, Reply.classify(new HttpReply(500, Map.of(),
        "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00302\",\"msg1\":\"timeout\"}")));
    assertInstanceOf(Reply.Failed.class, Reply.classify(new HttpReply(200, Map.of(),
        "{\"rt_cd\":\"1\",\"msg_cd\":\"40030000\",\"msg1\":\"모의투자 주문처리가 안되었습니다(호가단위 오류)\"}")));
    assertInstanceOf(Reply.NoEnvelope.class, Reply.classify(new HttpReply(502, Map.of(), "<html>Bad Gateway</html>")));
    assertInstanceOf(Reply.Ok.class, Reply.classify(new HttpReply(200, Map.of(),
        "{\"rt_cd\":\"1\",\"msg_cd\":\"KIOK0560\",\"msg1\":\"조회할 자료가 없습니다\"}")));
  }
}
