package kis.connector.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import kis.connector.rest.KisJson;
import org.junit.jupiter.api.Test;

class FieldCutsTest {
  private static final String[] ODD_NUMBERS = {"", " ", "0", "-0", "+0", "7", "+7", "-7", " 70200 ", "\t12\t", "+-5",
      "-+5", "+", "-", "1.0", "1.50", "12a", "a12", "999999999999999999", "-999999999999999999",
      "9223372036854775807", "-9223372036854775808", "9223372036854775808", "0000000000000000000012", "1 2", "１２"};

  @Test
  void cutsTheFieldsStringSplitWouldMakeEmptyAndTrailingOnesIncluded() {
    SplittableRandom random = new SplittableRandom(17);
    String alphabet = "ab^^ 1-+.";
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      int prefix = random.nextInt(4);
      for (int i = 0; i < prefix + random.nextInt(30); i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      int from = Math.min(prefix, text.length());
      String[] split = text.substring(from).split("\\^", -1);
      FieldCuts cuts = FieldCuts.of(text.toString(), from);
      assertEquals(split.length, cuts.size(), text::toString);
      for (int i = 0; i < split.length; i++) {
        assertEquals(split[i], cuts.field(i), text::toString);
      }
    }
  }

  @Test
  void readsANumberInPlaceExactlyAsKisJsonParsesItsString() {
    for (String odd : ODD_NUMBERS) {
      assertSameNumber(odd);
    }
    SplittableRandom random = new SplittableRandom(29);
    String alphabet = "0123456789 +-.";
    for (int round = 0; round < 50_000; round++) {
      StringBuilder s = new StringBuilder();
      int len = random.nextInt(22);
      for (int i = 0; i < len; i++) {
        s.append(alphabet.charAt(random.nextInt(random.nextInt(4) == 0 ? alphabet.length() : 10)));
      }
      assertSameNumber(s.toString());
    }
  }

  @Test
  void aFieldPastItsRecordIsOutOfBoundsNotTheNextRecordsField() {
    FieldCuts cuts = FieldCuts.of("a^b^c^d", 0);
    FieldCuts.Fields first = cuts.record(0, 2);
    assertEquals("b", first.get(1));
    assertEquals("c", cuts.record(1, 2).get(0));
    assertThrows(IndexOutOfBoundsException.class, () -> first.get(2));
    assertThrows(IndexOutOfBoundsException.class, () -> first.number(-1));
  }

  private static void assertSameNumber(String s) {
    FieldCuts.Fields f = FieldCuts.of("x^" + s + "^y", 0).record(0, 3);
    Long expected;
    try {
      expected = KisJson.parseLong(s);
    } catch (RuntimeException e) {
      assertThrows(RuntimeException.class, () -> f.number(1), () -> "'" + s + "'");
      return;
    }
    assertEquals(expected, f.number(1), () -> "'" + s + "'");
  }
}
