package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;
import kis.strategies.event.PhaseChanged;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A stock's VI crosses nodes from the desk to the runner (cluster profile) and comes out as the same phase. */
class StockPhaseTest {
  static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @Test
  void aViAndItsEndSurviveTheClustersSerializerAsTheSamePhaseChanged() {
    Instant at = Instant.parse("2026-11-23T01:00:00Z");
    PhaseChanged vi = new PhaseChanged(Venue.KRX, Symbol.of("005930"), MarketPhase.VOLATILITY_INTERRUPTION,
        Optional.of(MarketPhase.CONTINUOUS), at);
    PhaseChanged unknownBefore = new PhaseChanged(Venue.KRX, Symbol.of("005930"), MarketPhase.CONTINUOUS, at);
    for (PhaseChanged p : new PhaseChanged[] {vi, unknownBefore}) {
      AgentRunner.StockPhase sent = AgentRunner.StockPhase.of(p);
      KIT.serializationTestKit().verifySerialization(sent, true);
      assertEquals(p, sent.event());
    }
  }
}
