package kis.journal.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RiskLimitsTest {

  @Test
  void defaultsAreComplete() {
    RiskLimits d = RiskLimits.defaults();
    assertFalse(d.paper());
    assertEquals(10_000_000, d.maxOrderNotional());
    assertEquals(Duration.ofSeconds(3), d.duplicateWindow());
    assertEquals(5, d.maxOrdersPerWindow());
    assertEquals(Duration.ofSeconds(1), d.rateWindow());
  }

  @Test
  void configOverridesKeyByKey() {
    RiskLimits l = RiskLimits.fromConfig(ConfigFactory.parseString(
        "paper = true\nmax-daily-loss = 250000\norder-rate.per = 2s\nduplicate-window = 500ms"));
    assertTrue(l.paper());
    assertEquals(250_000, l.maxDailyLoss());
    assertEquals(Duration.ofSeconds(2), l.rateWindow());
    assertEquals(5, l.maxOrdersPerWindow());
    assertEquals(Duration.ofMillis(500), l.duplicateWindow());
  }

  @Test
  void aNonPositiveLimitIsRefusedWithItsKey() {
    assertKeyNamed("max-order-notional", "max-order-notional = 0");
    assertKeyNamed("max-daily-loss", "max-daily-loss = -1");
    assertKeyNamed("order-rate.per", "order-rate.per = 0s");
    assertKeyNamed("max-cancels-per-day", "max-cancels-per-day = 0");
  }

  @Test
  void aWrongTypeIsRefusedWithItsKey() {
    assertKeyNamed("max-orders-per-day", "max-orders-per-day = lots");
    assertKeyNamed("duplicate-window", "duplicate-window = soon");
  }

  @Test
  void repeatedDenialsAreCountedForOneSecondByDefaultZeroJournalsEachAndANegativeWindowIsRefused() {
    assertEquals(Duration.ofSeconds(1), RiskLimits.defaults().denialRepeatWindow());
    assertEquals(Duration.ZERO, RiskLimits.fromConfig(ConfigFactory.parseString("denial-repeat-window = 0s"))
        .denialRepeatWindow());
    assertEquals(Duration.ofMillis(250), RiskLimits.fromConfig(ConfigFactory.parseString("denial-repeat-window = 250ms"))
        .withPaper(true).denialRepeatWindow());
    assertKeyNamed("denial-repeat-window", "denial-repeat-window = -1s");
    assertKeyNamed("denial-repeat-window", "denial-repeat-window = often");
  }

  @Test
  void aSymbolLimitAboveTheTotalLimitIsRefused() {
    assertKeyNamed("max-symbol-position", "max-symbol-position = 200000000");
  }

  @Test
  void aRateTheCountersCannotTrackIsRefused() {
    assertKeyNamed("order-rate.max-orders", "order-rate.max-orders = 1000");
  }

  private static void assertKeyNamed(String key, String hocon) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> RiskLimits.fromConfig(ConfigFactory.parseString(hocon)));
    assertTrue(e.getMessage().contains(key), e.getMessage());
  }

  @Test
  void theAppConfigBlockIsOptional() {
    assertEquals(RiskLimits.defaults(), RiskLimits.fromAppConfig(ConfigFactory.empty()));
    assertTrue(RiskLimits.fromAppConfig(ConfigFactory.parseString("kis-trader.risk.paper = true")).paper());
  }
}
