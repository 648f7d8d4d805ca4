package kis.cluster;

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
 * wherever that runs now, as serializable {@link AgentEntity} commands (a {@link StrategyHost}
 * command never crosses nodes). It remembers the last of each, so when the desk points it at a
 * restarted or moved entity ({@link Target}) the new host hears them all at once. Lives as long as
 * the account singleton. Accepts {@link StrategyHost.Command} and {@link Target}.
 */
final class HostRelay {
  /** Where the facts go from now on; null while the agent is not running. */
  record Target(ActorRef<AgentEntity.Command> entity) {}

  private AgentEntity.KillSwitchNow killSwitch;
  private AgentEntity.ConnectionNow connection;
  private AgentEntity.AccountLinkNow account;
  private AgentEntity.AccountFiguresNow figures;
  private final Map<Symbol, AgentEntity.BasePriceNow> base = new LinkedHashMap<>();
  private ActorRef<AgentEntity.Command> entity;

  private HostRelay(ActorRef<AgentEntity.Command> first) {
    this.entity = first;
  }

  static Behavior<Object> create(ActorRef<AgentEntity.Command> first) {
    return Behaviors.setup(ctx -> new HostRelay(first).relaying());
  }

  private Behavior<Object> relaying() {
    return Behaviors.receiveMessage(m -> {
      if (m instanceof Target t) {
        entity = t.entity();
        replay();
      } else if (m instanceof StrategyHost.KillSwitchChanged k) {
        send(killSwitch = new AgentEntity.KillSwitchNow(k.engaged()));
      } else if (m instanceof StrategyHost.ConnectionChanged c) {
        send(connection = new AgentEntity.ConnectionNow(c.live(), c.state()));
      } else if (m instanceof StrategyHost.UseAccount u) {
        send(account = new AgentEntity.AccountLinkNow(u.link()));
      } else if (m instanceof StrategyHost.AccountNow a) {
        send(figures = new AgentEntity.AccountFiguresNow(a.figures()));
      } else if (m instanceof StrategyHost.BasePrice b) {
        AgentEntity.BasePriceNow now = new AgentEntity.BasePriceNow(b.symbol(), b.tradingDay(), b.price());
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

  private void send(AgentEntity.Command c) {
    if (entity != null && c != null) {
      entity.tell(c);
    }
  }
}
