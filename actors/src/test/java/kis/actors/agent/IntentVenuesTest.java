package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.strategies.Intent;
import org.junit.jupiter.api.Test;

class IntentVenuesTest {
  static final Symbol S = Symbol.of("005930");

  static OrderSpec routed(Intent i, Venue agent) {
    return ((Intent.Place) IntentVenues.route(i, agent)).spec();
  }

  @Test
  void aPlacementNamingNoVenueGoesToTheAgentsVenue() {
    assertEquals(Venue.NXT, routed(Intent.buyLimit(S, 1, 70_000, "x"), Venue.NXT).venue());
    assertEquals(Venue.SOR, routed(Intent.buyMarket(S, 1, "x"), Venue.SOR).venue());
    assertEquals(Venue.KRX, routed(Intent.buyLimit(S, 1, 70_000, "x"), Venue.KRX).venue());
  }

  @Test
  void aPlacementNamingAVenueKeepsIt() {
    assertEquals(Venue.KRX, routed(Intent.buyLimit(S, 1, 70_000, "x").on(Venue.KRX), Venue.NXT).venue(),
        "Place.on overrides the agent's venue, KRX included");
    assertEquals(Venue.NXT, routed(new Intent.Place(OrderSpec.limit(S, Side.BUY, 1, 70_000).on(Venue.NXT), "x"),
        Venue.KRX).venue(), "a spec built for NXT stays on NXT");
  }

  @Test
  void aBracketsEntryAndLegsGoToTheAgentsVenue() {
    Intent.Protect p = (Intent.Protect) IntentVenues.route(Intent.bracket(OrderSpec.limit(S, Side.BUY, 1, 70_000),
        ProtectiveSpec.stopMarket(S, Side.SELL, 1, 65_000), ProtectiveSpec.takeProfitMarket(S, Side.SELL, 1, 75_000), "b"),
        Venue.NXT);
    assertEquals(Venue.NXT, p.entry().venue());
    assertEquals(List.of(Venue.NXT, Venue.NXT), p.legs().stream().map(ProtectiveSpec::venue).toList());
  }
}
