package kis.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A symbol is a KRX short code, {@code Q?[0-9A-Z]{6}}, and nothing else. */
class SymbolTest {
  private static final Pattern KRX_CODE = Pattern.compile("Q?[0-9A-Z]{6}");
  private static final String ALPHABET = "Q0123456789AZBYaqz -_\u0661\uFF10";

  @Test
  void acceptsExactlyWhatThePatternAccepts() {
    Random random = new Random(17);
    for (int n = 0; n < 200_000; n++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(9);
      for (int i = 0; i < length; i++) {
        b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String code = b.toString();
      assertEquals(KRX_CODE.matcher(code).matches(), Symbol.isKrxCode(code), code);
    }
  }

  @Test
  void stocksEtfsAndEtnsAreSymbolsAndOtherTextIsRefused() {
    assertEquals("005930", Symbol.of(" 005930 ").code());
    assertEquals("Q500001", Symbol.of("Q500001").code());
    assertEquals("0052D0", Symbol.of("0052D0").code());
    for (String bad : new String[] {"", "05930", "0059300", "A005930", "q500001", "00593a", null}) {
      assertThrows(IllegalArgumentException.class, () -> new Symbol(bad), String.valueOf(bad));
    }
  }
}
