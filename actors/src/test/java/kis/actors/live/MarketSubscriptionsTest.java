package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kis.actors.agent.AgentConfig;
import kis.actors.supervisor.FeedPriority;
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
  void moreFeedsThanRegistrationsAreNotRefusedButPolledAndOnlyNoticesBeyondTheLimitAre() {
    MarketSubscriptions s = MarketSubscriptions.of(List.of(agent("a", "005930", ""), agent("c", "005930", "venue = NXT"),
        agent("d", "000660", "venue = SOR")), true);

    assertEquals(Optional.empty(), s.refusal(4));
    assertEquals(Optional.empty(), s.refusal(3));
    assertEquals(Optional.empty(), s.refusal(1), "every market feed can be polled");
    assertEquals(0, s.polled(4));
    assertEquals(Optional.empty(), s.pollingNote(4));
    assertEquals(1, s.polled(3));
    assertEquals(3, s.polled(1));
    String note = s.pollingNote(3).orElseThrow();
    assertTrue(note.contains("need 4 KIS websocket registrations, 3 allowed"), note);
    assertTrue(note.contains("1 feed(s) will be polled by REST"), note);
    String why = s.refusal(0).orElseThrow();
    assertTrue(why.contains("execution notices need 1"), why);
    assertEquals(Optional.empty(), MarketSubscriptions.of(List.of(agent("a", "005930", "")), false).refusal(0));
  }

  @Test
  void anAgentsPriorityIsItsOwnKeyOrForAutoWhetherItsStrategyNeedsTicks() {
    assertEquals(FeedPriority.TICKS, MarketSubscriptions.priorityOf(agent("t", "005930", "market-data-priority = ticks")));
    assertEquals(FeedPriority.POLL, MarketSubscriptions.priorityOf(agent("p", "005930", "market-data-priority = poll")));
    // volume-trigger decides on bars: a polled price serves it.
    assertEquals(FeedPriority.PRINTS, MarketSubscriptions.priorityOf(agent("a", "005930", "")));
    assertEquals(FeedPriority.PRINTS, MarketSubscriptions.priorityOf(agent("b", "005930", "market-data-priority = auto")));
    IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> agent("x", "005930", "market-data-priority = fast"));
    assertTrue(bad.getMessage().contains("market-data-priority"), bad.getMessage());
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
