package kis.actors.live;

import java.util.LinkedHashMap;
import java.util.Map;
import kis.actors.agent.StrategyHost;
import kis.journal.Symbol;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Stands in for one agent's strategy host next to the account's {@code HostSignals}: the kill
 * switch, the KIS connection state, the account's limits and figures, and the base prices it is told go on to the agent's entity,
 * wherever that runs now, as serializable {@link AgentRunner} commands (a {@link StrategyHost}
 * command never crosses nodes). It remembers the last of each, so when the desk points it at a
 * restarted or moved entity ({@link Target}) the new host hears them all at once. Lives as long as
 * the account singleton. Accepts {@link StrategyHost.Command} and {@link Target}.
 */
final class HostRelay {
  /** Where the facts go from now on; null while the agent is not running. */
  record Target(ActorRef<AgentRunner.Command> entity) {}

  private AgentRunner.KillSwitchNow killSwitch;
  private AgentRunner.ConnectionNow connection;
  private AgentRunner.AccountLinkNow account;
  private AgentRunner.AccountFiguresNow figures;
  private final Map<Symbol, AgentRunner.BasePriceNow> base = new LinkedHashMap<>();
  private ActorRef<AgentRunner.Command> entity;

  private HostRelay(ActorRef<AgentRunner.Command> first) {
    this.entity = first;
  }

  static Behavior<Object> create(ActorRef<AgentRunner.Command> first) {
    return Behaviors.setup(ctx -> new HostRelay(first).relaying());
  }

  private Behavior<Object> relaying() {
    return Behaviors.receiveMessage(m -> {
      if (m instanceof Target t) {
        entity = t.entity();
        replay();
      } else if (m instanceof StrategyHost.KillSwitchChanged k) {
        send(killSwitch = new AgentRunner.KillSwitchNow(k.engaged()));
      } else if (m instanceof StrategyHost.ConnectionChanged c) {
        send(connection = new AgentRunner.ConnectionNow(c.live(), c.state()));
      } else if (m instanceof StrategyHost.UseAccount u) {
        send(account = new AgentRunner.AccountLinkNow(u.link()));
      } else if (m instanceof StrategyHost.AccountNow a) {
        send(figures = new AgentRunner.AccountFiguresNow(a.figures()));
      } else if (m instanceof StrategyHost.BasePrice b) {
        AgentRunner.BasePriceNow now = new AgentRunner.BasePriceNow(b.symbol(), b.tradingDay(), b.price());
        base.put(b.symbol(), now);
        send(now);
      }
      return Behaviors.same();
    });
  }

  private void replay() {
    send(killSwitch);
    send(connection);
    send(account);
    send(figures);
    base.values().forEach(this::send);
  }

  private void send(AgentRunner.Command c) {
    if (entity != null && c != null) {
      entity.tell(c);
    }
  }
}
