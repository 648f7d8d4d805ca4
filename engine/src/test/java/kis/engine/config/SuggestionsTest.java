package kis.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void aSwapOfTwoLettersIsOneEdit() {
    assertEquals(1, Suggestions.distance("max-daily-lsos", "max-daily-loss"));
    assertEquals(1, Suggestions.distance("agentz", "agents"));
    assertEquals(0, Suggestions.distance("port", "port"));
    assertEquals(3, Suggestions.distance("", "abc"));
  }

  @Test
  void onlyAKeyCloseEnoughIsSuggested() {
    List<String> known = List.of("max-daily-loss", "max-daily-orders", "max-position");
    assertEquals(Optional.of("max-daily-loss"), Suggestions.nearest("max-daily-los", known));
    assertEquals(Optional.of("max-position"), Suggestions.nearest("max-postion", known));
    assertEquals(Optional.empty(), Suggestions.nearest("colour", known));
  }
}
