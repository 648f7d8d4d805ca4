package kis.journal.calendar;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VolatilityInterruptionRuleTest {
  @Test
  void aStaticViIsTenPercentFromTheLastSinglePriceEitherWay() {
    assertTrue(VolatilityInterruption.staticTriggered(70_000, 77_000));
    assertFalse(VolatilityInterruption.staticTriggered(70_000, 76_900));
    assertTrue(VolatilityInterruption.staticTriggered(70_000, 63_000));
    assertFalse(VolatilityInterruption.staticTriggered(70_000, 63_100));
  }

  @Test
  void aDynamicViIsSixPercentFromTheLastTrade() {
    assertTrue(VolatilityInterruption.dynamicTriggered(50_000, 53_000));
    assertFalse(VolatilityInterruption.dynamicTriggered(50_000, 52_900));
    assertTrue(VolatilityInterruption.triggered(70_000, 50_000, 53_000));
  }

  @Test
  void anUnknownReferenceTriggersNothing() {
    assertFalse(VolatilityInterruption.triggered(0, 0, 99_000));
  }
}
