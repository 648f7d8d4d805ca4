package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kis.actors.agent.AgentConfig;
import kis.actors.supervisor.MarketFeed;
import kis.journal.PrintSource;
import kis.journal.Symbol;
import org.junit.jupiter.api.Test;

class MarketSubscriptionsTest {
  static AgentConfig agent(String id, String symbol, String trading) {
    return AgentConfig.from(ConfigFactory.parseString("id = " + id + ", symbol = \"" + symbol + "\", strategy {"
        + " name = volume-trigger, params { symbol = \"" + symbol + "\", quantity = 1, lookback-bars = 5 } }\n"
        + trading));
  }

  @Test
  void eachAgentSeesItsVenuesPrintsOrTheIntegratedFeedWhenItAsksOrRoutesThroughSor() {
    assertEquals(PrintSource.KRX, MarketSubscriptions.printsOf(agent("a", "005930", "")));
    assertEquals(PrintSource.NXT, MarketSubscriptions.printsOf(agent("b", "005930", "venue = NXT")));
    assertEquals(PrintSource.INTEGRATED, MarketSubscriptions.printsOf(agent("c", "005930", "venue = SOR")));
    assertEquals(PrintSource.INTEGRATED,
        MarketSubscriptions.printsOf(agent("d", "005930", "venue = KRX, market-data = integrated")));
    assertEquals(PrintSource.INTEGRATED,
        MarketSubscriptions.printsOf(agent("e", "005930", "venue = NXT, market-data = integrated")));
  }

  @Test
  void agentsOnOneSymbolAndSourceShareOneRegistrationAndTheNoticesTakeOneMore() {
    MarketSubscriptions s = MarketSubscriptions.of(List.of(agent("a", "005930", ""), agent("b", "005930", ""),
        agent("c", "005930", "venue = NXT"), agent("d", "000660", "venue = SOR"),
        agent("e", "000660", "market-data = integrated")), true);

    assertEquals(Set.of(new MarketFeed(PrintSource.KRX, Symbol.of("005930")),
        new MarketFeed(PrintSource.NXT, Symbol.of("005930")),
        new MarketFeed(PrintSource.INTEGRATED, Symbol.of("000660"))), s.feeds());
    assertEquals(4, s.registrations());
    assertEquals(3, MarketSubscriptions.of(List.of(agent("a", "005930", ""), agent("c", "005930", "venue = NXT"),
        agent("d", "000660", "venue = SOR")), false).registrations());
  }

  @Test
  void moreRegistrationsThanKisAllowsAreRefusedNamingTheCountAndTheLimit() {
    MarketSubscriptions s = MarketSubscriptions.of(List.of(agent("a", "005930", ""), agent("c", "005930", "venue = NXT"),
        agent("d", "000660", "venue = SOR")), true);

    assertEquals(Optional.empty(), s.refusal(4));
    String why = s.refusal(3).orElseThrow();
    assertTrue(why.contains("need 4 KIS websocket registrations"), why);
    assertTrue(why.contains("3 trade feed(s)"), why);
    assertTrue(why.contains("more than the 3 KIS allows"), why);
    assertTrue(why.contains("kis.websocket.max-subscriptions"), why);
  }

  @Test
  void agentsFillingEverySlotWithPrintsStillStartAndTheirStocksGetNoMarketStatusSlot() {
    List<AgentConfig> forty = java.util.stream.IntStream.range(0, 40)
        .mapToObj(i -> agent("a" + i, String.format("%06d", 100_000 + i), "")).toList();
    MarketSubscriptions s = MarketSubscriptions.of(forty, true);

    assertEquals(41, s.registrations(), "the notices and 40 print feeds; no market status counted");
    assertEquals(Optional.empty(), s.refusal(41), "market status never refuses a start");
    List<Symbol> stocks = forty.stream().map(AgentConfig::symbol).toList();
    kis.actors.supervisor.StatusSlots slots = new kis.actors.supervisor.StatusSlots(41);
    assertEquals(List.of(), slots.granted(s.registrations(), stocks));
    assertEquals(stocks, slots.without(s.registrations(), stocks), "each named as without live VI news");
    // One agent fewer leaves one slot: the first stock asked for gets its VI news.
    assertEquals(List.of(stocks.get(0)), slots.granted(40, stocks.subList(0, 39)));
  }
}
