package kis.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClientOrderIdTest {

  @Test
  void trailingSequenceReadsTheNumberAnIdWasMadeWith() {
    Random rnd = new Random(5);
    for (int i = 0; i < 100_000; i++) {
      long seq = i < 1_000 ? i : Math.floorMod(rnd.nextLong(), 1_000_000_000_000_000_000L);
      String id = ClientOrderId.of(new AgentId("agent-" + (i % 7)), seq).value();
      assertEquals(seq, ClientOrderId.trailingSequence(id), id);
      assertEquals(Long.parseLong(id.substring(id.lastIndexOf('-') + 1)), ClientOrderId.trailingSequence(id), id);
    }
    assertEquals(7, ClientOrderId.trailingSequence("a-007"));
    assertEquals(999_999_999_999_999_999L, ClientOrderId.trailingSequence("a-999999999999999999"));
  }

  @Test
  void trailingSequenceIsMinusOneForAnyOtherShapeSoCallersUseTheirOwnParse() {
    for (String v : new String[] {"abc", "123", "a-", "a-+5", "a-5x", "a-x5", "a- 5", "a-1234567890123456789", ""}) {
      assertEquals(-1, ClientOrderId.trailingSequence(v), v);
    }
  }
}
