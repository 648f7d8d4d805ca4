package kis.actors.live;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kis.actors.agent.AgentConfig;
import kis.actors.manager.FirstThenFresh;
import kis.actors.supervisor.MarketFeed;
import kis.journal.PrintSource;
import kis.journal.Symbol;

/**
 * The realtime registrations the configured agents need at KIS, counted before anything starts:
 * one per (feed, symbol) their {@code market-data} asks for (KRX {@code H0STCNT0}, NXT
 * {@code H0NXCNT0}, integrated {@code H0UNCNT0}; agents sharing one share its registration), plus
 * the execution notices. KIS allows {@code kis.websocket.max-subscriptions} (41) per session, so
 * a configuration that needs more is refused at start, naming the count, rather than leaving some
 * agent without prints. The stocks' market-status registrations (VI news) are not counted here:
 * they take only the slots left ({@code kis.actors.supervisor.StatusSlots}) and never refuse a start.
 *
 * @param feeds every distinct (source, symbol) the agents see
 * @param notices whether the execution notices take a registration ({@code kis-trader.supervisor.execution-notices})
 */
public record MarketSubscriptions(Set<MarketFeed> feeds, boolean notices) {
  public MarketSubscriptions {
    feeds = Set.copyOf(feeds);
  }

  /** What {@code agents} need. */
  public static MarketSubscriptions of(List<AgentConfig> agents, boolean notices) {
    Set<MarketFeed> feeds = new LinkedHashSet<>();
    for (AgentConfig a : agents) {
      PrintSource source = printsOf(a);
      symbolsOf(a).forEach(s -> feeds.add(new MarketFeed(source, s)));
    }
    return new MarketSubscriptions(feeds, notices);
  }

  /** Whose prints the agent sees: its venue's book, or the integrated feed ({@code market-data = integrated}, or SOR). */
  public static PrintSource printsOf(AgentConfig a) {
    return PrintSource.of(a.trading().venue(), a.trading().integratedPrints());
  }

  /** The symbols whose prints the agent's strategy needs, its configured symbol included. */
  public static List<Symbol> symbolsOf(AgentConfig a) {
    List<Symbol> out = new ArrayList<>(FirstThenFresh.create(a).symbols());
    if (!out.contains(a.symbol())) {
      out.add(a.symbol());
    }
    return List.copyOf(out);
  }

  /** Registrations in all. */
  public int registrations() {
    return feeds.size() + (notices ? 1 : 0);
  }

  /** Why the agents cannot all be served within {@code max} registrations, or empty when they fit. */
  public Optional<String> refusal(int max) {
    if (registrations() <= max) {
      return Optional.empty();
    }
    return Optional.of("the configured agents need " + registrations() + " KIS websocket registrations ("
        + feeds.size() + " trade feed(s), one per symbol and market-data source" + (notices ? ", plus 1 for the"
        + " execution notices" : "") + "), more than the " + max + " KIS allows per session"
        + " (kis.websocket.max-subscriptions): trade fewer symbols, or let agents on one symbol share a market-data"
        + " source");
  }
}
