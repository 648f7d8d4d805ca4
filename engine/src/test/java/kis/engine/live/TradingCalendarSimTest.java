package kis.engine.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import kis.connector.KisConfig;
import kis.connector.KisCredentials;
import kis.connector.assembly.KisConnector;
import kis.journal.calendar.KrxCalendar;
import kis.sim.KisSimulator;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's calendar at start, against kis-sim's {@code chk-holiday} on pinned clocks: KIS's
 * answer wins over the checked-in table for the days it covers and covers them; without KIS the
 * table stands, and a date it does not cover is refused.
 */
class TradingCalendarSimTest {
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  static final Duration WAIT = Duration.ofSeconds(30);
  static KisSimulator sim;
  static ActorTestKit kit;
  static KisConnector real;
  static KisConnector paper;

  @BeforeAll
  static void start() throws Exception {
    sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { flavour = REAL, tick-interval = 0, rate-limit-per-second = -1, seed = 7,"
            + " token-reissue-interval = 0s, pingpong-interval = 1h }")));
    kit = ActorTestKit.create("calendar", ConfigFactory.parseString("pekko.stdout-loglevel = OFF"));
    real = connector("real");
    paper = connector("paper");
  }

  static KisConnector connector(String trIds) throws Exception {
    SimCredentials c = sim.credentials();
    return KisConnector.create(kit.system(), KisConfig.fromConfig(ConfigFactory.parseString(
        "kis { mode = sim, tr-ids = " + trIds + ", rest-url = \"" + sim.restBaseUrl() + "\", ws-url = \""
            + sim.websocketUrl() + "\", token.cache-dir = \"" + Files.createTempDirectory("kis-tokens") + "\" }")),
        KisCredentials.of(c.appKey(), c.appSecret(), c.cano() + "-" + c.acntPrdtCd(), c.htsId()));
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
    sim.close();
  }

  static Clock at(LocalDate day) {
    return Clock.fixed(ZonedDateTime.of(day, LocalTime.of(7, 0), SEOUL).toInstant(), SEOUL);
  }

  /** A table that got Christmas week wrong: the 24th listed as a holiday, the 25th left out. */
  static final KrxCalendar WRONG_TABLE = KrxCalendar.fromConfig(ConfigFactory.parseString(
      "holidays = [\"2026-12-24\"]"));

  @Test
  void kisChkHolidayWinsOverTheCheckedInTableForTheDaysItAnswers() {
    LocalDate eve = LocalDate.of(2026, 12, 24);
    LocalDate christmas = LocalDate.of(2026, 12, 25);
    assertFalse(WRONG_TABLE.isTradingDay(eve));
    assertTrue(WRONG_TABLE.isTradingDay(christmas));

    TradingCalendar c = TradingCalendar.resolve(WRONG_TABLE, real.rest()::chkHoliday, at(LocalDate.of(2026, 12, 21)),
        WAIT);

    assertTrue(c.calendar().isTradingDay(eve), "KIS says the market opens on the 24th");
    assertFalse(c.calendar().isTradingDay(christmas), "KIS says it is closed on the 25th");
    assertEquals(LocalDate.of(2026, 12, 28), c.calendar().nextTradingDay(christmas));
    assertTrue(c.source().startsWith("KIS's chk-holiday for "), c.source());
    assertEquals(Optional.empty(), c.refusal(at(LocalDate.of(2026, 12, 21))));
  }

  @Test
  void aDayBeyondTheTablesYearsIsRefusedUnlessKisAnsweredForIt() {
    Clock day = at(LocalDate.of(2028, 3, 2));
    KrxCalendar table = KrxCalendar.defaults();

    String refused = new TradingCalendar(table, "the checked-in table").refusal(day).orElseThrow();
    assertTrue(refused.contains("no trading calendar for today (2028-03-02)"), refused);
    assertTrue(refused.contains("does not cover 2028"), refused);

    TradingCalendar withKis = TradingCalendar.resolve(table, real.rest()::chkHoliday, day, WAIT);
    assertEquals(Optional.empty(), withKis.refusal(day), withKis.source());
    assertTrue(withKis.calendar().isTradingDay(LocalDate.of(2028, 3, 2)));
  }

  @Test
  void withoutKisTheTableStandsAndADateItDoesNotCoverIsRefused() {
    // Paper accounts are refused chk-holiday (real only): the connector fails it without a call.
    Clock covered = at(LocalDate.of(2026, 10, 12));
    TradingCalendar c = TradingCalendar.resolve(WRONG_TABLE, paper.rest()::chkHoliday, covered, WAIT);
    assertTrue(c.source().startsWith("the checked-in table (KIS's chk-holiday not available"), c.source());
    assertFalse(c.calendar().isTradingDay(LocalDate.of(2026, 12, 24)), "the table's word stands");
    assertEquals(Optional.empty(), c.refusal(covered));

    Clock beyond = at(LocalDate.of(2028, 3, 2));
    String refused = TradingCalendar.resolve(KrxCalendar.defaults(), paper.rest()::chkHoliday, beyond, WAIT)
        .refusal(beyond).orElseThrow();
    assertTrue(refused.contains("does not cover 2028"), refused);
    assertTrue(refused.contains("calendar from the checked-in table"), refused);
  }
}
