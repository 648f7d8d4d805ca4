package kis.actors.reconcile;

import static kis.actors.live.LiveHarness.WAIT;
import static kis.actors.live.LiveHarness.awaitTrue;
import static kis.actors.live.LiveHarness.join;

import java.time.Duration;
import kis.actors.agent.Agent;
import kis.actors.live.LiveHarness;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/** What the account-witness sim tests share: their harness, and an agent's buy filled with its notice. */
final class WitnessOnSim {
  private WitnessOnSim() {}

  /**
   * kis-sim and the live actors, the account a second witness that judges drift after two runs
   * with no minimum time (the tests' runs follow each other closely), notices fed to the gateway.
   */
  static LiveHarness harness() throws Exception {
    LiveHarness h = new LiveHarness("", s -> s.withWitness(new AccountWitness(2, Duration.ZERO)));
    try {
      h.feedNotices();
    } catch (Exception | AssertionError e) {
      h.close();
      throw e;
    }
    return h;
  }

  /** {@code agent} buys {@code qty} of {@code symbol} at the last price, filled with its notice; returns the price. */
  static long buyFilled(LiveHarness h, ActorRef<Agent.Command> agent, Symbol symbol, long qty) throws Exception {
    long px = join(h.kis.rest().inquirePrice(symbol.code())).stckPrpr();
    long held = h.state(agent).position(symbol).quantity();
    TestProbe<StatusReply<ClientOrderId>> placed = h.kit.createTestProbe();
    agent.tell(new Agent.PlaceOrder(OrderSpec.limit(symbol, Side.BUY, qty, px), "test", placed.getRef()));
    ClientOrderId id = placed.receiveMessage(WAIT).getValue();
    awaitTrue("accepted", () -> h.state(agent).order(id).map(o -> o.orderNo() != null).orElse(false));
    h.trade(symbol.code(), px, qty);
    awaitTrue("filled", () -> h.state(agent).position(symbol).quantity() == held + qty);
    return px;
  }
}
