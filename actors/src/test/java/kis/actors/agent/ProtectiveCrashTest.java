package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import kis.journal.ClientOrderId;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderRequested;
import kis.journal.event.ProtectiveTriggered;
import kis.journal.state.AgentState;
import kis.journal.state.ArmedOrder;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.journal.leveldb.javadsl.LeveldbReadJournal;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM halted with armed, trailed and fired protective orders ({@link ProtectiveCrashMain}): after
 * the restart every armed order is back with its trailed trigger, a child journaled before the crash
 * is in doubt and never sent again, a fire that was not journaled was not lost (its stop is still
 * armed and fires on a later print), and a stop armed before the restart fires after it, once.
 */
@ExtendWith(LogCapturingExtension.class)
class ProtectiveCrashTest {
  @TempDir Path dir;

  @Test
  void aRestartReArmsWhatWasArmedNeverResendsAFiredChildAndStillFiresWhatWasArmed() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), ProtectiveCrashMain.class.getName(),
        dir.toString()).redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    String[] printed = null;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        output.add(line);
        if (line.startsWith("STATE ")) {
          printed = line.split(" ");
        }
      }
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not exit");
    assertTrue(output.contains("HALT") && printed != null, String.join("\n", output));

    ActorTestKit kit = ActorTestKit.create("after-stops-crash", LevelDbTestSystem.config(dir));
    try {
      TestProbe<OrderPort> port = kit.createTestProbe(OrderPort.class);
      ActorRef<Agent.Command> agent = kit.spawn(Agent.create(AgentSettings.of(ProtectiveCrashMain.ID)
          .withSnapshotEvery(4), port.getRef(), CrashingAgentsMain.CLOCK), "stops");
      AgentState recovered = awaitNoRequested(kit, agent);
      List<AgentEvent> events = PersistenceQuery.get(Adapter.toClassic(kit.system()))
          .getReadJournalFor(LeveldbReadJournal.class, LeveldbReadJournal.Identifier())
          .currentEventsByPersistenceId(Agent.persistenceId(ProtectiveCrashMain.ID).id(), 0, Long.MAX_VALUE)
          .map(EventEnvelope::event).map(AgentEvent.class::cast)
          .runWith(Sink.seq(), kit.system()).toCompletableFuture().get(10, TimeUnit.SECONDS);
      long acked = Long.parseLong(printed[1]);
      assertEquals(printed[2], AgentState.fold(ProtectiveCrashMain.ID.value(), events.subList(0, (int) acked))
          .stateHash(), "the acknowledged prefix folds to what the agent had");
      List<ClientOrderId> children = events.stream().filter(e -> e instanceof ProtectiveTriggered)
          .map(e -> ((ProtectiveTriggered) e).childOrderId()).toList();
      assertEquals(children.size(), events.stream().filter(e -> e instanceof OrderRequested).count(),
          "every fire has its child request in the same write");
      for (ClientOrderId c : children) {
        assertEquals(OrderStatus.IN_DOUBT, recovered.order(c).map(Order::status).orElseThrow(),
            "a child journaled before the crash is left to the reconciler");
      }
      Optional<ArmedOrder> p2 = recovered.protections().get(ProtectiveCrashMain.P2);
      assertTrue(recovered.protections().get(ProtectiveCrashMain.P1).isEmpty(), "the acknowledged fire stands");
      assertEquals(children.size() == 1, p2.isPresent(), "the second stop fired (journaled) or is still armed");
      p2.ifPresent(o -> assertEquals(70_500, o.trigger(), "re-armed at its trailed trigger"));
      port.expectNoMessage(Duration.ofMillis(300)); // nothing is re-sent after the restart

      TestProbe<StatusReply<Done>> ack = kit.createTestProbe();
      // A print before the reconciler resolved the children: nothing fires, the stop stays armed.
      agent.tell(new Agent.ApplyProtectiveSteps(List.of(ProtectiveCrashMain.fire(ProtectiveCrashMain.P1, 70_000),
          ProtectiveCrashMain.fire(ProtectiveCrashMain.P2, 70_000)), CrashingAgentsMain.CLOCK.instant(), ack.getRef()));
      ack.receiveMessage(Duration.ofSeconds(10));
      port.expectNoMessage(Duration.ofMillis(300));
      for (ClientOrderId c : children) {
        agent.tell(new Agent.ResolveInDoubt(c, Optional.empty(), null, ack.getRef()));
        assertTrue(ack.receiveMessage(Duration.ofSeconds(10)).isSuccess());
      }
      agent.tell(new Agent.ApplyProtectiveSteps(List.of(ProtectiveCrashMain.fire(ProtectiveCrashMain.P1, 70_000),
          ProtectiveCrashMain.fire(ProtectiveCrashMain.P2, 70_000)), CrashingAgentsMain.CLOCK.instant(), ack.getRef()));
      ack.receiveMessage(Duration.ofSeconds(10));
      if (p2.isPresent()) {
        OrderPort.SendOrder sent = port.expectMessageClass(OrderPort.SendOrder.class, Duration.ofSeconds(10));
        assertEquals(10, sent.spec().quantity());
      }
      port.expectNoMessage(Duration.ofMillis(300)); // P1 fired before the crash: never again
      TestProbe<AgentState> probe = kit.createTestProbe();
      agent.tell(new Agent.GetState(probe.getRef()));
      AgentState end = probe.receiveMessage(Duration.ofSeconds(10));
      assertTrue(end.protections().armed().isEmpty());
      assertEquals(List.of(), end.invariantViolations());
    } finally {
      kit.shutdownTestKit();
    }
  }

  private static AgentState awaitNoRequested(ActorTestKit kit, ActorRef<Agent.Command> agent) {
    TestProbe<AgentState> probe = kit.createTestProbe();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      agent.tell(new Agent.GetState(probe.getRef()));
      AgentState s = probe.receiveMessage(Duration.ofSeconds(10));
      if (s.ordersIn(OrderStatus.REQUESTED).isEmpty()) {
        return s;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still REQUESTED: " + s.ordersIn(OrderStatus.REQUESTED));
      }
    }
  }
}
