package kis.actors.live;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kis.actors.agent.AgentConfig;
import kis.actors.manager.FirstThenFresh;
import kis.actors.supervisor.FeedPriority;
import kis.actors.supervisor.MarketFeed;
import kis.journal.PrintSource;
import kis.journal.Symbol;

/**
 * The realtime registrations the configured agents need at KIS, counted before anything starts:
 * one per (feed, symbol) their {@code market-data} asks for (KRX {@code H0STCNT0}, NXT
 * {@code H0NXCNT0}, integrated {@code H0UNCNT0}; agents sharing one share its registration), plus
 * the execution notices. KIS allows {@code kis.websocket.max-subscriptions} (41) per session; past
 * that the supervisor streams the feeds whose agents need ticks ({@link #priorityOf}) and polls
 * the others' prices by REST ({@link kis.actors.supervisor.SlotPlan}), so only a limit that leaves
 * no room for the notices themselves is refused ({@link #refusal}).
 * The stocks' market-status registrations (VI news) are not counted here: they take only the
 * slots left ({@code kis.actors.supervisor.StatusSlots}) and never refuse a start.
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

  /**
   * How much the agent's symbols need a websocket registration: its {@code market-data-priority},
   * and for {@code auto} the strategy's word ({@code Strategy.needsTicks()}).
   */
  public static FeedPriority priorityOf(AgentConfig a) {
    switch (a.trading().priority()) {
      case TICKS:
        return FeedPriority.TICKS;
      case POLL:
        return FeedPriority.POLL;
      default:
        return FirstThenFresh.create(a).needsTicks() ? FeedPriority.TICKS : FeedPriority.PRINTS;
    }
  }

  /**
   * Why the agents cannot be served within {@code max} registrations: only when the execution
   * notices alone need more (every market feed can be polled, the fills cannot). Empty otherwise.
   */
  public Optional<String> refusal(int max) {
    int needed = notices ? 1 : 0;
    if (needed <= max) {
      return Optional.empty();
    }
    return Optional.of("the execution notices need " + needed + " KIS websocket registration(s), more than the "
        + max + " allowed (kis.websocket.max-subscriptions)");
  }

  /** Feeds without a registration of their own, polled by REST, within {@code max} registrations. */
  public int polled(int max) {
    return Math.max(0, feeds.size() - Math.max(0, max - (notices ? 1 : 0)));
  }

  /** The start-up line for a configuration past {@code max} registrations; empty when everything streams. */
  public Optional<String> pollingNote(int max) {
    if (polled(max) == 0) {
      return Optional.empty();
    }
    return Optional.of(feeds.size() + " market feed(s) and " + (notices ? "the execution notices" : "no notices")
        + " need " + registrations() + " KIS websocket registrations, " + max + " allowed"
        + " (kis.websocket.max-subscriptions): " + polled(max) + " feed(s) will be polled by REST (agents with"
        + " market-data-priority = ticks, or strategies needing ticks, are streamed first)");
  }
}
