package kis.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.strategies.event.Bar;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.Trade;
import org.junit.jupiter.api.Test;

class BarsFromTradesTest {
  static final Symbol S = Symbol.of("005930");
  static final Symbol P = Symbol.of("005935");
  static final Instant T0 = Instant.parse("2026-03-02T00:01:00Z"); // 09:01 KST

  /** Records every event; places one order per bar so answers can be told apart. */
  static class BarRecorder extends BaseStrategy {
    final List<StrategyEvent> seen = new ArrayList<>();

    @Override
    public Set<Symbol> symbols() {
      return Set.of(S, P);
    }

    @Override
    protected List<Intent> onTrade(Trade trade, StrategyContext ctx) {
      seen.add(trade);
      return List.of(new Intent.CancelTimer("trade " + trade.price()));
    }

    @Override
    protected List<Intent> onBar(Bar bar, StrategyContext ctx) {
      seen.add(bar);
      return List.of(new Intent.CancelTimer("bar " + bar.close()));
    }
  }

  /** Trades only: never asks for bars. */
  static final class TradesOnly extends BaseStrategy {
    @Override
    public Set<Symbol> symbols() {
      return Set.of(S);
    }

    @Override
    protected List<Intent> onTrade(Trade trade, StrategyContext ctx) {
      return List.of();
    }
  }

  static Trade trade(Symbol s, long secondsAfterT0, long price, long qty) {
    return new Trade(s, T0.plusSeconds(secondsAfterT0), price, qty, 0);
  }

  static List<Intent> send(Strategy s, StrategyEvent e) {
    return s.onEvent(e, new StrategyContext(new AgentId("t"), e instanceof kis.strategies.event.MarketEvent m
        ? m.time() : T0, AgentState.empty("t")));
  }

  @Test
  void aStrategyDeclaresItConsumesBarsByOverridingOnBar() {
    assertTrue(new BarRecorder().consumesBars());
    assertTrue(new BarRecorder() { }.consumesBars(), "a subclass of a bar strategy consumes bars too");
    assertFalse(new TradesOnly().consumesBars());
  }

  @Test
  void aStrategyDeclaresItConsumesInvestorFlowsByOverridingOnInvestorFlow() {
    assertFalse(new BarRecorder().consumesInvestorFlows());
    Strategy flows = new BarRecorder() {
      @Override
      protected List<Intent> onInvestorFlow(kis.strategies.event.InvestorFlow flow, StrategyContext ctx) {
        return List.of();
      }
    };
    assertTrue(flows.consumesInvestorFlows());
    assertTrue(BarsFromTrades.around(flows).consumesInvestorFlows(), "the bar feed keeps the declaration");
  }

  @Test
  void aStrategyThatDoesNotConsumeBarsIsLeftAsItIs() {
    TradesOnly s = new TradesOnly();
    assertSame(s, BarsFromTrades.around(s));
  }

  @Test
  void theBarOfAMinuteFollowsTheTradeThatEndedItInTheSameAnswer() {
    BarRecorder r = new BarRecorder();
    Strategy s = BarsFromTrades.around(r);
    assertSame(s, BarsFromTrades.around(s), "wrapping twice would build every bar twice");
    send(s, trade(S, 0, 10_000, 5));
    send(s, trade(S, 20, 10_200, 3));
    send(s, trade(S, 40, 9_900, 2));
    List<Intent> answer = send(s, trade(S, 65, 10_100, 1));
    assertEquals(List.of(new Intent.CancelTimer("trade 10100"), new Intent.CancelTimer("bar 9900")), answer);
    Bar bar = (Bar) r.seen.get(4);
    assertEquals(new Bar(S, T0.plusSeconds(60), Duration.ofMinutes(1), 10_000, 10_200, 9_900, 9_900, 10), bar);
  }

  @Test
  void eachSymbolHasItsOwnBars() {
    BarRecorder r = new BarRecorder();
    Strategy s = BarsFromTrades.around(r);
    send(s, trade(S, 0, 10_000, 5));
    send(s, trade(P, 10, 8_000, 4));
    send(s, trade(P, 70, 8_100, 1)); // ends P's first minute only
    assertEquals(1, r.seen.stream().filter(Bar.class::isInstance).count());
    assertEquals(P, ((Bar) r.seen.get(3)).symbol());
  }

  @Test
  void aSymbolWhoseFeedBringsMinuteBarsIsNotBuiltForTwice() {
    BarRecorder r = new BarRecorder();
    Strategy s = BarsFromTrades.around(r, sym -> !sym.equals(P));
    send(s, trade(P, 0, 8_000, 4));
    send(s, trade(P, 70, 8_100, 1));
    assertTrue(r.seen.stream().noneMatch(Bar.class::isInstance), "P is excluded up front");

    send(s, trade(S, 0, 10_000, 5));
    send(s, new Bar(S, T0.plusSeconds(60), Bar.MINUTE, 10_000, 10_000, 10_000, 10_000, 5));
    send(s, trade(S, 70, 10_100, 1));
    send(s, trade(S, 130, 10_100, 1));
    assertEquals(1, r.seen.stream().filter(Bar.class::isInstance).count(), "only the feed's bar: " + r.seen);
  }

  @Test
  void theDeprecatedSwitchIsNamedWithWhereItWasSetAndNothingIsSaidWithoutIt() {
    String note = BarsFromTrades.deprecationNote("agent band strategy.params",
        com.typesafe.config.ConfigFactory.parseString("bars-from-trades = false")).orElseThrow();
    assertTrue(note.startsWith("agent band strategy.params: bars-from-trades is deprecated and ignored"), note);
    assertTrue(BarsFromTrades.deprecationNote("x", com.typesafe.config.ConfigFactory.parseString("window = 5"))
        .isEmpty());
  }
}
