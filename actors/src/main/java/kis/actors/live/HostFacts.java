package kis.actors.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import kis.actors.agent.StrategyHost;
import kis.journal.Symbol;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The account's facts as an {@link AgentRunner} last heard them (kill switch, connection, disk,
 * account link and figures, base prices), so a host it spawns later (a fresh start) starts knowing
 * them, and how each becomes its {@link StrategyHost} command. The facts cross nodes as the
 * runner's serializable commands; a {@link StrategyHost} command never does.
 */
public final class HostFacts {
  private AgentRunner.KillSwitchNow killSwitch;
  private AgentRunner.ConnectionNow connection;
  private AgentRunner.DiskNow disk;
  private AgentRunner.AccountLinkNow account;
  private AgentRunner.AccountFiguresNow figures;
  private final Map<Symbol, AgentRunner.BasePriceNow> base = new LinkedHashMap<>();

  /** Keeps {@code fact} if it is one (the last of each kind, per symbol for base prices). */
  void remember(AgentRunner.Command fact) {
    if (fact instanceof AgentRunner.KillSwitchNow k) {
      killSwitch = k;
    } else if (fact instanceof AgentRunner.ConnectionNow c) {
      connection = c;
    } else if (fact instanceof AgentRunner.DiskNow d) {
      disk = d;
    } else if (fact instanceof AgentRunner.AccountLinkNow a) {
      account = a;
    } else if (fact instanceof AgentRunner.AccountFiguresNow f) {
      figures = f;
    } else if (fact instanceof AgentRunner.BasePriceNow b) {
      base.put(b.symbol(), b);
    }
  }

  /** Tells {@code host} the last of every fact heard, in the order the account first tells them. */
  void replayTo(ActorRef<StrategyHost.Command> host) {
    Stream.concat(Stream.of(killSwitch, connection, disk, account, figures), base.values().stream())
        .filter(java.util.Objects::nonNull)
        .forEach(f -> forHost(f).ifPresent(host::tell));
  }

  /** The host's command for an account fact; empty for any other runner command. */
  public static Optional<StrategyHost.Command> forHost(AgentRunner.Command fact) {
    if (fact instanceof AgentRunner.KillSwitchNow k) {
      return Optional.of(new StrategyHost.KillSwitchChanged(k.engaged()));
    } else if (fact instanceof AgentRunner.ConnectionNow c) {
      return Optional.of(new StrategyHost.ConnectionChanged(c.live(), c.state()));
    } else if (fact instanceof AgentRunner.DiskNow d) {
      return Optional.of(new StrategyHost.DiskChanged(d.low(), d.detail()));
    } else if (fact instanceof AgentRunner.AccountLinkNow a) {
      return Optional.of(new StrategyHost.UseAccount(a.link()));
    } else if (fact instanceof AgentRunner.AccountFiguresNow f) {
      return Optional.of(new StrategyHost.AccountNow(f.figures()));
    } else if (fact instanceof AgentRunner.BasePriceNow b) {
      return Optional.of(new StrategyHost.BasePrice(b.symbol(), b.tradingDay(), b.price()));
    }
    return Optional.empty();
  }
}
