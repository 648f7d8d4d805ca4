package kis.actors.agent;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Venue;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * The child JVM of {@link AgentJvmCrashTest}: drives agents on LevelDB, prints each agent's event
 * count and state hash once everything sent so far is journaled, fires one more burst of orders
 * without waiting, and dies with {@code Runtime.halt} (no shutdown hooks, no actor stops, no
 * journal close): as close to pulling the plug as a test can get.
 */
public final class CrashingAgentsMain {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T01:00:00Z"), ZoneId.of("Asia/Seoul"));
  static final Symbol SAMSUNG = Symbol.of("005930");

  private CrashingAgentsMain() {}

  /** A bound per answer that a loaded machine meets (the parent bounds the whole run). */
  static final Duration ANSWER = Duration.ofSeconds(60);

  public static void main(String[] args) {
    try {
      drive(args);
    } catch (Throwable t) {
      // The actor system's threads would keep this JVM alive after main fails: end it, saying why.
      System.out.println("FAILED " + t);
      t.printStackTrace(System.out);
      System.out.flush();
      Runtime.getRuntime().halt(1);
    }
  }

  private static void drive(String[] args) {
    Path dir = Path.of(args[0]);
    int agents = Integer.parseInt(args[1]);
    int orders = Integer.parseInt(args[2]);
    ActorTestKit kit = ActorTestKit.create("doomed", LevelDbTestSystem.config(dir));
    ActorRef<Object> exchange = kit.spawn(ScriptedExchange.create());
    TestProbe<StatusReply<ClientOrderId>> placed = kit.createTestProbe();
    TestProbe<AgentState> state = kit.createTestProbe();
    ActorRef<?>[] refs = new ActorRef<?>[agents];
    for (int a = 0; a < agents; a++) {
      AgentId id = new AgentId("jvm-" + a);
      ActorRef<Agent.Command> agent = kit.spawn(
          Agent.create(AgentSettings.of(id).withSnapshotEvery(50), exchange.narrow(), CLOCK), id.value());
      refs[a] = agent;
      for (int i = 0; i < orders; i++) {
        Side side = i % 3 == 2 ? Side.SELL : Side.BUY;
        // Agent jvm-1 trades on NXT: an order's venue must come back from the halted journal.
        agent.tell(new Agent.PlaceOrder(OrderSpec.limit(SAMSUNG, side, 1 + i % 9, 69_500 + (i % 10) * 100)
            .on(a == 1 ? Venue.NXT : Venue.KRX), "drive", placed.getRef()));
        placed.receiveMessage(ANSWER);
      }
      exchange.tell(new ScriptedExchange.Flush(agent, state.getRef()));
      AgentState s = state.receiveMessage(ANSWER);
      System.out.println("STATE " + id + " " + s.eventCount() + " " + s.stateHash());
    }
    System.out.flush();
    for (ActorRef<?> r : refs) {
      @SuppressWarnings("unchecked")
      ActorRef<Agent.Command> agent = (ActorRef<Agent.Command>) r;
      for (int i = 0; i < 20; i++) {
        agent.tell(new Agent.PlaceOrder(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000)
            .on("jvm-1".equals(agent.path().name()) ? Venue.NXT : Venue.KRX), "burst", placed.getRef()));
      }
    }
    System.out.println("HALT");
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}
